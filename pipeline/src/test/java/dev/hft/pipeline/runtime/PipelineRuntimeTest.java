package dev.hft.pipeline.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.TopologyException;
import dev.hft.pipeline.placeholder.CountingSink;
import dev.hft.pipeline.placeholder.PlaceholderRelay;
import dev.hft.pipeline.placeholder.PlaceholderSource;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;

class PipelineRuntimeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static Topology topology(String yaml) {
        Topology t = TopologyLoader.parse(yaml, "test", Path.of("."));
        assertFalse(t.report().hasErrors(), t.report().format());
        return t;
    }

    private static final String CHAIN = """
            rings:
              - {name: a, event: synthetic, size: 1024}
              - {name: b, event: synthetic, size: 1024}
            stages:
              - {name: src, kind: placeholder-source, params: {events: %d}, outputs: [a]}
              - {name: relay, kind: placeholder-relay, input: a, outputs: [b]}
              - {name: sink, kind: counting-sink, input: b}
            """;

    @Test
    void finiteRunThroughThreeStagesAccountsForEveryEvent() {
        Pipeline p = PipelineBuilder.build(topology(CHAIN.formatted(100_000)));
        p.start();
        assertTrue(p.awaitCompletion(TIMEOUT), "pipeline did not finish");
        CountingSink sink = p.stage("sink", CountingSink.class);
        assertEquals(100_000, sink.received());
        assertEquals(0, sink.orderViolations());
        assertEquals(100_000, p.stage("relay", PlaceholderRelay.class).relayed());
        assertTrue(p.drained(), p.summary());
        assertEquals(0, p.exitCode());
        Pipeline.StageStats src = p.stageStats().get(0);
        assertEquals(100_000, src.eventsOut(), "events_out counted through Ring.publish");
        assertEquals(100_000, p.counters().value("ring.b.published"));
    }

    @Test
    void stopDrainsEverythingPublishedBeforeIt() throws InterruptedException {
        Pipeline p = PipelineBuilder.build(topology(CHAIN.formatted(Long.MAX_VALUE)));
        p.start();
        CountingSink sink = p.stage("sink", CountingSink.class);
        while (sink.received() < 20_000) {
            Thread.sleep(5);
        }
        assertTrue(p.stop(TIMEOUT), "pipeline did not drain");
        long emitted = p.stage("src", PlaceholderSource.class).emitted();
        assertTrue(emitted >= 20_000);
        assertEquals(emitted, p.stage("relay", PlaceholderRelay.class).relayed());
        assertEquals(emitted, sink.received());
        assertEquals(0, sink.orderViolations());
        assertTrue(p.drained(), p.summary());
        p.ringStats().forEach(r -> assertEquals(emitted, r.published(), r.name()));
    }

    @Test
    void fanInFromTwoProducersDeliversAllInPerProducerOrder() {
        Topology t = topology("""
                rings:
                  - {name: merged, event: synthetic, size: 256}
                stages:
                  - {name: left, kind: placeholder-source, params: {events: 50000}, outputs: [merged]}
                  - {name: right, kind: placeholder-source, params: {events: 30000}, outputs: [merged]}
                  - {name: sink, kind: counting-sink, input: merged}
                """);
        assertTrue(t.multiProducer(t.ring("merged")), "two producers make the ring multi-producer");
        Pipeline p = PipelineBuilder.build(t);
        p.start();
        assertTrue(p.awaitCompletion(TIMEOUT));
        CountingSink sink = p.stage("sink", CountingSink.class);
        assertEquals(80_000, sink.received());
        assertEquals(50_000, sink.receivedFrom("left"));
        assertEquals(30_000, sink.receivedFrom("right"));
        assertEquals(0, sink.orderViolations());
        assertTrue(p.drained(), p.summary());
    }

    private static final String SHARDED = """
            threading: %s
            rings:
              - {name: in, event: synthetic, size: 512}
              - {name: out, event: synthetic, size: 512}
            stages:
              - {name: src, kind: placeholder-source, params: {events: 60000}, outputs: [in]}
              - {name: relay, kind: placeholder-relay, shards: 2, input: in, outputs: [out], thread: relays}
              - {name: sink, kind: counting-sink, input: out}
            """;

    @Test
    void singleAndMultiThreadLayoutsGiveIdenticalOutputs() {
        CountingSink[] sinks = new CountingSink[2];
        String[] modes = {"single", "multi"};
        for (int i = 0; i < 2; i++) {
            Topology t = topology(SHARDED.formatted(modes[i]));
            assertEquals(i == 0 ? 1 : 3, t.threads().size());
            Pipeline p = PipelineBuilder.build(t);
            p.start();
            assertTrue(p.awaitCompletion(TIMEOUT), modes[i]);
            assertTrue(p.drained(), p.summary());
            sinks[i] = p.stage("sink", CountingSink.class);
        }
        assertEquals(60_000, sinks[0].received());
        assertEquals(sinks[0].received(), sinks[1].received());
        assertEquals(sinks[0].receivedFrom("relay-0"), sinks[1].receivedFrom("relay-0"));
        assertEquals(sinks[0].receivedFrom("relay-1"), sinks[1].receivedFrom("relay-1"));
        assertEquals(sinks[0].checksum(), sinks[1].checksum());
        assertEquals(0, sinks[0].orderViolations() + sinks[1].orderViolations());
    }

    private static final String FLAKY = """
            rings:
              - {name: a, event: synthetic, size: 1024}
              - {name: b, event: synthetic, size: 1024}
            stages:
              - {name: src, kind: placeholder-source, params: {events: %d}, outputs: [a]}
              - {name: flaky, class: dev.hft.pipeline.runtime.FlakyRelay, on_error: %s, input: a, outputs: [b]}
              - {name: sink, kind: counting-sink, input: b}
            """;

    @Test
    void skipPolicyCountsErrorsAndKeepsRunning() {
        Pipeline p = PipelineBuilder.build(topology(FLAKY.formatted(10_000, "skip")));
        p.start();
        assertTrue(p.awaitCompletion(TIMEOUT));
        assertEquals(1_000, p.counters().value("flaky.errors"));
        assertEquals(9_000, p.stage("sink", CountingSink.class).received());
        assertTrue(p.haltReason().isEmpty());
        assertEquals(0, p.exitCode());
        assertTrue(p.drained(), p.summary());
    }

    @Test
    void haltPolicyStopsThePipelineCleanlyNamingTheStage() {
        Pipeline p = PipelineBuilder.build(topology(FLAKY.formatted(Long.MAX_VALUE, "halt")));
        p.start();
        assertTrue(p.awaitCompletion(TIMEOUT), "a halt must end even an endless source");
        assertTrue(p.haltReason().orElseThrow().contains("stage flaky failed"), p.haltReason().orElseThrow());
        assertEquals(1, p.exitCode());
        assertEquals(1, p.counters().value("flaky.errors"));
        assertEquals(9, p.stage("sink", CountingSink.class).received());
        assertTrue(p.drained(), "halted stages keep draining their input: " + p.summary());
        assertTrue(p.summary().contains("HALTED: stage flaky failed"));
    }

    @Test
    void endOfBatchMarksTheLastEventOfEveryBoundedBatch() {
        Pipeline p = PipelineBuilder.build(topology("""
                rings:
                  - {name: a, event: synthetic, size: 4096}
                stages:
                  - {name: src, kind: placeholder-source, params: {events: 20000, batch: 256}, outputs: [a]}
                  - {name: rec, class: dev.hft.pipeline.runtime.BatchRecorder, input: a, wait: blocking}
                """));
        p.start();
        assertTrue(p.awaitCompletion(TIMEOUT));
        BatchRecorder rec = p.stage("rec", BatchRecorder.class);
        assertEquals(20_000, rec.events);
        assertTrue(rec.lastWasEndOfBatch, "the final event closes a batch");
        assertTrue(rec.longestBatch <= StageRunner.MAX_BATCH, "batch of " + rec.longestBatch);
        assertEquals(p.counters().value("rec.batches"), rec.batches);
    }

    @Test
    void overridesReplaceParamsAndUnknownStagesAreRejected() {
        Topology t = topology(CHAIN.formatted(5));
        Pipeline p = PipelineBuilder.build(t, Map.of("src.events", "777"));
        p.start();
        assertTrue(p.awaitCompletion(TIMEOUT));
        assertEquals(777, p.stage("sink", CountingSink.class).received());
        TopologyException e = assertThrows(TopologyException.class, () -> PipelineBuilder.build(t, Map.of("nope.events", "1")));
        assertTrue(e.getMessage().contains("[src, relay, sink]"), e.getMessage());
        e = assertThrows(TopologyException.class, () -> PipelineBuilder.build(t, Map.of("src.batch", "9999")));
        assertTrue(e.getMessage().contains("batch: must be between 1 and 256"), e.getMessage());
    }
}
