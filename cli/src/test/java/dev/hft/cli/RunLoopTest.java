package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The closed loop of the default topology, in-process: sample pcap -> books -> two market makers -> SoupBinTCP ->
 * embedded venue -> responses back; the summary's accounting and both sides' positions. Also the kill switch from
 * the command line, a broken venues section, and the standalone venue command.
 */
class RunLoopTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));

    /**
     * Each run preallocates books, rings and a venue (freed once it ends); the module's later tests build large
     * books in the same 1 GB test JVM, so hand the space back before they start.
     */
    @AfterAll
    static void releaseHeap() {
        System.gc();
    }

    private static JsonNode runDefault(Path dir, String... extra) throws IOException {
        Path json = dir.resolve("summary.json");
        String[] args = new String[6 + extra.length];
        args[0] = "run";
        args[1] = "--topology";
        args[2] = ROOT.resolve("topology.yaml").toString();
        args[3] = "--summary-json=" + json;
        args[4] = "--run-dir=" + dir;
        args[5] = "--state-dir=" + dir.resolve("state");
        System.arraycopy(extra, 0, args, 6, extra.length);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("RUN FAILED"), r.out());
        return new ObjectMapper().readTree(json.toFile());
    }

    /**
     * {@code --warm-up} rehearses the default run three times in this JVM, each against its own embedded venue with its
     * state in a temporary folder; the run itself then trades and accounts as without it, and nothing of the rehearsals
     * is left.
     */
    @Test
    void warmUpRehearsesTheRunAndLeavesNothingOfItBehind(@TempDir Path dir) throws IOException {
        Set<Path> before = TempFolders.named("hft-rehearsal-");
        Path json = dir.resolve("summary.json");
        CliRun r = CliRun.of("run", "--topology", ROOT.resolve("topology.yaml").toString(), "--summary-json=" + json,
                "--run-dir=" + dir, "--state-dir=" + dir.resolve("state"), "--warm-up");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("warm-up: rehearsal 3 of 3 in "), r.out());
        assertTrue(r.out().contains("warm-up: 3 rehearsals in "), r.out());
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertEquals(20_000, s.get("messages").asLong(), s.toString());
        assertTrue(s.get("intents_accounted").asBoolean(), s.toString());
        assertEquals(s.get("venue_position"), s.get("position"), s.toString());
        assertEquals(before, TempFolders.named("hft-rehearsal-"), "the rehearsals' folder is deleted");
    }

    @Test
    void warmUpIsRefusedWhereARehearsalCouldNotReplayOrWouldTradeElsewhere(@TempDir Path dir) {
        CliRun live = CliRun.of("run", "--topology", ROOT.resolve("examples/latency-2core.yaml").toString(), "--warm-up",
                "--run-dir=" + dir, "--state-dir=" + dir.resolve("state"));
        assertEquals(Main.USAGE, live.code(), live.out() + live.err());
        assertTrue(live.err().contains("reads a live feed"), live.err());
        CliRun external = CliRun.of("run", "--topology", ROOT.resolve("topology.yaml").toString(), "--warm-up",
                "--set", "egress.host=192.0.2.1", "--run-dir=" + dir, "--state-dir=" + dir.resolve("state"));
        assertEquals(Main.USAGE, external.code(), external.out() + external.err());
        assertTrue(external.err().contains("egress egress does not talk to an embedded venue"), external.err());
        assertFalse(external.out().contains("warm-up: rehearsal"), "refused before any rehearsal: " + external.out());
    }

    @Test
    void defaultTopologyTradesAgainstTheEmbeddedVenueAndAccountsForEveryIntent(@TempDir Path dir) throws IOException {
        System.gc(); // the earlier tests' garbage is not the run's: the run starts with an empty young generation
        JsonNode s = runDefault(dir);
        for (String key : new String[] {"messages", "orders_sent", "orders_accepted", "orders_rejected_risk", "executions",
                "position", "drops", "gc_count", "t2t_p50_ns", "t2t_p99_ns", "t2t_max_ns"}) {
            assertTrue(s.has(key), "summary lacks " + key + ": " + s);
        }
        assertEquals(20_000, s.get("messages").asLong(), "every message of the sample decoded");
        JsonNode warmup = s.get("warmup");
        assertTrue(warmup.get("time_to_first_message_ms").asLong() >= warmup.get("jvm_start_to_pipeline_ms").asLong(), s.toString());
        assertTrue(warmup.get("first_window_messages").asLong() >= 20_000, "the whole sample is the first window: " + warmup);
        assertTrue(warmup.get("first_100k_msgs_per_s").asLong() > 0, warmup.toString());
        assertTrue(warmup.get("steady_msgs_per_s").isNull(), "20,000 messages have no steady half: " + warmup);
        assertTrue(s.get("orders_sent").asLong() > 0, s.toString());
        assertTrue(s.get("orders_accepted").asLong() > 0, s.toString());
        assertTrue(s.get("executions").asLong() > 0, s.toString());
        assertEquals(s.get("intents").asLong(), s.get("orders_sent").asLong() + s.get("orders_rejected_risk").asLong());
        assertTrue(s.get("intents_accounted").asBoolean());
        JsonNode position = s.get("position");
        JsonNode venuePosition = s.get("venue_position");
        assertTrue(position.has("EP") && position.has("GCNH"), position.toString());
        for (Iterator<String> it = position.fieldNames(); it.hasNext(); ) {
            String stock = it.next();
            assertEquals(position.get(stock).asLong(), venuePosition.get(stock).asLong(), "position of " + stock);
            assertEquals(0, position.get(stock).asLong() % 100, "whole round lots of 100: " + stock);
        }
        JsonNode strategies = s.get("strategies");
        assertEquals(List.of("mm-ep", "mm-gcnh"), fieldNames(strategies));
        long sent = 0;
        long rejected = 0;
        long fills = 0;
        for (JsonNode st : strategies) {
            assertEquals("dev.hft.strategy.examples.MarketMaker", st.get("class").asText());
            sent += st.get("orders_sent").asLong();
            rejected += st.get("rejected_risk").asLong();
            fills += st.get("fills").asLong();
            double realized = 0;
            double unrealized = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = st.get("symbols").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> symbol = it.next();
                JsonNode y = symbol.getValue();
                assertEquals(position.get(symbol.getKey()).asLong(), y.get("position").asLong(), symbol.getKey());
                assertEquals(y.get("bought").asLong() - y.get("sold").asLong(), y.get("position").asLong(), symbol.getKey());
                assertTrue(y.get("mark").asDouble() > 50, "marked to the sample's mid: " + y);
                realized += y.get("realized_pnl").asDouble();
                unrealized += y.get("unrealized_pnl").asDouble();
            }
            assertEquals(realized, st.get("realized_pnl").asDouble(), 1e-6);
            assertEquals(unrealized, st.get("unrealized_pnl").asDouble(), 1e-6);
        }
        assertEquals(s.get("orders_sent").asLong(), sent);
        assertEquals(s.get("orders_rejected_risk").asLong(), rejected);
        assertEquals(s.get("executions").asLong(), fills, "every fill at the venue reached its strategy");
        assertEquals(0, s.get("gc_count").asLong(), "books, rings and orders are preallocated and the stages do not allocate"
                + " per event: the loop runs without a collection");
        long p50 = s.get("t2t_p50_ns").asLong();
        long p99 = s.get("t2t_p99_ns").asLong();
        long max = s.get("t2t_max_ns").asLong();
        assertTrue(s.get("t2t_count").asLong() > 0 && p50 > 0 && p50 <= p99 && p99 <= max, s.toString());
        assertEquals(0, s.get("drops").size(), "clean sample: no drop counter is non-zero: " + s.get("drops"));
        assertEquals(0, s.get("drops_total").asLong());
        JsonNode counters = s.get("counters");
        assertTrue(counters.get("ingress").has("drop.filtered_out") && counters.get("book-0").size() > 5,
                "the full set of counters, zeros included, stays under counters: " + counters.get("ingress"));
        // docs/observability.md: lower_snake_case words, a dot per family level; an ITCH type letter keeps its case
        java.util.regex.Pattern convention = java.util.regex.Pattern.compile("[a-z0-9_]+(\\.([a-z0-9_]+|[A-Za-z]))*");
        List<String> offending = new java.util.ArrayList<>();
        counters.fields().forEachRemaining(role -> fieldNames(role.getValue()).stream()
                .filter(name -> !convention.matcher(name).matches()).forEach(name -> offending.add(role.getKey() + "." + name)));
        assertEquals(List.of(), offending, "counter names off the convention");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void tapsCaptureWhatIngressReceivedAndEgressSent(@TempDir Path dir) throws Exception {
        Path rx = dir.resolve("rx.pcap");
        Path tx = dir.resolve("tx.pcap");
        JsonNode s = runDefault(dir, "--tap-rx", rx.toString(), "--tap-tx", tx.toString());
        long sampleFrames = frames(ROOT.resolve("samples/sample.pcap"), (segment, offset, length) -> { });
        assertTrue(sampleFrames > 1000);
        assertEquals(sampleFrames, frames(rx, (segment, offset, length) -> { }), "every received frame captured");
        long[] orders = new long[1];
        dev.hft.wire.mold.MoldUdpFrameDecoder mold = new dev.hft.wire.mold.MoldUdpFrameDecoder();
        frames(tx, (segment, offset, length) -> orders[0] += Math.max(0, mold.decode(segment, offset, length,
                (sequence, m, at, size) -> { })));
        long sent = s.get("orders_sent").asLong();
        assertTrue(sent > 0, s.toString());
        JsonNode egress = s.get("counters").get("egress");
        long egressSent = egress.path("sent.enter").asLong() + egress.path("sent.replace").asLong()
                + egress.path("sent.cancel").asLong() + egress.path("sent.modify").asLong();
        assertEquals(egressSent, orders[0], "every order egress sent is in the TX capture: " + egress);
        // what egress did not send it answered: held back by a stopping strategy's halt (refused) or not sent
        assertEquals(sent, egressSent + egress.path("refused").asLong() + egress.path("not_sent").asLong(),
                "every order the strategies sent is accounted for at egress: " + egress);
        assertFalse(Files.exists(dir.resolve(ProcessHandle.current().pid() + ".run")), "descriptor removed at the end");
    }

    private interface FrameCheck {
        void frame(java.lang.foreign.MemorySegment segment, long offset, int length);
    }

    /** Frames in a pcap as PcapSource reads them. */
    private static long frames(Path pcap, FrameCheck check) throws Exception {
        long[] count = new long[1];
        dev.hft.ingress.net.DropCounters drops = new dev.hft.ingress.net.DropCounters();
        try (dev.hft.ingress.source.PcapSource source = dev.hft.ingress.source.PcapSource.open("check", pcap,
                (segment, offset, length, nanos) -> {
                    count[0]++;
                    check.frame(segment, offset, length);
                }, drops, 256, false)) {
            while (!source.isExhausted()) {
                source.doWork();
            }
        }
        assertEquals(0, drops.total());
        return count[0];
    }

    @Test
    void aRunOnACutCaptureSaysItLostDataAndExitsThree(@TempDir Path dir) throws IOException {
        byte[] sample = Files.readAllBytes(ROOT.resolve("samples/sample.pcap"));
        Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(sample, sample.length - 5));
        CliRun r = CliRun.of("run", "--topology", ROOT.resolve("topology.yaml").toString(), "--set", "ingress.path=" + cut,
                "--set", "ingress.via=java", "--run-dir=" + dir, "--state-dir=" + dir.resolve("state"));
        assertEquals(ExitCodes.DATA_LOST, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("RUN LOST DATA") && r.out().contains("file_truncated 1"), r.out());
    }

    @Test
    void killSwitchFromTheCommandLineBlocksEveryOrder(@TempDir Path dir) throws IOException {
        JsonNode s = runDefault(dir, "--kill-switch");
        assertEquals(0, s.get("orders_accepted").asLong(), s.toString());
        assertEquals(0, s.get("executions").asLong(), s.toString());
        assertTrue(s.get("orders_rejected_risk").asLong() > 0, "quotes were refused by the kill switch: " + s);
        assertEquals(s.get("intents").asLong(), s.get("orders_sent").asLong() + s.get("orders_rejected_risk").asLong());
        assertEquals(0, s.get("open_orders_at_stop").asLong());
        s.get("position").fields().forEachRemaining(e -> assertEquals(0, e.getValue().asLong(), e.getKey()));
        for (JsonNode st : s.get("strategies")) {
            assertEquals(st.get("rejected_risk").asLong(), st.get("rejected_risk_by_reason").get("kill_switch").asLong(),
                    "every refusal is the kill switch's: " + st);
            assertEquals(0, st.get("fills").asLong());
            assertEquals(0.0, st.get("realized_pnl").asDouble());
        }
    }

    @Test
    void brokenVenuesSectionIsAUsageErrorWithItsPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, Files.readString(ROOT.resolve("topology.yaml"))
                .replace("path: samples/sample.pcap", "path: " + ROOT.resolve("samples/sample.pcap").toAbsolutePath())
                .replace("EP: 86.94", "EP: cheap"));
        CliRun r = CliRun.of("run", "--topology", file.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().matches("(?s).*venues\\[0]\\.symbols\\.EP \\(line \\d+\\): expected a price in dollars.*"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void venueCommandStartsServesAndStopsByItself(@TempDir Path dir) throws IOException {
        Path password = dir.resolve("password");
        Files.writeString(password, "x\n");
        Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path report = dir.resolve("report.json");
        CliRun r = CliRun.of("venue", "--symbol", "EP=86.94", "--soup", "T@127.0.0.1:0", "--password-file", password.toString(),
                "--itch", "127.0.0.1:9", "--flow-rate", "500", "--duration", "300ms", "--report-json", report.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("SoupBinTCP 127.0.0.1:"), r.out());
        assertTrue(r.out().contains("orders received 0, accepted 0"), r.out());
        assertTrue(r.out().contains("position EP account 1 (T): 0"), r.out());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals(1, json.get("accounts").size());
        assertEquals("T", json.get("accounts").get(0).get("username").asText());
        assertEquals(0, json.get("accounts").get(0).get("positions").get("EP").asLong());
        assertEquals(0, json.get("duplicate_tokens").asLong());
        CliRun bad = CliRun.of("venue", "--symbol", "EP");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("expected STOCK=PRICE"), bad.err());
    }

    @Test
    void passwordsNeverComeFromTheCommandLineOrAFileOthersCanRead(@TempDir Path dir) throws IOException {
        CliRun argv = CliRun.of("venue", "--symbol", "EP=86.94", "--soup", "T:x@127.0.0.1:0", "--duration", "100ms");
        assertEquals(2, argv.code(), argv.out() + argv.err());
        assertTrue(argv.err().contains("shows in ps"), argv.err());
        Path open = dir.resolve("password");
        Files.writeString(open, "x\n");
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CliRun readable = CliRun.of("venue", "--symbol", "EP=86.94", "--soup", "T@127.0.0.1:0", "--password-file", open.toString(),
                "--duration", "100ms");
        assertEquals(2, readable.code(), readable.out() + readable.err());
        assertTrue(readable.err().contains("accessible to others"), readable.err());
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, Files.readString(ROOT.resolve("topology.yaml"))
                .replace("path: samples/sample.pcap", "path: " + ROOT.resolve("samples/sample.pcap").toAbsolutePath())
                .replace("      username: TRADER ", "      password: secret\n      username: TRADER "));
        CliRun plain = CliRun.of("validate", file.toString());
        assertEquals(2, plain.code(), plain.out() + plain.err());
        assertTrue((plain.out() + plain.err()).contains("a plain-text password is refused"), plain.out() + plain.err());
    }
}
