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
                  locate: 8360
                  stocks: {8360: TEST}
            %s
              - name: sink
                class: dev.hft.strategy.OrderSink
                input: orders
            """;

    /** Replays the excerpt with the strategy's own params (YAML lines under {@code params:}). */
    private static Pipeline replay(String strategyParams) {
        Path file = Path.of(System.getProperty("hft.shared.dir", "../../shared"), "data", "12302019-0930-1000.NASDAQ_ITCH50");
        String params = strategyParams.lines().map(l -> "      " + l).collect(java.util.stream.Collectors.joining("\n"));
        Topology topology = TopologyLoader.parse(TOPOLOGY.formatted(file.toAbsolutePath(), params), "test", Path.of("."));
        assertFalse(topology.report().hasErrors(), topology.report().format());
        Pipeline pipeline = PipelineBuilder.build(topology);
        pipeline.start();
        assertTrue(pipeline.awaitCompletion(Duration.ofSeconds(60)), "replay did not finish");
        return pipeline;
    }

    @Test
    void marketMakerQuotesTheSymbolAndWaitsForAnswersThatNeverCome() {
        Pipeline pipeline = replay("""
                class: dev.hft.strategy.examples.MarketMaker
                half_spread_ticks: 2
                """);
        List<String> commands = pipeline.stage("sink", OrderSink.class).commands;
        assertEquals(List.of("ENTER B 100 TEST 251000 99998 locate 8360", "ENTER S 100 TEST 251400 99998 locate 8360"),
                commands.subList(0, 2), "first two-sided BBO $20.00 x $30.24: mid $25.12 +- 2 ticks");
        assertTrue(commands.size() <= 4, "at most one replace per side, then both wait for the venue: " + commands);
        assertTrue(commands.subList(2, commands.size()).stream().allMatch(c -> c.startsWith("REPLACE ")), commands.toString());
        assertEquals(pipeline.counters().value("strategy.intents"),
                pipeline.counters().value("strategy.sent") + pipeline.counters().value("strategy.rejected"));
        assertEquals(commands.size(), pipeline.counters().value("strategy.sent"));
    }

    @Test
    void imbalanceTakerBuysTheAskUntilTheOpenOrderLimit() {
        Pipeline pipeline = replay("""
                class: dev.hft.strategy.examples.ImbalanceTaker
                imbalance_percent: 60
                cooldown_ms: 0
                risk: {max_open_orders: 3, collar_percent: 50}   # this symbol's spread is wide: $20.00 x $30.24
                """);
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
