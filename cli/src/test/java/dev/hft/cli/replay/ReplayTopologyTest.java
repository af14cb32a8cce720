package dev.hft.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.pipeline.topology.Topology;

class ReplayTopologyTest {

    @TempDir
    static Path dir;

    /** Thread name to the roles it steps, in order. */
    private static Map<String, String> layout(int shards, int threads) throws IOException {
        Path day = Files.write(dir.resolve("day.itch"), new byte[0]);
        Topology t = ReplayTopology.load(ReplayOptions.of(day).withShards(shards).withThreads(threads));
        assertFalse(t.report().hasErrors(), t.report().toString());
        assertTrue(t.report().warnings().isEmpty(), t.report().toString());
        Map<String, String> out = new TreeMap<>();
        for (Topology.ThreadPlan plan : t.threads()) {
            out.put(plan.name(), String.join(" ", plan.instances().stream().map(i -> i.stage().role(i.index())).toList()));
        }
        return out;
    }

    @Test
    void everyThreadCountPlacesTheSourceOnThreadZeroAndWrapsTheShardsOntoIt() throws IOException {
        assertEquals(Map.of("main", "ingress book-0 book-1"), layout(2, 1));
        assertEquals(Map.of("ingress", "ingress book-1", "book-0", "book-0"), layout(2, 2));
        assertEquals(Map.of("ingress", "ingress", "book-0", "book-0", "book-1", "book-1"), layout(2, 3));
        assertEquals(Map.of("ingress", "ingress book-1 book-3", "book-0", "book-0 book-2"), layout(4, 2));
        assertEquals(Map.of("ingress", "ingress", "book", "book"), layout(1, 2));
    }

    @Test
    void threadsOptionResolvesToACount() {
        assertEquals(1, ReplayOptions.threadCount("single", 3, 8));
        assertEquals(3, ReplayOptions.threadCount("multi", 3, 1));
        assertEquals(3, ReplayOptions.threadCount("auto", 3, 2), "2 cores: one thread per stage, the fastest there");
        assertEquals(1, ReplayOptions.threadCount("auto", 3, 1));
        assertEquals(2, ReplayOptions.threadCount("2", 5, 16));
        assertThrows(IllegalArgumentException.class, () -> ReplayOptions.threadCount("two", 3, 2));
        assertEquals(2, ReplayOptions.of(Path.of("d")).withLayout(ReplayOptions.DIRECT).threads(), "direct: one thread per shard");
        assertThrows(IllegalArgumentException.class, () -> ReplayOptions.of(Path.of("d")).withLayout(ReplayOptions.DIRECT).withThreads(3));
        assertThrows(IllegalArgumentException.class, () -> ReplayOptions.of(Path.of("d")).withShards(2).withThreads(4));
        assertThrows(IllegalArgumentException.class, () -> ReplayOptions.of(Path.of("d")).withShards(2).withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> ReplayOptions.of(Path.of("d")).withShards(ReplayOptions.MAX_SHARDS + 1));
    }
}
