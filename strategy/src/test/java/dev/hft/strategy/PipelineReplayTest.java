package dev.hft.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;

/**
 * The strategy stage built by its factory and run by the real runtime on one thread: the published ITCH
 * excerpt (no R messages, so {@code stocks:} names locate 8360) through the book into the imbalance taker.
 * No venue answers, so orders stay open and the open-order limit refuses the rest: risk fails closed.
 */
class PipelineReplayTest {

    private static final String TOPOLOGY = """
            threading: single
            rings:
              - {name: market, event: itch, size: 4096}
              - {name: book-events, event: book, size: 4096}
              - {name: orders, event: order, size: 1024}
            stages:
              - name: ingress
                kind: itch-file
                params: {path: %s, batch: 1}   # every message its own packet
                outputs: [market]
              - name: book
                kind: book
                input: market
                outputs: [book-events]
              - name: strategy
                kind: strategy
                input: book-events
                outputs: [orders]
                params:
                  class: dev.hft.strategy.examples.ImbalanceTaker
                  locate: 8360
                  imbalance_percent: 60
                  cooldown_ms: 0
                  stocks: {8360: TEST}
                  risk: {max_open_orders: 3, collar_percent: 50}   # this symbol's spread is wide: $20.00 x $30.24
              - name: sink
                class: dev.hft.strategy.OrderSink
                input: orders
            """;

    @Test
    void replaysTheExcerptThroughBookAndStrategy() {
        Path file = Path.of(System.getProperty("hft.shared.dir", "../../shared"), "data", "12302019-0930-1000.NASDAQ_ITCH50");
        Topology topology = TopologyLoader.parse(TOPOLOGY.formatted(file.toAbsolutePath()), "test", Path.of("."));
        assertFalse(topology.report().hasErrors(), topology.report().format());
        Pipeline pipeline = PipelineBuilder.build(topology);
        pipeline.start();
        assertTrue(pipeline.awaitCompletion(Duration.ofSeconds(60)), "replay did not finish");

        OrderSink sink = pipeline.stage("sink", OrderSink.class);
        long intents = pipeline.counters().value("strategy.intents");
        long sent = pipeline.counters().value("strategy.sent");
        long rejected = pipeline.counters().value("strategy.rejected");
        assertEquals(List.of("ENTER B 100 TEST 302400 0 locate 8360", "ENTER B 100 TEST 302400 0 locate 8360",
                "ENTER B 100 TEST 302400 0 locate 8360"), sink.commands, "bid-heavy: buy the $30.24 ask, IOC");
        assertEquals(10, intents);
        assertEquals(3, sent);
        assertEquals(7, rejected);
        assertEquals(7, pipeline.counters().value("strategy.rejected.open_orders"), "no venue answers: orders stay open");
        assertEquals(intents, sent + rejected);
    }
}
