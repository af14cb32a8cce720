package dev.hft.pipeline.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.topology.Problem;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;
import dev.hft.pipeline.topology.ValidationReport;

/** side_inputs: validation, and a request/reply loop whose replies all come back before the requester stops. */
class SideInputTest {

    private static final String LOOP = """
            threading: %s
            rings:
              - {name: a, event: synthetic, size: 1024}
              - {name: req, event: synthetic, size: 256}
              - {name: replies, event: synthetic, size: 256}
            stages:
              - {name: src, kind: placeholder-source, params: {events: %d}, outputs: [a]}
              - {name: requester, class: dev.hft.pipeline.runtime.SideInputRequester, input: a, side_inputs: [replies], outputs: [req]}
              - {name: echo, class: dev.hft.pipeline.runtime.FlakyRelay, params: {fail_every: 1000000000}, input: req, outputs: [replies]}
            """;

    private static ValidationReport validate(String yaml) {
        return TopologyLoader.parse(yaml, "test", Path.of(".")).report();
    }

    @Test
    void aRingReadOnlyAsSideInputHasAConsumerAndTheLoopIsNoCycle() {
        ValidationReport r = validate(LOOP.formatted("multi", 10));
        assertTrue(r.problems().isEmpty(), r.format());
    }

    @Test
    void unknownSideInputIsReportedWithItsPath() {
        ValidationReport r = validate(LOOP.formatted("multi", 10).replace("side_inputs: [replies]", "side_inputs: [replys]"));
        assertTrue(r.hasErrors());
        Problem p = r.problems().stream().filter(x -> x.path().equals("stages[1].side_inputs")).findFirst().orElseThrow(() -> new AssertionError(r.format()));
        assertTrue(p.message().contains("no ring named 'replys'") && p.message().contains("replies"), p.message());
        assertTrue(r.problems().stream().anyMatch(x -> x.message().contains("ring 'replies' has no consumer")), r.format());
    }

    @Test
    void sideInputMayNotBeTheStagesOwnInputNorAShardedRing() {
        ValidationReport own = validate(LOOP.formatted("multi", 10).replace("side_inputs: [replies]", "side_inputs: [replies, a]"));
        assertTrue(own.problems().stream().anyMatch(p -> p.path().equals("stages[1].side_inputs")
                && p.message().contains("already this stage's input")), own.format());
        ValidationReport sharded = validate("""
                rings:
                  - {name: a, event: synthetic}
                  - {name: b, event: synthetic}
                stages:
                  - {name: src, kind: placeholder-source, outputs: [a]}
                  - {name: sink, kind: counting-sink, shards: 2, input: a}
                  - {name: src2, kind: placeholder-source, outputs: [b]}
                  - {name: other, kind: counting-sink, input: b, side_inputs: [a]}
                """);
        assertTrue(sharded.problems().stream().anyMatch(p -> p.path().equals("stages[3].side_inputs")
                && p.message().contains("replicated")), sharded.format());
    }

    @Test
    void everyReplyReachesTheRequesterBeforeItStopsOnOneThreadAndOnSeveral() {
        for (String threading : new String[] {"single", "multi"}) {
            Topology t = TopologyLoader.parse(LOOP.formatted(threading, 20_000), "test", Path.of("."));
            assertFalse(t.report().hasErrors(), t.report().format());
            Pipeline p = PipelineBuilder.build(t);
            p.start();
            assertTrue(p.awaitCompletion(Duration.ofSeconds(30)), p.summary());
            SideInputRequester requester = p.stage("requester", SideInputRequester.class);
            assertEquals(20_000, requester.sent(), threading);
            assertEquals(20_000, requester.received(), threading + ": drain waits for the side input\n" + p.summary());
            assertEquals(0, requester.outOfOrder(), threading);
            Pipeline.RingStats replies = p.ringStats().stream().filter(r -> r.name().equals("replies")).findFirst().orElseThrow();
            assertEquals(20_000, replies.published());
            assertEquals(20_000L, replies.consumedBy().get("requester (side)"), replies.toString());
            assertTrue(p.drained(), p.summary());
            assertEquals(0, p.exitCode(), p.summary());
        }
    }
}
