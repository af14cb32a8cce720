package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hft.cli.replay.ReplayOptions;
import dev.hft.cli.replay.ReplayRun;
import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkTestSupport;
import dev.hft.venue.gen.FeedGenerator;

/**
 * {@code run --snapshot} writes the books of every book stage instance, in replay's format: the default closed loop
 * and an RSS layout (two RX queues, each its own MoldUDP64 channel, into two book shards) give the books a replay of
 * the same day gives.
 */
class RunSnapshotTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void releaseHeap() {
        System.gc();
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertEquals(0, code, out + "\n" + err);
        return out.toString();
    }

    @Test
    void theDefaultRunWritesTheSnapshotReplayWrites(@TempDir Path dir) throws IOException {
        Path snapshot = dir.resolve("out/books.json");
        String out = run("run", "--topology", ROOT.resolve("topology.yaml").toString(), "--run-dir=" + dir,
                "--state-dir=" + dir.resolve("state"), "--snapshot", snapshot.toString());
        assertTrue(out.contains("snapshot: " + snapshot.toAbsolutePath()), out);
        String replayed = ReplayRun.run(ReplayOptions.of(ROOT.resolve("samples/sample.pcap")), n -> { }).snapshotJson();
        assertEquals(replayed + "\n", Files.readString(snapshot));
        JsonNode root = JSON.readTree(replayed);
        assertEquals(20_000, root.get("messages").asLong());
        assertTrue(root.get("books").has("EP") && root.get("books").has("GCNH"), replayed.substring(0, 200));
    }

    @Test
    void anRssLayoutWritesTheBooksOfEveryQueueAndShard(@TempDir Path dir) throws IOException {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        FeedGenerator.Options day = new FeedGenerator.Options(20_000, 40, 11);
        FeedGenerator.write(day, dir, "day");
        FeedGenerator.writeChannels(day, 2, dir, "day").close();
        Path topology = dir.resolve("rss.yaml");
        Files.writeString(topology, """
                dpdk:
                  eal: [-l, "0", --no-huge, --no-pci, -m, "256", --no-shconf, "--log-level=lib.eal:warning"]
                  ports:
                    - {name: md, device: "net_pcap61,rx_pcap=%s,rx_pcap=%s,infinite_rx=0", rx_queues: 2, tx_queues: 0, mbufs: 4095}
                rings:
                  - {name: market, event: itch, size: 16384}
                stages:
                  - {name: ingress, kind: dpdk-rx, per_rx_queue: md, params: {idle_end_ms: 500}, outputs: [market], thread: t0}
                  - {name: book, kind: book, shards: 2, params: {publish: false}, input: market, thread: t0}
                """.formatted(dir.resolve("day-0.pcap"), dir.resolve("day-1.pcap")));
        Path snapshot = dir.resolve("rss.json");
        String out = run("run", "--topology", topology.toString(), "--run-dir=" + dir, "--snapshot", snapshot.toString());
        assertTrue(out.contains("ingress-0") && out.contains("ingress-1") && out.contains("book-1"), out);
        JsonNode fromRun = JSON.readTree(snapshot.toFile());
        JsonNode fromReplay = JSON.readTree(ReplayRun.run(ReplayOptions.of(dir.resolve("day.itch")), n -> { }).snapshotJson());
        assertEquals(40, fromReplay.get("books").size());
        assertEquals(fromReplay.get("books"), fromRun.get("books"));
        assertEquals(fromReplay.get("live_orders"), fromRun.get("live_orders"));
        assertEquals(fromReplay.get("type_counts").get("A"), fromRun.get("type_counts").get("A"), "each add once, whichever queue");
    }
}
