package dev.hft.cli.replay;

import java.nio.file.Path;

import dev.hft.book.BookStageFactory;

/**
 * What to replay and how.
 *
 * @param format        {@code binaryfile}, {@code pcap} or {@code auto} (the itch-file kind's {@code format})
 * @param shards        book shard stages, at least 1
 * @param depth         levels per side in the snapshot, at least 1
 * @param via           who reads a pcap: {@code java}, {@code dpdk} (net_pcap into an RX queue) or {@code auto} (the
 *                      itch-file kind's {@code via}); a BinaryFILE is always read in Java
 * @param singleThread  every stage on one thread ({@code threading: single}) instead of one thread per stage
 * @param orderCapacity resting orders per shard before the order pool grows
 */
public record ReplayOptions(Path input, String format, int shards, int depth, String via, boolean singleThread,
        int orderCapacity) {

    public ReplayOptions {
        if (!format.equals("binaryfile") && !format.equals("pcap") && !format.equals("auto")) {
            throw new IllegalArgumentException("--format must be binaryfile, pcap or auto, found '" + format + "'");
        }
        if (!via.equals("java") && !via.equals("dpdk") && !via.equals("auto")) {
            throw new IllegalArgumentException("--via must be java, dpdk or auto, found '" + via + "'");
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

    /** Defaults: auto format, 2 shards, depth 5, read in Java, one thread per stage, the book kind's order capacity. */
    public static ReplayOptions of(Path input) {
        return new ReplayOptions(input, "auto", 2, BookSnapshot.DEFAULT_DEPTH, "java", false,
                BookStageFactory.DEFAULT_ORDER_CAPACITY);
    }

    public ReplayOptions withShards(int n) {
        return new ReplayOptions(input, format, n, depth, via, singleThread, orderCapacity);
    }

    public ReplayOptions withFormat(String f) {
        return new ReplayOptions(input, f, shards, depth, via, singleThread, orderCapacity);
    }

    public ReplayOptions withSingleThread(boolean single) {
        return new ReplayOptions(input, format, shards, depth, via, single, orderCapacity);
    }

    public ReplayOptions withOrderCapacity(int capacity) {
        return new ReplayOptions(input, format, shards, depth, via, singleThread, capacity);
    }

    public ReplayOptions withVia(String v) {
        return new ReplayOptions(input, format, shards, depth, v, singleThread, orderCapacity);
    }
}
