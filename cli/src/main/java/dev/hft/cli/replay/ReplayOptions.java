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
 * @param threads       threads the stages run on, 1..shards + 1: 1 is {@code threading: single}, shards + 1 one thread
 *                      per stage; in between the source shares a thread with book shards (see {@link ReplayTopology})
 * @param orderCapacity resting orders per shard before the order pool grows
 * @param filters       destination {@code group:port} lines a pcap replay takes (the rest is counted as filtered
 *                      out); empty: every destination
 * @param moldSessions  MoldUDP64 sessions (channels) the source follows, each with its own sequence state
 * @param layout        {@code pipeline}: a source stage routes each message through a ring to its book shard;
 *                      {@code direct}: each shard reads the BinaryFILE itself and keeps its own locates
 *                      ({@code kind: file-book}), on 1 thread or one thread per shard
 */
public record ReplayOptions(Path input, String format, int shards, int depth, String via, int threads,
        int orderCapacity, List<String> filters, int moldSessions, String layout) {

    public static final String PIPELINE = "pipeline";
    public static final String DIRECT = "direct";

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
        if (threads < 1 || threads > shards + 1) {
            throw new IllegalArgumentException("--threads must be in 1.." + (shards + 1) + " with " + shards
                    + " shard(s), found " + threads);
        }
        if (moldSessions < 1 || moldSessions > MAX_MOLD_SESSIONS) {
            throw new IllegalArgumentException("--mold-sessions must be in 1.." + MAX_MOLD_SESSIONS + ", found " + moldSessions);
        }
        if (!layout.equals(PIPELINE) && !layout.equals(DIRECT)) {
            throw new IllegalArgumentException("--layout must be pipeline or direct, found '" + layout + "'");
        }
        if (layout.equals(DIRECT)) {
            if (threads != 1 && threads != shards) {
                throw new IllegalArgumentException("--layout direct runs each shard on its own thread or all on one: --threads must be 1 or "
                        + shards + " with " + shards + " shard(s), found " + threads);
            }
            if (format.equals("pcap") || !filters.isEmpty() || moldSessions > 1) {
                throw new IllegalArgumentException("--layout direct reads BinaryFILE days; a pcap replays with --layout pipeline");
            }
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
        return new ReplayOptions(input, "auto", 2, BookSnapshot.DEFAULT_DEPTH, "java", 3,
                BookStageFactory.DEFAULT_ORDER_CAPACITY, List.of(), 1, PIPELINE);
    }

    public ReplayOptions withFlows(List<String> f, int sessions) {
        return new ReplayOptions(input, format, shards, depth, via, threads, orderCapacity, f, sessions, layout);
    }

    /** {@code n} shards, one thread per stage. */
    public ReplayOptions withShards(int n) {
        return new ReplayOptions(input, format, n, depth, via, layout.equals(DIRECT) ? n : n + 1, orderCapacity, filters,
                moldSessions, layout);
    }

    /** {@code l} with one thread per stage. */
    public ReplayOptions withLayout(String l) {
        return new ReplayOptions(input, format, shards, depth, via, l.equals(DIRECT) ? shards : shards + 1, orderCapacity,
                filters, moldSessions, l);
    }

    public boolean direct() {
        return layout.equals(DIRECT);
    }

    public ReplayOptions withFormat(String f) {
        return new ReplayOptions(input, f, shards, depth, via, threads, orderCapacity, filters, moldSessions, layout);
    }

    public ReplayOptions withThreads(int n) {
        return new ReplayOptions(input, format, shards, depth, via, n, orderCapacity, filters, moldSessions, layout);
    }

    public ReplayOptions withOrderCapacity(int capacity) {
        return new ReplayOptions(input, format, shards, depth, via, threads, capacity, filters, moldSessions, layout);
    }

    public ReplayOptions withVia(String v) {
        return new ReplayOptions(input, format, shards, depth, v, threads, orderCapacity, filters, moldSessions, layout);
    }

    /**
     * {@code --threads} as a count in 1..stages ({@code shards + 1} in the pipeline layout, {@code shards} in the direct
     * one). {@code auto} is one thread per stage on any machine with 2 cores or more: their waits back off, and on 2
     * cores 3 threads replayed a 20M-message day faster (3.1M msg/s) than 2 (2.6M, the source's thread carrying a shard
     * too) or 1 (1.9M); bench/RESULTS.md, "Replay".
     */
    public static int threadCount(String threads, int stages, int cores) {
        return switch (threads) {
            case "single" -> 1;
            case "multi" -> stages;
            case "auto" -> cores >= 2 ? stages : 1;
            default -> {
                try {
                    yield Integer.parseInt(threads);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--threads must be single, multi, auto or a count, found '" + threads + "'");
                }
            }
        };
    }
}
