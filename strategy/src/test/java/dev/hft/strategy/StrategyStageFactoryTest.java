package dev.hft.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import com.lmax.disruptor.RingBuffer;

import dev.hft.events.OrderCommand;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.RingGroup;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.topology.Problem;
import dev.hft.pipeline.topology.TopologyLoader;
import dev.hft.strategy.examples.MarketMaker;

class StrategyStageFactoryTest {

    private final StrategyStageFactory factory = new StrategyStageFactory();

    /** A Strategy without the (StrategyContext) constructor the stage needs. */
    public static final class NoContextConstructor implements Strategy {
    }

    private List<String> problems(Map<String, Object> params) {
        List<String> out = new ArrayList<>();
        factory.validate(new Params("stages[2].params", params), (key, message) -> out.add(key + ": " + message));
        return out;
    }

    @Test
    void aMissingOrUnusableClassIsAClearProblem() {
        assertEquals(List.of("class: missing: name the Strategy class, e.g. class: dev.hft.strategy.examples.MarketMaker"),
                problems(Map.of()));
        assertEquals(List.of("class: class com.example.Nope is not on the class path: add its jar or classes folder with"
                + " 'classpath:' at the top of the topology (relative to the file) or --classpath on the command line"),
                problems(Map.of("class", "com.example.Nope")));
        assertEquals(List.of("class: class java.lang.String does not implement dev.hft.strategy.Strategy"),
                problems(Map.of("class", "java.lang.String")));
        assertEquals(List.of("class: class " + NoContextConstructor.class.getName()
                        + " needs a public constructor taking a dev.hft.strategy.StrategyContext"),
                problems(Map.of("class", NoContextConstructor.class.getName())));
        assertEquals(List.of(), problems(Map.of("class", MarketMaker.class.getName())));
    }

    @Test
    void badRiskLimitsNameTheirKey() {
        String mm = MarketMaker.class.getName();
        assertEquals(List.of("risk.max_order_shares: must be above 0, found 0"),
                problems(Map.of("class", mm, "risk", Map.of("max_order_shares", 0))));
        assertEquals(List.of("risk.collar_ticks: give collar_percent or collar_ticks, not both"),
                problems(Map.of("class", mm, "risk", Map.of("collar_percent", 1, "collar_ticks", 2))));
        assertEquals(List.of("risk.max_position: expected a whole number, found 'lots'"),
                problems(Map.of("class", mm, "risk", Map.of("max_position", "lots"))));
        assertTrue(problems(Map.of("class", mm, "token_prefix", "a")).getFirst().startsWith("token_prefix: token prefix must be"));
        assertEquals(List.of("risk.burst: must be above 0, found 0", "stocks.x: a stock locate is 0..65535, found 'x'"),
                problems(Map.of("class", mm, "risk", Map.of("burst", 0), "stocks", Map.of("x", "ACME"))));
        assertEquals(List.of("stocks.13: 'TOOLONGNAME' is longer than 8 characters"),
                problems(Map.of("class", mm, "stocks", Map.of("13", "TOOLONGNAME"))));
    }

    @Test
    void aMisspelledRiskLimitOrStrategyParamIsRefusedNotIgnored() {
        String mm = MarketMaker.class.getName();
        List<String> risk = problems(Map.of("class", mm, "risk", Map.of("max_order_sharez", 1)));
        assertEquals(1, risk.size(), risk.toString());
        assertTrue(risk.getFirst().startsWith("risk.max_order_sharez: no risk limit is called 'max_order_sharez', did you mean"
                + " 'max_order_shares'?"), risk.getFirst());
        List<String> own = problems(Map.of("class", mm, "quote_sharez", 100));
        assertEquals(1, own.size(), own.toString());
        assertTrue(own.getFirst().startsWith("quote_sharez: neither the strategy stage nor " + mm
                + " reads 'quote_sharez', did you mean 'quote_shares'?"), own.getFirst());
        assertEquals(List.of(), problems(Map.of("class", mm, "quote_shares", 100, "locate", 1)), "keys the strategy reads");
        assertEquals(List.of(), problems(Map.of("class", mm, "journal_dir", "state/orders", "trading_day", "2026-12-07",
                "journal_sync", false, "recovery_timeout_ms", 5_000)), "the stage's own keys (hft run fills in the journal's)");
    }

    @Test
    void topologyValidationReportsTheClassAtItsPath() {
        String yaml = """
                rings:
                  - {name: book-events, event: book}
                  - {name: orders, event: order}
                stages:
                  - name: strategy
                    kind: strategy
                    params: {class: java.lang.String}
                    input: book-events
                    outputs: [orders]
                """;
        List<Problem> errors = TopologyLoader.parse(yaml, "test", Path.of(".")).report().errors();
        assertTrue(errors.stream().anyMatch(p -> p.path().equals("stages[0].params.class")
                        && p.message().equals("class java.lang.String does not implement dev.hft.strategy.Strategy")),
                errors.toString());
    }

    @Test
    void createsTheStageWithItsStrategyAndCounters() throws Exception {
        RingBuffer<OrderCommand> buffer = RingBuffer.createSingleProducer(OrderCommand::new, 64);
        CountersManager manager = new CountersManager(
                new UnsafeBuffer(ByteBuffer.allocateDirect(128 * CountersReader.METADATA_LENGTH)),
                new UnsafeBuffer(ByteBuffer.allocateDirect(128 * CountersReader.COUNTER_LENGTH)), StandardCharsets.US_ASCII);
        Params params = new Params("params", Map.of("class", MarketMaker.class.getName(), "locate", 13,
                "risk", Map.of("kill_switch", true)));
        StageContext context = new StageContext() {
            public String name() {
                return "strategy";
            }

            public int instance() {
                return 0;
            }

            public int instances() {
                return 1;
            }

            public String role() {
                return "strategy";
            }

            public Params params() {
                return params;
            }

            @SuppressWarnings("unchecked")
            public <E> RingGroup<E> output(String ringName, Class<E> eventClass) {
                assertEquals("orders", ringName);
                Ring<E> ring = (Ring<E>) new Ring<>("orders", buffer);
                return new RingGroup<>() {
                    public int size() {
                        return 1;
                    }

                    public Ring<E> get(int index) {
                        return ring;
                    }

                    public String name() {
                        return "orders";
                    }
                };
            }

            public List<String> outputs() {
                return List.of("orders");
            }

            public AtomicCounter counter(String name) {
                return manager.newCounter(role() + "." + name);
            }

            public void requestHalt(String reason) {
                throw new AssertionError(reason);
            }
        };
        StrategyStage stage = assertInstanceOf(StrategyStage.class, factory.create(context));
        assertInstanceOf(MarketMaker.class, stage.strategy());
        assertEquals("strategy", stage.role());
        long[] kill = {-1};
        manager.forEach((value, id, label) -> {
            if (label.equals("strategy.kill_switch")) {
                kill[0] = value;
            }
        });
        assertEquals(1, kill[0], "risk.kill_switch: true engages the switch at start");
    }
}
