package dev.hft.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;

import com.lmax.disruptor.RingBuffer;

import dev.hft.events.BookEvent;
import dev.hft.pipeline.EventType;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.RingGroup;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;
import dev.hft.pipeline.TopologyException;

class BookStageFactoryTest {

    private final Ring<BookEvent> strategy =
            new Ring<>("strategy", RingBuffer.createSingleProducer(BookEvent.TYPE.factory(64), 64));
    private final java.util.function.Function<String, AtomicCounter> counters = Itch.counters();
    private final List<String> counterNames = new ArrayList<>();

    private StageContext context(Map<String, Object> params, List<String> outputs) {
        return new StageContext() {
            public String name() {
                return "book";
            }

            public int instance() {
                return 1;
            }

            public int instances() {
                return 2;
            }

            public String role() {
                return "book-1";
            }

            public Params params() {
                return new Params("stages.book.params", params);
            }

            @SuppressWarnings("unchecked")
            public <E> RingGroup<E> output(String ringName, Class<E> eventClass) {
                return (RingGroup<E>) new RingGroup<BookEvent>() {
                    public int size() {
                        return 1;
                    }

                    public Ring<BookEvent> get(int index) {
                        return strategy;
                    }

                    public String name() {
                        return ringName;
                    }
                };
            }

            public List<String> outputs() {
                return outputs;
            }

            public AtomicCounter counter(String name) {
                counterNames.add(name);
                return counters.apply(name);
            }

            public void requestHalt(String reason) {
            }
        };
    }

    @Test
    void isFoundThroughServiceLoaderWithItsEventType() {
        assertTrue(ServiceLoader.load(StageFactory.class).stream()
                .anyMatch(p -> p.get().kind().equals("book") && p.get().inputEvent().equals("itch")));
        assertTrue(ServiceLoader.load(EventType.class).stream().map(ServiceLoader.Provider::get)
                .anyMatch(type -> ((EventType<?>) type).name().equals("book")
                        && ((EventType<?>) type).eventClass() == BookEvent.class));
    }

    @Test
    void reportsBadParametersByName() {
        List<String> problems = new ArrayList<>();
        new BookStageFactory().validate(new Params("p", Map.of("depth", 11, "order_capacity", 0, "levels_per_side", 0)),
                (key, problem) -> problems.add(key));
        assertEquals(List.of("depth", "order_capacity", "levels_per_side"), problems);
        assertThrows(TopologyException.class, () -> new BookStageFactory()
                .validate(new Params("p", Map.of("publish", "maybe")), (k, v) -> { }));
    }

    @Test
    void anOrderCapacityBeyondHalfTheHeapIsRefusedBeforeAnythingIsAllocated() {
        List<String> problems = new ArrayList<>();
        new BookStageFactory().validate(new Params("p", Map.of("order_capacity", Integer.MAX_VALUE)),
                (key, problem) -> problems.add(key + ": " + problem));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("order_capacity: 2147483647 resting orders take about ")
                && problems.get(0).endsWith("lower it or give the JVM more (-Xmx)"), problems.get(0));
    }

    @Test
    void buildsAPublishingShardOnItsOneOutputRing() {
        Object stage = new BookStageFactory().create(context(Map.of("depth", 3, "order_capacity", 100), List.of("strategy")));
        BookShardStage shard = assertInstanceOf(BookShardStage.class, stage);
        assertEquals("book-1", shard.role());
        assertTrue(counterNames.containsAll(List.of("messages", "pool_growth", "pool_growth_inline", "anomaly.unknown_order_d", "anomaly.duplicate_add")));
        shard.onEvent(Itch.event(Itch.add(3, 1, 'B', 10, 100), 1), 1, false);
        shard.onEvent(Itch.endOfPacket(1), 2, true);
        assertEquals(3, shard.published(), "TOP, DEPTH bid, END_OF_PACKET");
        assertEquals(1, strategy.get(0).shard);
    }

    @Test
    void publishWithoutAnOutputRingIsATopologyError() {
        assertThrows(TopologyException.class, () -> new BookStageFactory().create(context(Map.of(), List.of())));
        Object quiet = new BookStageFactory().create(context(Map.of("publish", false), List.of()));
        assertEquals(0, ((BookShardStage) quiet).published());
    }
}
