package dev.hft.pipeline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.pipeline.runtime.Counters;

/** Run files of processes that are gone (kill -9, a failed start) are removed by the next run; a live run's stay. */
class RunFilesTest {

    @Test
    void theNextRunRemovesWhatDeadRunsLeftAndKeepsItsOwn(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        Files.writeString(dir.resolve(dead + ".run"), "pid=" + dead + "\nstarted=2026-01-01T00:00:00Z\ntopology=t\ncounters="
                + dir.resolve(dead + ".counters") + "\n");
        Files.write(dir.resolve(dead + ".counters"), new byte[64]);
        Files.write(dir.resolve("1999999999.counters"), new byte[64]);
        Files.writeString(dir.resolve("notes.txt"), "not a run file");

        Counters counters = RunFiles.mappedCounters(dir, null, "this run", 16);
        long me = ProcessHandle.current().pid();
        try {
            assertFalse(Files.exists(dir.resolve(dead + ".run")), "descriptor of a dead process");
            assertFalse(Files.exists(dir.resolve(dead + ".counters")), "its counters");
            assertFalse(Files.exists(dir.resolve("1999999999.counters")), "counters of a pid that does not exist");
            assertTrue(Files.exists(dir.resolve("notes.txt")), "anything else is left alone");
            assertTrue(Files.exists(dir.resolve(me + ".run")) && Files.exists(dir.resolve(me + ".counters")));
            List<RunFiles.Run> runs = RunFiles.list(dir);
            assertEquals(1, runs.size());
            assertTrue(runs.get(0).alive());
            assertEquals(List.of(), RunFiles.removeStale(dir), "a live run's files are never removed");
        } finally {
            RunFiles.release(counters);
            Files.deleteIfExists(dir.resolve(me + ".counters"));
        }
    }
}
