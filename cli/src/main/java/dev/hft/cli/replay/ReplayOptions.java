package dev.hft.cli.replay;

import java.nio.file.Path;
import java.util.List;

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
 * @param filters       destination {@code group:port} lines a pcap replay takes (the rest is counted as filtered
 *                      out); empty: every destination
 * @param moldSessions  MoldUDP64 sessions (channels) the source follows, each with its own sequence state
 */
public record ReplayOptions(Path input, String format, int shards, int depth, String via, boolean singleThread,
        int orderCapacity, List<String> filters, int moldSessions) {

    /** Shards a replay may ask for: each is a stage with its own ring and books. */
    public static final int MAX_SHARDS = 256;
    /** MoldUDP64 sessions one replay may follow. */
    public static final int MAX_MOLD_SESSIONS = 64;

    public ReplayOptions {
        if (!format.equals("binaryfile") && !format.equals("pcap") && !format.equals("auto")) {
            throw new IllegalArgumentException("--format must be binaryfile, pcap or auto, found '" + format + "'");
        }
        if (!via.equals("java") && !via.equals("dpdk") && !via.equals("auto")) {
            throw new IllegalArgumentException("--via must be java, dpdk or auto, found '" + via + "'");
        }
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("--shards must be in 1.." + MAX_SHARDS + ", found " + shards);
        }
        if (moldSessions < 1 || moldSessions > MAX_MOLD_SESSIONS) {
            throw new IllegalArgumentException("--mold-sessions must be in 1.." + MAX_MOLD_SESSIONS + ", found " + moldSessions);
        }
        filters = List.copyOf(filters);
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
                BookStageFactory.DEFAULT_ORDER_CAPACITY, List.of(), 1);
    }

    public ReplayOptions withFlows(List<String> f, int sessions) {
        return new ReplayOptions(input, format, shards, depth, via, singleThread, orderCapacity, f, sessions);
    }

    public ReplayOptions withShards(int n) {
        return new ReplayOptions(input, format, n, depth, via, singleThread, orderCapacity, filters, moldSessions);
    }

    public ReplayOptions withFormat(String f) {
        return new ReplayOptions(input, f, shards, depth, via, singleThread, orderCapacity, filters, moldSessions);
    }

    public ReplayOptions withSingleThread(boolean single) {
        return new ReplayOptions(input, format, shards, depth, via, single, orderCapacity, filters, moldSessions);
    }

    public ReplayOptions withOrderCapacity(int capacity) {
        return new ReplayOptions(input, format, shards, depth, via, singleThread, capacity, filters, moldSessions);
    }

    public ReplayOptions withVia(String v) {
        return new ReplayOptions(input, format, shards, depth, v, singleThread, orderCapacity, filters, moldSessions);
    }
}
