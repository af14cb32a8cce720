package dev.hft.pipeline.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.TopologyException;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;

/** The builder on its own: what it makes from a topology, before anything runs. */
class PipelineBuilderTest {

    private static final String LAYOUT = """
            rings:
              - {name: market, event: synthetic, size: 256}
              - {name: signals, event: synthetic, size: 128}
            stages:
              - {name: rx, kind: placeholder-source, shards: 2, outputs: [market], thread: t0}
              - {name: book, kind: placeholder-relay, shards: 3, input: market, outputs: [signals], thread: t0}
              - {name: strategy, kind: counting-sink, input: signals, wait: blocking}
            """;

    @Test
    void replicatesRingsPerConsumerShardAndPlacesStagesOnThreads() {
        Topology t = TopologyLoader.parse(LAYOUT, "test", Path.of("."));
        assertFalse(t.report().hasErrors(), t.report().format());
        assertEquals(3, t.replicas("market"));
        assertTrue(t.multiProducer(t.ring("market")), "2 rx instances publish into each market replica");
        assertTrue(t.multiProducer(t.ring("signals")), "3 book shards publish into signals");
        Pipeline p = PipelineBuilder.build(t);
        assertEquals(List.of("rx-0", "rx-1", "book-0", "book-1", "book-2", "strategy"), p.roles());
        List<Pipeline.RingStats> rings = p.ringStats();
        assertEquals(List.of("market-0", "market-1", "market-2", "signals"), rings.stream().map(Pipeline.RingStats::name).toList());
        assertEquals(List.of(2, 2, 2, 3), rings.stream().map(Pipeline.RingStats::producers).toList());
        assertEquals(Map.of("book-1", 0L), rings.get(1).consumedBy());
        assertEquals(List.of("t0", "strategy"), t.threads().stream().map(Topology.ThreadPlan::name).toList());
        assertTrue(p.stage("book-2") instanceof dev.hft.pipeline.placeholder.PlaceholderRelay);
    }

    @Test
    void refusesATopologyWithErrors() {
        Topology t = TopologyLoader.parse(LAYOUT.replace("size: 256", "size: 300"), "test", Path.of("."));
        TopologyException e = assertThrows(TopologyException.class, () -> PipelineBuilder.build(t));
        assertTrue(e.getMessage().contains("ring size must be a power of two"), e.getMessage());
    }

    @Test
    void aStageThatFailsToBuildIsReportedByRole() {
        Topology t = TopologyLoader.parse("""
                rings:
                  - {name: a, event: synthetic}
                stages:
                  - {name: src, kind: placeholder-source, outputs: [a]}
                  - {name: sneaky, class: dev.hft.pipeline.runtime.FlakyRelay, input: a}
                """, "test", Path.of("."));
        TopologyException e = assertThrows(TopologyException.class, () -> PipelineBuilder.build(t));
        assertTrue(e.getMessage().contains("could not build sneaky"), e.getMessage());
    }
}
