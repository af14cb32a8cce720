package dev.hft.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hft.cli.CliRun;
import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkTestSupport;
import dev.hft.venue.gen.FeedGenerator;
import dev.hft.wire.itch.ItchMessages;

class ReplayTest {

    static final Path SHARED = Path.of(System.getProperty("hft.shared.dir", "../../shared"));
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int CAPACITY = 100_000;

    @TempDir
    static Path dir;
    private static FeedGenerator.Summary generated;
    private static Path itch;
    private static Path pcap;

    @BeforeAll
    static void generate() throws IOException {
        generated = FeedGenerator.write(new FeedGenerator.Options(30_000, 40, 11), dir, "feed");
        itch = dir.resolve("feed.itch");
        pcap = dir.resolve("feed.pcap");
    }

    /** Replays with a small order capacity; the replay must end drained with exit 0. */
    static ReplayRun.Result replay(ReplayOptions options) {
        ReplayRun.Result r = ReplayRun.run(options.withOrderCapacity(CAPACITY), n -> { });
        assertEquals(0, r.exitCode(), r.summary());
        assertTrue(r.drained(), r.summary());
        return r;
    }

    @Test
    void realMidDayExcerptGivesThePublishedCountsAndCountsUnknownReferences() throws IOException {
        ReplayRun.Result r = replay(ReplayOptions.of(SHARED.resolve("data/12302019-0930-1000.NASDAQ_ITCH50")));
        JsonNode snapshot = JSON.readTree(r.snapshotJson());
        assertEquals(1000, snapshot.get("messages").asLong());
        Map<String, Long> published = new TreeMap<>(Map.of("A", 367L, "U", 225L, "F", 193L, "D", 167L, "E", 28L, "X", 6L,
                "I", 4L, "P", 4L, "Q", 4L, "C", 1L));
        published.put("S", 1L);
        assertEquals(published, JSON.convertValue(snapshot.get("type_counts"), new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, Long>>() { }));
        long unknown = r.bookCounts().entrySet().stream().filter(e -> e.getKey().startsWith("anomaly.unknown_order_"))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(394 + 5, unknown, r.bookCounts().toString());
        assertEquals(0, r.totalDrops(), r.drops().toString());
        assertTrue(snapshot.get("books").size() > 100, "mid-day adds rest in many books");
        for (JsonNode book : snapshot.get("books")) {
            assertTrue(book.get("bids").size() <= 5 && book.get("asks").size() <= 5);
        }
        long live = snapshot.get("live_orders").asLong();
        assertTrue(live > 0 && live <= 367 + 193 + 225, "live orders " + live);
    }

    /** Only directory messages: every declared symbol is listed, with its locate and empty sides. */
    @Test
    void realDayOpenExcerptListsEveryDeclaredSymbolWithEmptySides() throws IOException {
        ReplayRun.Result r = replay(ReplayOptions.of(SHARED.resolve("data/day-open-1000.NASDAQ_ITCH50")).withShards(3));
        JsonNode snapshot = JSON.readTree(r.snapshotJson());
        assertEquals(993, snapshot.get("books").size());
        assertEquals("{\"asks\":[],\"bids\":[],\"executed_shares\":0,\"locate\":13,\"trades_P_shares\":0}",
                snapshot.get("books").get("AAPL").toString());
        assertTrue(r.snapshotJson().endsWith("},\"live_orders\":0,\"messages\":1000,\"type_counts\":{\"H\":3,\"R\":993,"
                + "\"S\":1,\"Y\":3}}"), r.snapshotJson());
        assertTrue(r.bookCounts().values().stream().allMatch(v -> v == 0), r.bookCounts().toString());
    }

    @Test
    void snapshotIsIdenticalAcrossShardsFormatsAndThreading() throws IOException {
        String reference = replay(ReplayOptions.of(itch).withShards(1).withThreads(1)).snapshotJson();
        JsonNode tree = JSON.readTree(reference);
        assertEquals(generated.messages(), tree.get("messages").asLong());
        for (char type : ItchMessages.TYPES.toCharArray()) {
            assertEquals(generated.count(type), tree.get("type_counts").path(String.valueOf(type)).asLong(0), "type " + type);
        }
        assertEquals(40, tree.get("books").size(), "every generated symbol had orders");
        assertTrue(tree.get("live_orders").asLong() > 0);
        for (Path file : new Path[] {itch, pcap}) {
            for (int shards = 1; shards <= 3; shards++) {
                for (int threads = 1; threads <= shards + 1; threads++) {
                    ReplayRun.Result r = replay(ReplayOptions.of(file).withShards(shards).withThreads(threads));
                    assertEquals(reference, r.snapshotJson(), file.getFileName() + ", " + shards + " shards, " + threads + " threads");
                    assertEquals(0, r.totalDrops(), r.drops().toString());
                }
            }
        }
    }

    @Test
    void truncatedBinaryFileIsACountedDropWithASnapshot(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(itch);
        Path cut = tmp.resolve("cut.itch");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        ReplayRun.Result r = replay(ReplayOptions.of(cut));
        assertEquals(1, r.drops().get("file_truncated"), r.drops().toString());
        assertTrue(r.source().lostData());
        assertEquals(generated.messages() - 1, r.messages());
        assertEquals(generated.messages() - 1, JSON.readTree(r.snapshotJson()).get("messages").asLong());
    }

    @Test
    void aCutFileExitsThreeAndSaysWhatWasLostFromTheCommandLine(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(itch);
        Path cut = Files.write(tmp.resolve("cut.itch"), java.util.Arrays.copyOf(bytes, bytes.length - 5));
        CliRun whole = CliRun.of("replay", "--input", itch.toString(), "--order-capacity", Integer.toString(CAPACITY));
        assertEquals(dev.hft.cli.ExitCodes.OK, whole.code(), whole.out() + whole.err());
        assertTrue(whole.out().contains("nothing lost"), whole.out());
        CliRun lost = CliRun.of("replay", "--input", cut.toString(), "--order-capacity", Integer.toString(CAPACITY));
        assertEquals(dev.hft.cli.ExitCodes.DATA_LOST, lost.code(), lost.out() + lost.err());
        assertTrue(lost.out().contains("DATA LOST: 1 "), lost.out());
    }

    /**
     * A capture holding one packet to another port (a copy of the day's last packet of messages, far ahead of the
     * feed): left out by default and said so, so the book is the feed's own; {@code --filter} takes exactly the
     * destinations it names.
     */
    @Test
    void aStrayPacketToAnotherPortIsLeftOutAndFilterChoosesTheDestinations(@TempDir Path tmp) throws IOException {
        JsonNode reference = JSON.readTree(replay(ReplayOptions.of(itch)).snapshotJson());
        byte[] capture = Files.readAllBytes(pcap);
        List<int[]> records = new ArrayList<>(); // {offset, length} of each record, header included
        for (int at = 24; at + 16 <= capture.length; ) {
            int length = 16 + (capture[at + 8] & 0xFF | (capture[at + 9] & 0xFF) << 8 | (capture[at + 10] & 0xFF) << 16);
            records.add(new int[] {at, length});
            at += length;
        }
        int[] last = records.get(records.size() - 2); // the last one is the End of Session, which has no messages
        byte[] stray = java.util.Arrays.copyOfRange(capture, last[0], last[0] + last[1]);
        int portAt = 16 + 14 + 20 + 2; // record header, Ethernet, IPv4 without options, UDP source port
        stray[portAt] = (byte) (FeedGenerator.PORT + 1 >>> 8);
        stray[portAt + 1] = (byte) (FeedGenerator.PORT + 1);
        int middle = records.get(records.size() / 2)[0];
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(capture, 0, middle);
        out.write(stray);
        out.write(capture, middle, capture.length - middle);
        Path withStray = Files.write(tmp.resolve("stray.pcap"), out.toByteArray());
        Path snapshot = tmp.resolve("snapshot.json");
        String feed = FeedGenerator.GROUP + ":" + FeedGenerator.PORT;
        String other = FeedGenerator.GROUP + ":" + (FeedGenerator.PORT + 1);

        CliRun plain = CliRun.of("replay", "--input", withStray.toString(), "--via", "java", "--snapshot", snapshot.toString());
        assertEquals(dev.hft.cli.ExitCodes.OK, plain.code(), plain.out() + plain.err());
        assertTrue(plain.out().contains("left out: give --filter " + other), plain.out());
        assertTrue(reference.equals(JSON.readTree(snapshot.toFile())), "the stray packet is not in the book");

        CliRun named = CliRun.of("replay", "--input", withStray.toString(), "--via", "java", "--filter", feed, "--snapshot",
                snapshot.toString());
        assertEquals(dev.hft.cli.ExitCodes.OK, named.code(), named.out() + named.err());
        assertTrue(reference.equals(JSON.readTree(snapshot.toFile())), "--filter " + feed + " takes the feed alone");

        CliRun onlyStray = CliRun.of("replay", "--input", withStray.toString(), "--via", "java", "--filter", other, "--snapshot",
                snapshot.toString());
        long messages = JSON.readTree(snapshot.toFile()).get("messages").asLong();
        assertTrue(messages > 0 && messages <= FeedGenerator.MESSAGES_PER_PACKET, messages + "\n" + onlyStray.out());
    }

    @Test
    void corruptInputsGiveCountedDropsNotACrash(@TempDir Path tmp) throws IOException {
        byte[] binary = Files.readAllBytes(itch);
        // The length prefix of a record a third into the file says 3: a wrong length for its type, and the rest of
        // the file is read out of frame.
        int at = 0;
        while (at < binary.length / 3) {
            at += 2 + ((binary[at] & 0xFF) << 8 | binary[at + 1] & 0xFF);
        }
        binary[at] = 0;
        binary[at + 1] = 3;
        Path badItch = tmp.resolve("bad.itch");
        Files.write(badItch, binary);
        byte[] capture = Files.readAllBytes(pcap);
        for (int i = capture.length / 4; i < capture.length / 4 + 400; i++) {
            capture[i] = (byte) (capture[i] * 31 + 7);
        }
        Path badPcap = tmp.resolve("bad.pcap");
        Files.write(badPcap, capture);
        for (Path file : new Path[] {badItch, badPcap}) {
            ReplayRun.Result r = replay(ReplayOptions.of(file));
            assertTrue(r.totalDrops() > 0, file + ": " + r.drops());
            assertTrue(r.messages() < generated.messages(), file + ": " + r.messages());
            assertEquals(r.messages(), JSON.readTree(r.snapshotJson()).get("messages").asLong());
            if (file == badItch) {
                assertTrue(r.drops().get("wrong_length_for_type") >= 1, r.drops().toString());
            }
        }
    }

    @Test
    void commandWritesTheSnapshotAndPrintsThroughputAndCounters(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("sub/snap.json");
        Path countersFile = tmp.resolve("replay.counters");
        CliRun c = CliRun.of("replay", "--input", pcap.toString(), "--shards", "3", "--depth", "2", "--snapshot", out.toString(),
                "--order-capacity", Integer.toString(CAPACITY), "--counters", countersFile.toString());
        assertEquals(0, c.code(), c.err());
        String expected = replay(ReplayOptions.of(itch).withShards(1)).snapshotJson();
        JsonNode written = JSON.readTree(Files.readString(out));
        assertEquals(JSON.readTree(expected).get("type_counts"), written.get("type_counts"));
        for (JsonNode book : written.get("books")) {
            assertTrue(book.get("bids").size() <= 2 && book.get("asks").size() <= 2, book.toString());
        }
        assertTrue(c.out().contains(String.format("messages: %,d in ", generated.messages())), c.out());
        org.agrona.concurrent.status.CountersReader live = dev.hft.pipeline.runtime.Counters.openReader(countersFile);
        assertEquals(generated.count('A'), dev.hft.pipeline.runtime.Counters.value(live, "ingress.messages.A"));
        assertTrue(c.out().contains("msg/s") && c.out().contains("drops: none") && c.out().contains("book-2"), c.out());
    }

    @Test
    void missingFileIsAClearErrorWithExitTwo(@TempDir Path tmp) {
        CliRun c = CliRun.of("replay", "--input", tmp.resolve("nope.itch").toString());
        assertEquals(2, c.code());
        assertTrue(c.err().contains("cannot read input") && c.err().contains("no such file"), c.err());
        assertFalse(c.err().contains("Exception") || c.err().contains("\tat "), c.err());
    }

    @Test
    void dpdkReplayOfThePcapGivesTheJavaSnapshot() {
        requireDpdk();
        String java = replay(ReplayOptions.of(pcap).withShards(2)).snapshotJson();
        for (int shards = 1; shards <= 2; shards++) {
            ReplayRun.Result dpdk = replay(ReplayOptions.of(pcap).withShards(shards).withVia("dpdk"));
            assertEquals(java, dpdk.snapshotJson(), shards + " shards via dpdk");
            assertEquals(0, dpdk.totalDrops(), dpdk.drops().toString());
        }
    }

    @Test
    void viaDpdkOnABinaryFileIsExitTwo() {
        CliRun c = CliRun.of("replay", "--input", itch.toString(), "--via", "dpdk");
        assertEquals(2, c.code());
        assertTrue(c.err().contains("--via dpdk replays pcap files only"), c.err());
        CliRun bad = CliRun.of("replay", "--input", itch.toString(), "--via", "kernel");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--via must be java, dpdk or auto"), bad.err());
    }

    /** DPDK must be usable here: skipped with the reason, or failed when CI=true. */
    private static void requireDpdk() {
        DpdkTestSupport.unavailable(Dpdk.isAvailable() ? null : "DPDK is not usable: " + Dpdk.unavailableReason());
    }

    @Test
    void progressEstimateIsExactForSmallFilesAndCloseForLargerOnes() throws IOException {
        assertEquals(generated.messages(), ProgressEstimate.messages(itch, "auto"));
        long fromPcap = ProgressEstimate.messages(pcap, "auto");
        assertTrue(Math.abs(fromPcap - generated.messages()) < generated.messages() / 5, "pcap estimate " + fromPcap);
    }
}
