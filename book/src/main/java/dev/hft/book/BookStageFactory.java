package dev.hft.book;

import java.util.function.BiConsumer;

import dev.hft.events.BookEvent;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.RingGroup;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;
import dev.hft.pipeline.TopologyException;

/**
 * {@code kind: book}: one {@link BookShardStage} per shard, fed by an {@code itch} ring.
 *
 * <pre>
 * params:
 *   depth: 5                 # levels per side in DEPTH events, 0..10 (0: no DEPTH events)
 *   publish: true            # false: keep books only (replay without a strategy); no output ring needed
 *   order_capacity: 1000000  # resting orders per shard before the order pool grows (counted as pool_growth)
 *   level_capacity: 125000   # price levels per shard before the level pool grows; default order_capacity / 8
 *   levels_per_side: 16      # price levels per side of each book before its arrays grow (grown ahead in onIdle)
 * </pre>
 */
public final class BookStageFactory implements StageFactory {

    public static final int DEFAULT_DEPTH = 5;
    public static final int DEFAULT_ORDER_CAPACITY = 1_000_000;

    /** Preallocated memory per resting order (order pool, reference map, levels): docs/book.md measures 70 MiB per million. */
    static final long BYTES_PER_ORDER = 80;

    @Override
    public String kind() {
        return "book";
    }

    @Override
    public String inputEvent() {
        return "itch";
    }

    @Override
    public void validate(Params params, BiConsumer<String, String> problems) {
        int depth = params.intValue("depth", DEFAULT_DEPTH);
        if (depth < 0 || depth > BookEvent.MAX_DEPTH) {
            problems.accept("depth", "must be 0.." + BookEvent.MAX_DEPTH + ", found " + depth);
        }
        int orders = params.intValue("order_capacity", DEFAULT_ORDER_CAPACITY);
        if (orders < 1) {
            problems.accept("order_capacity", "must be at least 1, found " + orders);
        } else if ((long) orders * BYTES_PER_ORDER > Runtime.getRuntime().maxMemory() / 2) {
            problems.accept("order_capacity", orders + " resting orders take about " + ((long) orders * BYTES_PER_ORDER >> 20)
                    + " MiB per shard, more than half of this JVM's " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB: lower it or give the JVM more (-Xmx)");
        }
        if (params.intValue("level_capacity", OrderBooks.defaultLevelCapacity(Math.max(1, orders))) < 1) {
            problems.accept("level_capacity", "must be at least 1");
        }
        if (params.intValue("levels_per_side", OrderBooks.DEFAULT_LEVELS_PER_SIDE) < 1) {
            problems.accept("levels_per_side", "must be at least 1");
        }
        params.bool("publish", true);
    }

    /** One shard's books, sized by {@code order_capacity}, {@code level_capacity} and {@code levels_per_side}. */
    public static OrderBooks books(Params params) {
        int orders = params.intValue("order_capacity", DEFAULT_ORDER_CAPACITY);
        return new OrderBooks(orders, params.intValue("level_capacity", OrderBooks.defaultLevelCapacity(orders)),
                params.intValue("levels_per_side", OrderBooks.DEFAULT_LEVELS_PER_SIDE));
    }

    @Override
    public Object create(StageContext context) {
        Params params = context.params();
        OrderBooks books = books(params);
        Ring<BookEvent> output = null;
        if (params.bool("publish", true)) {
            if (context.outputs().size() != 1) {
                throw new TopologyException(context.name() + ".params.publish",
                        "publish is true, so the stage needs exactly one output ring (the strategy ring), found "
                                + context.outputs());
            }
            RingGroup<BookEvent> group = context.output(context.outputs().get(0), BookEvent.class);
            if (group.size() != 1) {
                throw new TopologyException(context.name() + ".outputs",
                        "ring " + group.name() + " has " + group.size() + " replicas; book shards publish to one ring");
            }
            output = group.get(0);
        }
        return new BookShardStage(context.role(), context.instance(), books, output,
                params.intValue("depth", DEFAULT_DEPTH), context::counter);
    }
}
