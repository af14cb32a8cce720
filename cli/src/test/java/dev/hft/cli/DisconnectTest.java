package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OUCH connection killed mid-run ({@code ss -K} on the client's socket, as a network fault would): egress reconnects,
 * the venue's cancel on disconnect takes the resting orders, commands in flight or refused while down are answered
 * (LINK_DOWN, NOT_SENT) and resolved, and the run ends with no order left open and positions that agree (exit 0).
 * Used to end with send failures counted, orders left open for good and exit 0.
 */
class DisconnectTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));

    @Test
    void aConnectionKilledMidRunIsRecoveredAndNothingIsLeftOpen(@TempDir Path dir) throws Exception {
        Path topology = dir.resolve("t.yaml");
        Files.writeString(topology, Files.readString(ROOT.resolve("topology.yaml"))
                .replace("path: samples/sample.pcap", "path: " + ROOT.resolve("samples/sample.pcap").toAbsolutePath())
                .replace("via: auto", "via: java")
                .replace("cancel_timeout_ms: 1000", "cancel_timeout_ms: 5000"));
        Path summary = dir.resolve("summary.json");
        List<String> command = ChildJvm.hft(List.of("-Xmx512m", "-XX:+UseSerialGC"), "run", "--topology", topology.toString(),
                "--run-dir", dir.resolve("run").toString(), "--state-dir", dir.resolve("state").toString(),
                "--summary-json=" + summary, "--set", "egress.reconnect_delay_ms=200");
        Path log = dir.resolve("run.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String port = null;
            for (int i = 0; i < 3000 && port == null && p.isAlive(); i++) {
                Matcher m = Pattern.compile("(?s)SoupBinTCP 127\\.0\\.0\\.1:(\\d+).*\\nthreads: ").matcher(Files.readString(log));
                port = m.find() ? m.group(1) : null;
                Thread.sleep(10);
            }
            assertTrue(port != null, "the run started: " + Files.readString(log));
            Thread.sleep(300);
            Process ss = new ProcessBuilder("ss", "-K", "dst", "127.0.0.1", "dport", "=", ":" + port)
                    .redirectErrorStream(true).start();
            assertTrue(ss.waitFor(10, TimeUnit.SECONDS));
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "ended by itself: " + Files.readString(log));
            String out = Files.readString(log);
            assertEquals(0, p.exitValue(), out);
            JsonNode s = new ObjectMapper().readTree(summary.toFile());
            JsonNode egress = s.get("counters").get("egress");
            assertTrue(egress.get("session.disconnects").asLong() >= 1, "the connection was killed: " + egress);
            assertTrue(egress.get("session.logins").asLong() >= 2, "and came back: " + egress);
            assertEquals(0, s.get("open_orders_at_stop").asLong(), out);
            assertEquals(0, s.get("unknown_orders_at_stop").asLong(), out);
            assertFalse(s.get("orders_unreconciled").asBoolean(), out);
            assertTrue(s.get("positions_agree").asBoolean(), out);
            JsonNode account = s.get("accounts").get(0);
            assertEquals(account.get("venue_position"), account.get("position"), out);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
