package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM ends a run wherever it stands, with its summary: the drain gets a bound, then the stages stop where they
 * are. The run here is a paced replay of the sample (it would take minutes), stopped a few seconds in.
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

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 2_000));
    }
}
