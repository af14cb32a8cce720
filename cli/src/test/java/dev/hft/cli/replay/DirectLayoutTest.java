package dev.hft.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hft.cli.CliRun;
import dev.hft.cli.ExitCodes;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;
import dev.hft.venue.gen.FeedGenerator;

/**
 * {@code --layout direct} ({@code kind: file-book}: each shard reads the day itself) gives what the pipeline layout
 * gives: the same snapshot, type counts, drops, losses and book counters, per shard too, on generated, real and
 * damaged days.
 */
class DirectLayoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAPACITY = ReplayTest.CAPACITY;

    @TempDir
    static Path dir;
    private static FeedGenerator.Summary generated;
    private static Path itch;

    @BeforeAll
    static void generate() throws IOException {
        generated = FeedGenerator.write(new FeedGenerator.Options(30_000, 40, 5), dir, "feed");
        itch = dir.resolve("feed.itch");
    }

    private static ReplayRun.Result run(ReplayOptions options) {
        return ReplayTest.replay(options);
    }

    /** Everything a replay reports about the input and the books, except timings: equal in both layouts. */
    private static void assertSameOutcome(ReplayRun.Result pipeline, ReplayRun.Result direct, String what) {
        assertEquals(pipeline.snapshotJson(), direct.snapshotJson(), what + ": snapshot");
        assertEquals(pipeline.messages(), direct.messages(), what + ": messages");
        assertEquals(pipeline.typeCounts(), direct.typeCounts(), what + ": type counts");
        assertEquals(pipeline.drops(), direct.drops(), what + ": drops");
        assertEquals(pipeline.source().read(), direct.source().read(), what + ": records read");
        assertEquals(pipeline.source().decoded(), direct.source().decoded(), what + ": records decoded");
        assertEquals(pipeline.source().lostData(), direct.source().lostData(), what + ": lost data");
        assertEquals(pipeline.source().accountingProblem(), direct.source().accountingProblem(), what + ": accounting");
        assertEquals(pipeline.bookCounts(), direct.bookCounts(), what + ": book counters");
        assertEquals(bookMessages(pipeline), bookMessages(direct), what + ": messages per shard");
    }

    private static List<Long> bookMessages(ReplayRun.Result r) {
        return r.stages().stream().filter(s -> s.role().startsWith(ReplayTopology.BOOK)).map(ReplayRun.StageWork::messages).toList();
    }

    @Test
    void everyShardCountAndThreadingGivesThePipelinesSnapshotAndCounts() throws IOException {
        for (int shards = 1; shards <= 3; shards++) {
            ReplayRun.Result pipeline = run(ReplayOptions.of(itch).withShards(shards));
            for (int threads : new int[] {1, shards}) {
                ReplayRun.Result direct = run(ReplayOptions.of(itch).withLayout(ReplayOptions.DIRECT).withShards(shards)
                        .withThreads(threads));
                assertSameOutcome(pipeline, direct, shards + " shards, " + threads + " threads");
                assertEquals(shards, direct.stages().size(), "no source stage: " + direct.stages());
            }
        }
        JsonNode tree = JSON.readTree(run(ReplayOptions.of(itch).withLayout(ReplayOptions.DIRECT)).snapshotJson());
        assertEquals(generated.messages(), tree.get("messages").asLong());
        assertEquals(generated.count('A'), tree.get("type_counts").get("A").asLong());
        assertEquals(40, tree.get("books").size());
    }

    /** Real NASDAQ excerpts, one mid-day (references to orders added before it: counted anomalies), one at the open. */
    @Test
    void realExcerptsGiveThePipelinesSnapshotAndAnomalies() {
        for (String name : new String[] {"12302019-0930-1000.NASDAQ_ITCH50", "day-open-1000.NASDAQ_ITCH50"}) {
            Path day = ReplayTest.SHARED.resolve("data").resolve(name);
            ReplayRun.Result pipeline = run(ReplayOptions.of(day).withShards(3));
            ReplayRun.Result direct = run(ReplayOptions.of(day).withLayout(ReplayOptions.DIRECT).withShards(3));
            assertSameOutcome(pipeline, direct, name);
        }
        ReplayRun.Result midDay = run(ReplayOptions.of(ReplayTest.SHARED.resolve("data/12302019-0930-1000.NASDAQ_ITCH50"))
                .withLayout(ReplayOptions.DIRECT));
        long unknown = midDay.bookCounts().entrySet().stream().filter(e -> e.getKey().startsWith("anomaly.unknown_order_"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        assertEquals(394 + 5, unknown, "as ReplayTest counts them: " + midDay.bookCounts());
    }

    /**
     * Damaged days: cut inside the last record, a wrong length a third of the way in (the rest read out of frame), an
     * unknown type, bytes after the end-of-session marker, and seeded random byte damage.
     */
    @Test
    void damagedDaysGiveThePipelinesDropsLossesAndSnapshot(@TempDir Path tmp) throws IOException {
        byte[] day = Files.readAllBytes(itch);
        int third = recordNear(day, day.length / 3);
        int half = recordNear(day, day.length / 2);
        byte[] wrongLength = day.clone();
        wrongLength[third] = 0;
        wrongLength[third + 1] = 3;
        byte[] unknownType = day.clone();
        unknownType[half + 2] = (byte) '!';
        byte[] trailing = Arrays.copyOf(day, day.length + 7);
        trailing[day.length + 2] = 9;
        List<byte[]> damaged = new java.util.ArrayList<>(List.of(Arrays.copyOf(day, day.length - 5), wrongLength, unknownType,
                Arrays.copyOf(day, half + 2), trailing));
        for (int seed = 1; seed <= 4; seed++) {
            byte[] noisy = day.clone();
            Random random = new Random(seed);
            for (int i = 0; i < 40; i++) {
                noisy[random.nextInt(noisy.length)] = (byte) random.nextInt(256);
            }
            damaged.add(noisy);
        }
        int lost = 0;
        for (int i = 0; i < damaged.size(); i++) {
            Path file = Files.write(tmp.resolve("damaged-" + i + ".itch"), damaged.get(i));
            ReplayRun.Result pipeline = run(ReplayOptions.of(file).withShards(2));
            ReplayRun.Result direct = run(ReplayOptions.of(file).withLayout(ReplayOptions.DIRECT).withShards(2));
            assertSameOutcome(pipeline, direct, "damaged day " + i);
            lost += direct.source().lostData() ? 1 : 0;
            if (i < 5) {
                assertTrue(direct.totalDrops() > 0, "damaged day " + i + " was read without a drop");
            }
        }
        assertTrue(lost >= 3, "the two cut days and the day with trailing bytes lost data");
    }

    /** The offset of the record that starts at or after {@code at}. */
    private static int recordNear(byte[] day, int at) {
        int offset = 0;
        while (offset < at) {
            offset += 2 + ((day[offset] & 0xFF) << 8 | day[offset + 1] & 0xFF);
        }
        return offset;
    }

    @Test
    void commandRunsTheDirectLayoutAndRefusesWhatItCannotRead(@TempDir Path tmp) throws IOException {
        Path snapshot = tmp.resolve("snap.json");
        Path figures = tmp.resolve("figures.json");
        CliRun c = CliRun.of("replay", "--input", itch.toString(), "--layout", "direct", "--warm-up", "--snapshot",
                snapshot.toString(), "--json", figures.toString(), "--order-capacity", Integer.toString(CAPACITY));
        assertEquals(ExitCodes.OK, c.code(), c.out() + c.err());
        assertTrue(c.out().contains("direct layout, 2 shard(s), 2 threads"), c.out());
        assertTrue(c.out().contains("warm-up: ") && c.out().contains("nothing lost"), c.out());
        assertEquals(run(ReplayOptions.of(itch)).snapshotJson() + "\n", Files.readString(snapshot));
        JsonNode json = JSON.readTree(Files.readString(figures));
        assertEquals("direct", json.get("layout").asText());
        assertEquals(generated.messages(), json.get("messages").asLong());

        Path cut = Files.write(tmp.resolve("cut.itch"), Arrays.copyOf(Files.readAllBytes(itch), (int) Files.size(itch) - 5));
        CliRun lost = CliRun.of("replay", "--input", cut.toString(), "--layout", "direct", "--order-capacity", Integer.toString(CAPACITY));
        assertEquals(ExitCodes.DATA_LOST, lost.code(), lost.out() + lost.err());
        assertTrue(lost.out().contains("DATA LOST: 1 "), lost.out());

        FeedGenerator.write(new FeedGenerator.Options(1_000, 5, 1), tmp, "small");
        CliRun pcap = CliRun.of("replay", "--input", tmp.resolve("small.pcap").toString(), "--layout", "direct");
        assertEquals(ExitCodes.USAGE, pcap.code(), pcap.out() + pcap.err());
        assertTrue(pcap.err().contains("--layout direct reads BinaryFILE days"), pcap.err());
        CliRun threads = CliRun.of("replay", "--input", itch.toString(), "--layout", "direct", "--threads", "3");
        assertEquals(ExitCodes.USAGE, threads.code(), threads.err());
        assertTrue(threads.err().contains("--threads must be 1 or 2"), threads.err());
        CliRun layout = CliRun.of("replay", "--input", itch.toString(), "--layout", "sideways");
        assertEquals(ExitCodes.USAGE, layout.code(), layout.err());
        assertTrue(layout.err().contains("--layout must be pipeline or direct"), layout.err());
        assertThrows(IllegalArgumentException.class, () -> ReplayOptions.of(itch).withLayout(ReplayOptions.DIRECT).withFormat("pcap"));
    }

    /** {@code hft run --snapshot} on a topology of {@code file-book} shards writes the replay's snapshot. */
    @Test
    void runOfAFileBookTopologyWritesTheReplaysSnapshot(@TempDir Path tmp) throws IOException {
        Path topology = Files.writeString(tmp.resolve("direct.yaml"),
                ReplayTopology.yaml(ReplayOptions.of(itch).withLayout(ReplayOptions.DIRECT).withShards(3).withOrderCapacity(CAPACITY)));
        Path snapshot = tmp.resolve("snap.json");
        CliRun c = CliRun.of("run", "--topology", topology.toString(), "--run-dir=" + tmp, "--snapshot", snapshot.toString());
        assertEquals(ExitCodes.OK, c.code(), c.out() + c.err());
        assertEquals(run(ReplayOptions.of(itch)).snapshotJson(), Files.readString(snapshot).strip());
    }

    @Test
    void fileBookTopologyNamesWhatIsWrong(@TempDir Path tmp) throws IOException {
        FeedGenerator.write(new FeedGenerator.Options(1_000, 5, 1), tmp, "small");
        String template = "stages:\n  - name: book\n    kind: file-book\n    shards: 2\n    params: {%s}\n";
        assertProblem(String.format(template, "path: \"" + tmp.resolve("small.pcap") + "\""), "is a pcap");
        assertProblem(String.format(template, "path: \"" + tmp.resolve("none.itch") + "\""), "cannot read");
        assertProblem(String.format(template, "path: \"" + itch + "\", depth: 3"), "unknown parameter");
        assertProblem(String.format(template, "path: \"" + itch + "\", order_capacity: 0"), "order_capacity");
        Topology good = parse(String.format(template, "path: \"" + itch + "\""));
        assertTrue(!good.report().hasErrors(), good.report().format());
    }

    private static void assertProblem(String yaml, String expected) {
        Topology t = parse(yaml);
        assertTrue(t.report().hasErrors() && t.report().format().contains(expected), t.report().format());
    }

    private static Topology parse(String yaml) {
        return TopologyLoader.parse(yaml, "test", Path.of("").toAbsolutePath(), Catalog.installed(), null);
    }
}
