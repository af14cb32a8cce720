package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Order entry that survives a crash, from outside: a standalone venue ({@code hft venue}, its own process), the closed
 * loop ({@code hft run} against it, journaling under a temp folder) killed with SIGKILL at 10 random points and
 * restarted each time, then run to its end. The venue's {@code --report-json}, written when it is stopped, must show no
 * duplicate token, no live order, and the positions the last run's summary believes; the last run exits 0. Every
 * process is started by the test on loopback and killed by it; the temp folder holds everything they write.
 */
class KillRecoveryTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));
    static final String PASSWORD_VARIABLE = "HFT_KILL_TEST_PASSWORD";
    private static final int KILLS = 10;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A JVM running the launcher with this test JVM's module flags and class path; output to {@code log}. */
    static Process hft(List<Process> started, Path log, String... args) throws IOException {
        // small, quick-starting JVMs: two of them share 2 cores with the build
        List<String> command = ChildJvm.hft(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put(PASSWORD_VARIABLE, "kt-secret");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** The closed loop of two market makers against the venue at {@code port}; {@code pace}: at the capture's own pace. */
    static String topology(int port, boolean pace) {
        String sample = ROOT.resolve("samples/sample.pcap").toAbsolutePath().toString();
        String maker = "  - {name: %s, kind: strategy, input: book-events, side_inputs: [responses], outputs: [orders], thread: t1,"
                + " params: {class: dev.hft.strategy.examples.MarketMaker, locate: %d, token_prefix: %s, quote_shares: 100,"
                + " half_spread_ticks: 1, inventory_limit: 1000, cancel_on_stop: true, cancel_timeout_ms: 1000,"
                + " risk: {max_order_shares: 1000, max_open_orders: 16, max_position: 2000, orders_per_second: 5000, burst: 50}}}%n";
        return "rings:\n"
                + "  - {name: market, event: itch, size: 16384}\n"
                + "  - {name: book-events, event: book, size: 16384}\n"
                + "  - {name: orders, event: order, size: 4096}\n"
                + "  - {name: responses, event: order-response, size: 4096}\n"
                + "stages:\n"
                + "  - {name: ingress, kind: itch-file, params: {path: '" + sample + "', via: java, pace: " + pace + "}, outputs: [market], thread: t0}\n"
                + "  - {name: book, kind: book, shards: 2, params: {order_capacity: 16384}, input: market, outputs: [book-events], thread: t0}\n"
                + String.format(maker, "mm-ep", 1, "AA") + String.format(maker, "mm-gcnh", 2, "AB")
                + "  - {name: egress, kind: egress, input: orders, outputs: [responses], thread: t1, params: {transport: soup,"
                + " host: 127.0.0.1, port: " + port + ", username: TRADER, password_env: " + PASSWORD_VARIABLE
                + ", session: OUCH, login_timeout_ms: 10000}}\n";
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killedAtTenRandomPointsTheLoopRecoversToTheVenuesTruth(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("venue-report.json");
        Path venueLog = dir.resolve("venue.log");
        Process venue = hft(started, venueLog, "venue", "--symbol", "EP=86.94", "--symbol", "GCNH=191.10", "--soup",
                "TRADER@127.0.0.1:0/OUCH", "--password-env", PASSWORD_VARIABLE, "--itch", "127.0.0.1:9", "--seed", "1",
                "--report-json", report.toString());
        String port = ChildJvm.awaitLine(venue, venueLog, Pattern.compile("SoupBinTCP 127\\.0\\.0\\.1:(\\d+)"), 60_000);
        assertTrue(port != null, "the venue started: " + Files.readString(venueLog));
        Path topology = dir.resolve("loop.yaml");
        Files.writeString(topology, topology(Integer.parseInt(port), false));
        String[] run = {"run", "--topology", topology.toString(), "--run-dir", dir.resolve("run").toString(), "--state-dir",
                dir.resolve("state").toString(), "--trading-day", "kill-test"};

        long seed = System.nanoTime();
        Random random = new Random(seed);
        int kills = 0;
        List<String> history = new ArrayList<>();
        for (int attempt = 0; kills < KILLS && attempt < 4 * KILLS; attempt++) {
            Path log = dir.resolve("run-" + attempt + ".log");
            Process p = hft(started, log, run);
            String up = ChildJvm.awaitLine(p, log, Pattern.compile("(?m)^threads: "), 60_000);
            assertTrue(up != null, "run " + attempt + " started: " + Files.readString(log));
            Thread.sleep(20 + random.nextInt(500)); // within the ~1 s an unpaced run of the sample lasts on a quiet box
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            if (p.exitValue() == 137) {
                kills++;
                history.add("killed");
            } else {
                history.add("ended " + p.exitValue());
                assertEquals(0, p.exitValue(), "a run that ended by itself before the kill is reconciled (seed " + seed
                        + "):\n" + Files.readString(log));
            }
        }
        assertEquals(KILLS, kills, "seed " + seed + ": " + history);

        Path last = dir.resolve("run-last.log");
        Path summary = dir.resolve("summary.json");
        String[] lastRun = java.util.Arrays.copyOf(run, run.length + 1);
        lastRun[run.length] = "--summary-json=" + summary;
        Process p = hft(started, last, lastRun);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the last run ends by itself");
        String lastOut = Files.readString(last);
        assertEquals(0, p.exitValue(), "seed " + seed + ", " + history + ":\n" + lastOut);
        assertTrue(lastOut.contains("open orders resolved with the venue"), lastOut);

        venue.destroy();
        assertTrue(venue.waitFor(60, TimeUnit.SECONDS), "the venue stops on SIGTERM");
        ObjectMapper json = new ObjectMapper();
        JsonNode v = json.readTree(report.toFile());
        JsonNode s = json.readTree(summary.toFile());
        String context = "seed " + seed + ", " + history + "\nvenue: " + v + "\nsummary accounts: " + s.get("accounts")
                + ", recovered: " + s.get("recovered");
        assertEquals(0, v.get("duplicate_tokens").asLong(), "no token used twice in the day: " + context);
        JsonNode account = v.get("accounts").get(0);
        assertEquals(0, account.get("live_orders").asLong(), "nothing left live: " + context);
        assertEquals(history.size() + 1, account.get("logins_accepted").asLong(), "every run logged in once: " + context);
        assertFalse(s.get("orders_unreconciled").asBoolean(), context);
        JsonNode believed = s.get("accounts").get(0).get("position");
        JsonNode implied = s.get("accounts").get(0).get("venue_position");
        for (String stock : new String[] {"EP", "GCNH"}) {
            long venuePosition = account.get("positions").get(stock).asLong();
            assertEquals(venuePosition, believed.path(stock).asLong(0), stock + ", what the strategies believe: " + context);
            assertEquals(venuePosition, implied.path(stock).asLong(0), stock + ", what the journal implies: " + context);
        }
        assertTrue(v.get("executions").asLong() > 0, "the loop traded: " + context);
    }
}
