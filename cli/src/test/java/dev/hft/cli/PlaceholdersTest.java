package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;

class PlaceholdersTest {

    private static final String NOT_INSTALLED = """
            rings:
              - {name: market, event: not-installed-event, size: 1024}
              - {name: out, event: not-installed-event, size: 1024}
            stages:
              - {name: feed, kind: not-installed-source, outputs: [market], thread: t0}
              - {name: shard, kind: not-installed-book, shards: 2, input: market, outputs: [out], thread: t0}
              - {name: sink, kind: not-installed-sink, input: out}
            """;

    @Test
    void missingKindsAreSwappedForPlaceholdersKeepingTheLayout() {
        Catalog catalog = Catalog.installed();
        Topology t = TopologyLoader.parse(NOT_INSTALLED, "test", Path.of("."));
        assertTrue(Placeholders.onlyMissingKinds(t), t.report().format());
        Topology swapped = Placeholders.substitute(t, catalog);
        assertFalse(swapped.report().hasErrors(), swapped.report().format());
        assertEquals(List.of("placeholder-source", "placeholder-relay", "counting-sink"),
                swapped.stages().stream().map(Topology.StageSpec::kind).toList());
        assertEquals(2, swapped.stage("shard").instances());
        assertEquals(t.threads().stream().map(Topology.ThreadPlan::name).toList(),
                swapped.threads().stream().map(Topology.ThreadPlan::name).toList());
        Pipeline p = PipelineBuilder.build(swapped, Map.of("feed.events", "3000"), catalog);
        p.start();
        assertTrue(p.awaitCompletion(Duration.ofSeconds(30)));
        assertEquals(3000, p.counters().value("sink.received"));
        assertTrue(p.drained(), p.summary());
    }

    @Test
    void otherErrorsAreNotPapered() {
        Topology t = TopologyLoader.parse(NOT_INSTALLED.replace("size: 1024}\n  - {name: out", "size: 1000}\n  - {name: out"),
                "test", Path.of("."));
        assertFalse(Placeholders.onlyMissingKinds(t), t.report().format());
    }
}
