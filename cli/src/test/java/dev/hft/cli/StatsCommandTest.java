package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.pipeline.metrics.RunFiles;
import dev.hft.pipeline.placeholder.CountingSink;
import dev.hft.pipeline.runtime.Counters;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;

class StatsCommandTest {

    /** One thread that sleeps when idle: no more spinning threads than cores. */
    private static final String CHAIN = """
            threading: single
            rings:
              - {name: a, event: synthetic, size: 256}
            stages:
              - {name: src, kind: placeholder-source, params: {events: 9223372036854775807}, outputs: [a]}
              - {name: sink, kind: counting-sink, input: a, wait: blocking}
            """;

    @Test
    void readsALiveRunByPidAndFindsItHealthy(@TempDir Path dir) throws Exception {
        Counters counters = RunFiles.mappedCounters(dir, null, "chain.yaml", PipelineBuilder.COUNTER_CAPACITY);
        Topology t = TopologyLoader.parse(CHAIN, "test", Path.of("."));
        Pipeline p = PipelineBuilder.build(t, Map.of(), Catalog.installed(), counters);
        p.start();
        try {
            CountingSink sink = p.stage("sink", CountingSink.class);
            while (sink.received() < 1_000) {
                Thread.sleep(2);
            }
            String pid = Long.toString(ProcessHandle.current().pid());
            CliRun table = CliRun.of("stats", "--dir", dir.toString(), "--pid", pid, "--interval", "50ms", "--once");
            assertEquals(0, table.code(), table.err());
            String src = table.out().lines().filter(l -> l.startsWith("src ")).findFirst().orElseThrow(() -> new AssertionError(table.out()));
            long out = Long.parseLong(src.trim().split(" +")[2]);
            assertTrue(out >= 1_000, src);
            assertTrue(Double.parseDouble(src.trim().split(" +")[3]) > 0, "a running source has a rate: " + src);
            assertTrue(table.out().lines().anyMatch(l -> l.matches("a +\\d+ +\\d+ +256 +\\d+")), table.out());

            CliRun newest = CliRun.of("stats", "--dir", dir.toString(), "--interval", "10ms", "--once");
            assertEquals(0, newest.code(), newest.err());
            assertTrue(newest.out().contains("sink "), newest.out());

            CliRun check = CliRun.of("stats", "--dir", dir.toString(), "--pid", pid, "--interval", "50ms", "--check");
            assertEquals(0, check.code(), check.out());
            assertTrue(check.out().startsWith("healthy: 2 stages, 1 rings"), check.out());
        } finally {
            assertTrue(p.stop(Duration.ofSeconds(30)), p.summary());
        }
        CliRun gone = CliRun.of("stats", "--dir", dir.toString(), "--interval", "10ms", "--once");
        assertEquals(Main.USAGE, gone.code());
        assertTrue(gone.err().contains("no live run"), gone.err());
    }

    /** Counters labelled as the runtime labels them, in a mapped file a test sets to a chosen state. */
    private static Counters chain(Path file, long published, long consumed) {
        Counters c = Counters.mapped(file, 64);
        c.newCounter("src.events_out").set(published);
        c.newCounter("ring.a.published").set(published);
        c.newCounter("ring.a.capacity").set(8);
        c.newCounter("ring.a.consumed_by.sink").set(consumed);
        c.newCounter("sink.events_in").set(consumed);
        c.newCounter("ingress.loss");
        c.newCounter("ingress.mold.gaps");
        return c;
    }

    @Test
    void checkFailsForAStalledStage(@TempDir Path dir) {
        chain(dir.resolve("c"), 6, 2);
        CliRun r = CliRun.of("stats", "--file", dir.resolve("c").toString(), "--interval", "20ms", "--check");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("UNHEALTHY: stage sink stalled: ring a holds 4 events"), r.out());
    }

    @Test
    void checkFailsForAFullRing(@TempDir Path dir) {
        chain(dir.resolve("c"), 108, 100);
        CliRun r = CliRun.of("stats", "--file", dir.resolve("c").toString(), "--interval", "20ms", "--check");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("UNHEALTHY: ring a full: 8 of 8 slots"), r.out());
    }

    @Test
    void checkFailsForAnUnrecoveredGapAndPassesForARecoveredOne(@TempDir Path dir) {
        Path file = dir.resolve("c");
        Counters c = chain(file, 10, 10);
        c.newCounter("rx.mold.gaps").set(2);
        c.newCounter("rx.mold.recovered").set(5);
        AtomicCounter lostCount = c.newCounter("rx.loss");
        AtomicCounter moldLost = c.newCounter("rx.mold.lost");
        CliRun recovered = CliRun.of("stats", "--file", file.toString(), "--interval", "10ms", "--check");
        assertEquals(0, recovered.code(), recovered.out());
        lostCount.set(5);
        moldLost.set(5);
        CliRun lost = CliRun.of("stats", "--file", file.toString(), "--interval", "10ms", "--check");
        assertEquals(1, lost.code(), lost.out());
        assertTrue(lost.out().contains("UNHEALTHY: feed rx lost 5"), lost.out());
        assertTrue(lost.out().contains("mold.lost 5, mold.recovered 5"), lost.out());
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        CliRun r = CliRun.of("stats", "--file", dir.resolve("none").toString(), "--once");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("no counters file"), r.err());
    }
}
