package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A venue that stops answering once the run has logged in (SIGSTOP: its sockets stay open, nothing comes back): the
 * market makers' quotes and their cancels at stop are never answered, so the run, ending by itself with the sample, must
 * say which orders it left open and exit 4 (ORDERS_UNRECONCILED), not 0.
 */
class VenueGoesSilentTest {

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws Exception {
        for (Process p : started) {
            new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void ordersLeftWithAVenueThatStoppedAnsweringAreReportedAndTheRunExitsFour(@TempDir Path dir) throws Exception {
        Path venueLog = dir.resolve("venue.log");
        Process venue = KillRecoveryTest.hft(started, venueLog, "venue", "--symbol", "EP=86.94", "--symbol", "GCNH=191.10",
                "--soup", "TRADER@127.0.0.1:0/OUCH", "--password-env", KillRecoveryTest.PASSWORD_VARIABLE, "--itch",
                "127.0.0.1:9", "--seed", "1");
        String port = ChildJvm.awaitLine(venue, venueLog, Pattern.compile("SoupBinTCP 127\\.0\\.0\\.1:(\\d+)"), 60_000);
        assertTrue(port != null, "the venue started: " + Files.readString(venueLog));
        Path topology = dir.resolve("loop.yaml");
        Files.writeString(topology, KillRecoveryTest.topology(Integer.parseInt(port), false));
        Path log = dir.resolve("run.log");
        Process run = KillRecoveryTest.hft(started, log, "run", "--topology", topology.toString(), "--run-dir",
                dir.resolve("run").toString(), "--state-dir", dir.resolve("state").toString(), "--trading-day", "silent");
        // egress has logged in when the start-up report is printed
        assertTrue(ChildJvm.awaitLine(run, log, Pattern.compile("(?m)^threads: "), 60_000) != null, Files.readString(log));
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(venue.pid())).start().waitFor());
        assertTrue(run.waitFor(90, TimeUnit.SECONDS), "the run ends by itself: " + Files.readString(log));
        String out = Files.readString(log);
        assertEquals(ExitCodes.ORDERS_UNRECONCILED, run.exitValue(), out);
        assertTrue(out.contains("ORDERS UNRECONCILED: ") && out.contains("left open at stop"), out);
    }
}
