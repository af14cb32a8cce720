package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM ends a run wherever it stands, with its summary: the drain gets a bound, then the stages stop where they
 * are. The run here is a paced replay of the sample (it would take minutes), stopped a few seconds in. And a SIGTERM
 * during {@code replay --warm-up} or {@code run --warm-up} leaves no temporary folder behind.
 */
class SignalTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));
    /** How long the process may take to be gone after SIGTERM: the run's own budget is 2 s; this is for a loaded CI box. */
    private static final long EXIT_BOUND_SECONDS = 15;

    @Test
    void sigtermStopsAPacedRunAndItsSummaryIsPrinted(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("run.log");
        List<String> command = ChildJvm.hft(List.of("-Xmx512m"), "run", "--topology", ROOT.resolve("topology.yaml").toString(),
                "--set", "ingress.pace=true", "--set", "ingress.via=java", "--run-dir=" + dir, "--state-dir=" + dir.resolve("state"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            for (int i = 0; i < 600 && !Files.readString(log).contains("threads:"); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.readString(log).contains("threads:"), Files.readString(log));
            Thread.sleep(1_000);
            long signalled = System.nanoTime();
            process.destroy();
            assertTrue(process.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS), "still running after SIGTERM: " + tail(log));
            long millis = (System.nanoTime() - signalled) / 1_000_000;
            String out = Files.readString(log);
            assertEquals(143, process.exitValue(), out);
            assertTrue(out.contains("stopped by a signal"), out);
            assertTrue(out.contains("accounting: "), out);
            System.out.println("SIGTERM to exit: " + millis + " ms");
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * A SIGTERM while {@code replay --warm-up} replays its generated day ends the process without the warm-up's own
     * clean-up; the day's folder must still go (it is registered for deletion at the JVM's exit).
     */
    @Test
    void sigtermDuringAReplayWarmUpLeavesNoGeneratedDayBehind(@TempDir Path dir) throws Exception {
        sigtermLeavesNoTemporaryFolder(dir, List.of("replay", "--input", ROOT.resolve("samples/sample.itch").toString(), "--warm-up"),
                "hft-warm-up-", "day.itch", "passes of a generated");
    }

    /**
     * A SIGTERM while {@code run --warm-up} rehearses ends the rehearsal's run from its own shutdown hook; the rehearsal's
     * folder (journals, counters, run files) must still go.
     */
    @Test
    void sigtermDuringARunRehearsalLeavesNoRehearsalFolderBehind(@TempDir Path dir) throws Exception {
        sigtermLeavesNoTemporaryFolder(dir, List.of("run", "--warm-up"), "hft-rehearsal-", "state-1", "rehearsals in");
    }

    /**
     * Starts {@code args} with its own temporary folder, sends SIGTERM once a folder named {@code prefix}... holding
     * {@code marker} is there, and checks that the process ends, that it had not printed {@code endedLine} (the warm-up
     * was still going) and that the temporary folder is empty.
     */
    private static void sigtermLeavesNoTemporaryFolder(Path dir, List<String> args, String prefix, String marker, String endedLine)
            throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path log = dir.resolve("out.log");
        List<String> command = ChildJvm.hft(List.of("-Xmx512m", "-Djava.io.tmpdir=" + tmp), args.toArray(String[]::new));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean started = false;
            for (int i = 0; i < 600 && !started; i++) {
                Thread.sleep(50);
                try (Stream<Path> folders = Files.list(tmp)) {
                    started = folders.anyMatch(f -> f.getFileName().toString().startsWith(prefix) && Files.exists(f.resolve(marker)));
                }
            }
            assertTrue(started, "no " + prefix + "* folder with " + marker + " in " + tmp + ": " + tail(log));
            Thread.sleep(300);
            process.destroy();
            assertTrue(process.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS), "still running after SIGTERM: " + tail(log));
            assertFalse(Files.readString(log).contains(endedLine), "the warm-up had ended before the signal: " + tail(log));
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.toList(), tail(log));
            }
        } finally {
            process.destroyForcibly();
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 2_000));
    }
}
