package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strategy that calls System.exit(0) in a callback: the run used to hang a minute (the shutdown hook waited for the
 * thread stuck in exit) and exit 0 with no summary. Now it ends at once, prints a summary, and its status is not 0.
 */
class ExitFromStrategyTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));

    @Test
    void systemExitInACallbackEndsTheRunWithASummaryAndAFailureStatus(@TempDir Path dir) throws Exception {
        Path topology = dir.resolve("t.yaml");
        Files.writeString(topology, Files.readString(ROOT.resolve("topology.yaml"))
                .replace("path: samples/sample.pcap", "path: " + ROOT.resolve("samples/sample.pcap").toAbsolutePath())
                .replace("via: auto", "via: java")
                .replaceFirst("class: dev.hft.strategy.examples.MarketMaker\n      locate: 1\n      quote_shares: 100\n"
                        + "      half_spread_ticks: 1\n      inventory_limit: 1000\n", "class: dev.hft.cli.ExitingStrategy\n"));
        List<String> command = ChildJvm.hft(List.of("-Xmx512m", "-XX:+UseSerialGC"), "run", "--topology", topology.toString(),
                "--run-dir", dir.resolve("run").toString(), "--state-dir", dir.resolve("state").toString());
        Path log = dir.resolve("run.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // a hang guard, not a speed check: the old behaviour took 63 s after the exit
            assertTrue(p.waitFor(50, TimeUnit.SECONDS), "ended by itself: " + Files.readString(log));
            String out = Files.readString(log);
            assertNotEquals(0, p.exitValue(), out);
            assertTrue(p.exitValue() == ExitCodes.FAILURE || p.exitValue() == ExitCodes.ORDERS_UNRECONCILED, out);
            assertTrue(out.contains("called System.exit"), out);
            assertTrue(out.contains("RUN FAILED: a stage called System.exit on hft-t1"), out);
            assertTrue(out.contains("orders: intents"), "the summary is printed: " + out);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
