package dev.hft.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

import dev.hft.cli.CliRun;
import dev.hft.cli.Main;
import dev.hft.cli.TempFolders;
import dev.hft.venue.gen.FeedGenerator;

/**
 * The warm-up figures of {@code hft replay} (issue 11 part 5): the first window's and the steady window's arithmetic on
 * made-up readings, and the {@code --json} keys of real replays, consistent with each other. No figure is compared with a
 * wall-clock expectation.
 */
class WarmupFiguresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theFirstWindowEndsWhereThe100000thMessageWasInterpolatedAndSteadyIsTheSecondHalf() {
        ReplayRun.Samples s = new ReplayRun.Samples();
        long ms = 1_000_000;
        s.add(0, 0);
        s.add(10 * ms, 0);          // the pipeline's start-up: nothing through yet
        s.add(20 * ms, 50_000);     // first message seen at 20 ms
        s.add(30 * ms, 150_000);    // 100,000 crossed halfway between 20 and 30 ms: at 25 ms
        s.add(130 * ms, 500_000);   // half the day (500,000) reached exactly here
        s.add(330 * ms, 1_000_000);
        ReplayRun.Warmup w = s.warmup(400, 0, 1_000_000);
        assertEquals(420, w.timeToFirstMessageMillis());
        assertEquals(400, w.jvmToStartMillis());
        assertEquals(100_000, w.firstWindowMessages());
        assertEquals(25 * ms, w.firstWindowNanos());
        assertEquals(4_000_000, w.firstWindowPerSecond(), 1e-6);
        assertTrue(w.hasSteady());
        assertEquals(500_000, w.steadyFromMessage());
        assertEquals(500_000, w.steadyMessages());
        // 500,000 reached at 130 ms exactly; the end at 330 ms: 500,000 in 200 ms
        assertEquals(200 * ms, w.steadyNanos());
        assertEquals(2_500_000, w.steadyPerSecond(), 1e-6);
    }

    @Test
    void aDayShorterThanTwoWindowsIsOneWindowWithoutASteadyFigure() {
        ReplayRun.Samples s = new ReplayRun.Samples();
        s.add(5_000, 0);
        s.add(1_005_000, 12_000);
        s.add(2_005_000, 20_004);  // the book counts: system events go to every shard
        ReplayRun.Warmup w = s.warmup(300, 5_000, 20_000);
        assertEquals(20_000, w.firstWindowMessages(), "the routed messages, not the shards' sum");
        assertEquals(2_000_000, w.firstWindowNanos());
        assertFalse(w.hasSteady());
        assertTrue(Double.isNaN(w.steadyPerSecond()));
        assertEquals(301, w.timeToFirstMessageMillis());
    }

    @Test
    void noMessageNoFigures() {
        ReplayRun.Samples s = new ReplayRun.Samples();
        s.add(0, 0);
        s.add(1_000_000, 0);
        ReplayRun.Warmup w = s.warmup(100, 0, 0);
        assertEquals(-1, w.timeToFirstMessageMillis());
        assertEquals(0, w.firstWindowPerSecond());
        assertFalse(w.hasSteady());
    }

    @Test
    void replayJsonHasTheFirst100kAndSteadyFiguresConsistentWithItsWallClock() throws IOException {
        FeedGenerator.write(new FeedGenerator.Options(250_000, 50, 3), dir, "day");
        Path out = dir.resolve("figures.json");
        StringWriter text = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setOut(new PrintWriter(text, true)).setErr(new PrintWriter(err, true))
                .execute("replay", "--input", dir.resolve("day.itch").toString(), "--threads", "single", "--json", out.toString());
        assertEquals(0, code, text + "\n" + err);
        assertTrue(text.toString().contains("warm-up: first message "), text.toString());
        assertTrue(text.toString().contains("steady (second half) "), text.toString());
        JsonNode j = JSON.readTree(out.toFile());
        assertEquals(250_000, j.get("messages").asLong());
        assertEquals(1, j.get("thread_count").asInt());
        assertEquals(100_000, j.get("first_window_messages").asLong());
        double wall = j.get("wall_s").asDouble();
        double first = j.get("first_100k_s").asDouble();
        double steady = j.get("steady_s").asDouble();
        assertTrue(first > 0 && first <= wall, j.toString());
        assertTrue(steady > 0 && steady <= wall, j.toString());
        assertEquals(100_000 / first, j.get("first_100k_msgs_per_s").asDouble(), 100_000 / first * 0.001 + 1, j.toString());
        long steadyMessages = j.get("messages").asLong() - j.get("steady_from_message").asLong();
        assertTrue(Math.abs(steadyMessages - 125_000) <= 100, j.toString());
        assertEquals(steadyMessages / steady, j.get("steady_msgs_per_s").asDouble(), steadyMessages / steady * 0.001 + 1, j.toString());
        assertEquals(j.get("first_100k_msgs_per_s").asDouble() / j.get("steady_msgs_per_s").asDouble(),
                j.get("first_100k_vs_steady").asDouble(), 0.01, j.toString());
        assertEquals(250_000 / wall, j.get("msgs_per_s").asDouble(), 250_000 / wall * 0.001 + 1, j.toString());
        assertTrue(j.get("time_to_first_message_ms").asLong() >= j.get("jvm_start_to_pipeline_ms").asLong(), j.toString());
        assertEquals("none", j.get("aot_cache").asText(), "this JVM was given no cache");
        assertEquals(0, j.get("drops").asLong());
        assertTrue(j.get("drained").asBoolean());
    }

    /**
     * {@code --warm-up} on a pcap read in Java: the passes (3 to 8, each a full replay of the generated day) leave
     * nothing in the input's books (the snapshot is byte for byte that of a replay without it), their temporary folder
     * is gone, and the JSON says what they did.
     */
    @Test
    void aWarmUpLeavesTheInputsBooksAndFiguresItsOwnAndNoFolderBehind() throws IOException {
        Path sample = Path.of(System.getProperty("hft.root", "..")).resolve("samples/sample.pcap");
        Set<Path> warmFoldersBefore = TempFolders.named("hft-warm-up-");
        List<String> replay = List.of("replay", "--input", sample.toString(), "--via", "java", "--threads", "single");
        List<String> warmArgs = new ArrayList<>(replay);
        warmArgs.addAll(List.of("--warm-up", "--snapshot", dir.resolve("warm.json").toString(), "--json",
                dir.resolve("figures.json").toString()));
        CliRun warm = CliRun.of(warmArgs);
        assertEquals(0, warm.code(), warm.out() + warm.err());
        List<String> coldArgs = new ArrayList<>(replay);
        coldArgs.addAll(List.of("--snapshot", dir.resolve("cold.json").toString()));
        CliRun cold = CliRun.of(coldArgs);
        assertEquals(0, cold.code(), cold.out() + cold.err());
        assertEquals(Files.readString(dir.resolve("cold.json")), Files.readString(dir.resolve("warm.json")));
        assertEquals(warmFoldersBefore, TempFolders.named("hft-warm-up-"), "the generated day's folder is deleted");
        JsonNode j = JSON.readTree(dir.resolve("figures.json").toFile());
        int passes = j.get("warm_up_passes").asInt();
        assertTrue(passes >= WarmUp.MIN_PASSES && passes <= WarmUp.MAX_PASSES, j.toString());
        assertTrue(j.get("warm_up_last_pass_msgs_per_s").asDouble() > 0, j.toString());
        assertTrue(j.get("jvm_start_to_pipeline_ms").asLong() >= (long) (j.get("warm_up_s").asDouble() * 1000), j.toString());
        assertEquals(20_000, j.get("messages").asLong());
        assertTrue(warm.out().contains("warm-up: " + passes + " passes of a generated 300,000-message day"), warm.out());
    }

    @Test
    void withoutWarmUpItsFiguresAreNull() throws IOException {
        FeedGenerator.write(new FeedGenerator.Options(20_000, 20, 5), dir, "short");
        Path out = dir.resolve("short.json");
        CliRun r = CliRun.of("replay", "--input", dir.resolve("short.itch").toString(), "--json", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = JSON.readTree(out.toFile());
        for (String key : new String[] {"warm_up_passes", "warm_up_s", "warm_up_last_pass_msgs_per_s"}) {
            assertTrue(j.get(key).isNull(), key + " in " + j);
        }
    }

    @Test
    void aShortDayReportsItsWholeLengthAsTheFirstWindowAndNoSteadyRate() throws IOException {
        FeedGenerator.write(new FeedGenerator.Options(20_000, 20, 5), dir, "short");
        Path out = dir.resolve("short.json");
        int code = new CommandLine(new Main()).setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(new StringWriter(), true))
                .execute("replay", "--input", dir.resolve("short.itch").toString(), "--json", out.toString());
        assertEquals(0, code);
        JsonNode j = JSON.readTree(out.toFile());
        assertEquals(20_000, j.get("first_window_messages").asLong());
        assertTrue(j.get("steady_msgs_per_s").isNull(), j.toString());
        assertTrue(j.get("first_100k_vs_steady").isNull(), j.toString());
        assertTrue(j.get("first_100k_s").asDouble() <= j.get("wall_s").asDouble(), j.toString());
        assertTrue(Files.size(out) > 0);
    }
}
