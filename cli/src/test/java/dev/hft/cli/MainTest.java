package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));

    @Test
    void helpListsTheSubcommands() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("run") && r.out().contains("validate"), r.out());
    }

    @Test
    void brokenTopologyGivesTheReportAndExitTwoWithoutAStackTrace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                rings:
                  - {name: a, event: synthetic, size: 1000}
                stages:
                  - {name: src, kind: placeholder-source, outputs: [a], shard: 2}
                """);
        for (String command : new String[] {"validate", "run"}) {
            CliRun r = command.equals("validate") ? CliRun.of("validate", file.toString()) : CliRun.of("run", "--topology", file.toString());
            assertEquals(2, r.code(), command);
            String all = r.out() + r.err();
            assertTrue(all.contains("rings[0].size (line 2): ring size must be a power of two"), all);
            assertTrue(all.contains("stages[0].shard (line 4): unknown key 'shard', did you mean 'shards'?"), all);
            assertTrue(all.contains("ring 'a' has no consumer"), all);
            assertFalse(all.contains("Exception") || all.contains("\tat "), all);
        }
    }

    @Test
    void runsTheTopologyAndPrintsStartupAndSummary() {
        CliRun r = CliRun.of("run", "--topology", Path.of("src/test/resources/placeholder-2core.yaml").toString(),
                "--set", "ingress.events=5000");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("machine: "), r.out());
        assertTrue(r.out().contains("book-1 [placeholder-relay] on thread hft-t0 pinned to core 0 (verified)"), r.out());
        assertTrue(r.out().contains("accounting: every ring drained (published == consumed)"), r.out());
        assertTrue(r.out().matches("(?s).*egress\\s+counting-sink\\s+hft-t1\\s+1\\s+5000\\s+0.*"), r.out());
    }

    @Test
    void countersCanLiveInAFileForOtherProcesses(@TempDir Path dir) {
        Path file = dir.resolve("hft.counters");
        CliRun r = CliRun.of("run", "--topology", Path.of("src/test/resources/placeholder-2core.yaml").toString(),
                "--set", "ingress.events=3000", "--counters", file.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(3000, dev.hft.pipeline.runtime.Counters.value(dev.hft.pipeline.runtime.Counters.openReader(file),
                "egress.received"));
    }

    @Test
    void durationBoundsALiveRun() {
        CliRun r = CliRun.of("run", "--topology", Path.of("src/test/resources/placeholder-2core.yaml").toString(),
                "--set", "ingress.events=" + Long.MAX_VALUE, "--duration", "300ms");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("stopping after PT0.3S"), r.out());
        assertTrue(r.out().contains("accounting: every ring drained"), r.out());
    }

    @Test
    void durationsParseAsPeopleTypeThem() {
        DurationConverter c = new DurationConverter();
        assertEquals(Duration.ofMillis(250), c.convert("250ms"));
        assertEquals(Duration.ofSeconds(30), c.convert("30s"));
        assertEquals(Duration.ofMinutes(5), c.convert("5m"));
        assertEquals(Duration.ofSeconds(90), c.convert("PT1M30S"));
    }
}
