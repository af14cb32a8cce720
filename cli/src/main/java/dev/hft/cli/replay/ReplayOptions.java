package dev.hft.cli.replay;

import java.nio.file.Path;

import dev.hft.book.BookSnapshot;
import dev.hft.book.BookStageFactory;

/**
 * What to replay and how.
 *
 * @param format        {@code binaryfile}, {@code pcap} or {@code auto} (the itch-file kind's {@code format})
 * @param shards        book shard stages, at least 1
 * @param depth         levels per side in the snapshot, at least 1
 * @param singleThread  every stage on one thread ({@code threading: single}) instead of one thread per stage
 * @param orderCapacity resting orders per shard before the order pool grows
 */
public record ReplayOptions(Path input, String format, int shards, int depth, boolean singleThread, int orderCapacity) {

    public ReplayOptions {
        if (!format.equals("binaryfile") && !format.equals("pcap") && !format.equals("auto")) {
            throw new IllegalArgumentException("--format must be binaryfile, pcap or auto, found '" + format + "'");
        }
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1, found " + shards);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("--depth must be at least 1, found " + depth);
        }
        if (orderCapacity < 1) {
            throw new IllegalArgumentException("--order-capacity must be at least 1, found " + orderCapacity);
        }
    }

    /** Defaults: auto format, 2 shards, depth 5, one thread per stage, the book kind's order capacity. */
    public static ReplayOptions of(Path input) {
        return new ReplayOptions(input, "auto", 2, BookSnapshot.DEFAULT_DEPTH, false, BookStageFactory.DEFAULT_ORDER_CAPACITY);
    }

    public ReplayOptions withShards(int n) {
        return new ReplayOptions(input, format, n, depth, singleThread, orderCapacity);
    }

    public ReplayOptions withFormat(String f) {
        return new ReplayOptions(input, f, shards, depth, singleThread, orderCapacity);
    }

    public ReplayOptions withSingleThread(boolean single) {
        return new ReplayOptions(input, format, shards, depth, single, orderCapacity);
    }

    public ReplayOptions withOrderCapacity(int capacity) {
        return new ReplayOptions(input, format, shards, depth, singleThread, capacity);
    }
}
