package dev.hft.ingress.stage;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.hft.ingress.ItchEvent;
import dev.hft.ingress.mold.GapPolicy;
import dev.hft.ingress.mold.MoldReceiver;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.GroupPort;
import dev.hft.ingress.route.ShardRouter;
import dev.hft.ingress.tap.FrameTap;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;

/** Parameter checks and the pieces of {@link IngressChain} shared by the ingress stage kinds. */
final class IngressStages {

    private IngressStages() {
    }

    static void validateCommon(Params params, BiConsumer<String, String> problems, boolean retransmitAllowed) {
        try {
            GapPolicy policy = GapPolicy.parse(params.string("gap-policy", "continue"));
            if (policy == GapPolicy.RETRANSMIT && !retransmitAllowed) {
                problems.accept("gap-policy", "retransmit needs a live source (itch-udp)");
            }
            if (policy == GapPolicy.RETRANSMIT && !params.has("request-server")) {
                problems.accept("request-server", "required by gap-policy retransmit (host:port)");
            }
        } catch (IllegalArgumentException e) {
            problems.accept("gap-policy", "expected continue, halt, retransmit or wait, found '" + params.string("gap-policy", "") + "'");
        }
        try {
            GapPolicy giveUp = GapPolicy.parse(params.string("give-up", "continue"));
            if (giveUp != GapPolicy.CONTINUE && giveUp != GapPolicy.HALT) {
                problems.accept("give-up", "expected continue or halt");
            }
        } catch (IllegalArgumentException e) {
            problems.accept("give-up", "expected continue or halt, found '" + params.string("give-up", "") + "'");
        }
        int buffer = params.intValue("retransmit-buffer", MoldReceiver.Config.DEFAULTS.bufferMessages());
        if (buffer <= 0 || Integer.bitCount(buffer) != 1) {
            problems.accept("retransmit-buffer", "must be a power of two, found " + buffer);
        }
        if (params.has("request-server")) {
            try {
                address(params.string("request-server", ""));
            } catch (IllegalArgumentException e) {
                problems.accept("request-server", e.getMessage());
            }
        }
        for (String filter : params.strings("filter")) {
            try {
                GroupPort.parse(filter);
            } catch (IllegalArgumentException e) {
                problems.accept("filter", e.getMessage());
            }
        }
        int sessions = params.intValue("mold-sessions", 1);
        if (sessions < 1 || sessions > 64) {
            problems.accept("mold-sessions", "must be in 1..64, found " + sessions);
        } else if (sessions > 1 && "retransmit".equals(params.string("gap-policy", "continue"))) {
            problems.accept("mold-sessions", "gap-policy retransmit re-requests one session: give mold-sessions 1");
        }
        if (params.intValue("batch", 1) <= 0) {
            problems.accept("batch", "must be positive");
        }
        validateTap(params, problems);
        Params pinned = params.child("shard-symbols");
        for (String key : pinned.asMap().keySet()) {
            try {
                if (Integer.parseInt(key.trim()) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.accept("shard-symbols." + key, "expected a shard number as the key");
            }
        }
    }

    static final java.util.Set<String> TAP_KEYS = java.util.Set.of("file", "sample", "max_packets", "max_bytes");
    static final long TAP_MAX_PACKETS = 1_000_000;
    static final long TAP_MAX_BYTES = 1L << 30;

    /** {@code tap: {file, sample, max_packets, max_bytes}}: the RX capture tap of a frame source. */
    static void validateTap(Params params, BiConsumer<String, String> problems) {
        if (!params.has("tap")) {
            return;
        }
        Params tap = params.child("tap");
        if (tap.asMap().isEmpty()) {
            problems.accept("tap", "expected a map {file: <pcap to write>, sample: 1, max_packets: "
                    + TAP_MAX_PACKETS + ", max_bytes: " + TAP_MAX_BYTES + "}");
            return;
        }
        for (String key : tap.asMap().keySet()) {
            if (!TAP_KEYS.contains(key)) {
                problems.accept("tap." + key, "unknown key; expected one of " + new java.util.TreeSet<>(TAP_KEYS));
            }
        }
        String file = tap.string("file", "");
        if (file.isBlank()) {
            problems.accept("tap.file", "required: the pcap file to write");
        } else {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                problems.accept("tap.file", "directory of '" + file + "' does not exist");
            }
        }
        atLeast(tap, "tap.", "sample", 1, 1, problems);
        atLeast(tap, "tap.", "max_packets", TAP_MAX_PACKETS, 0, problems);
        atLeast(tap, "tap.", "max_bytes", TAP_MAX_BYTES, 0, problems);
    }

    private static void atLeast(Params params, String prefix, String key, long defaultValue, long min,
            BiConsumer<String, String> problems) {
        try {
            if (params.longValue(key, defaultValue) < min) {
                problems.accept(prefix + key, "must be at least " + min);
            }
        } catch (RuntimeException e) {
            problems.accept(prefix + key, "must be a whole number, found '" + params.string(key, "") + "'");
        }
    }

    /**
     * The stage's RX tap, or null without {@code tap}. A stage replicated over several instances (one per RX
     * queue) writes one file per instance: {@code rx.pcap} becomes {@code rx-0.pcap}, {@code rx-1.pcap}, ...
     */
    static FrameTap tap(StageContext context) {
        Params params = context.params();
        if (!params.has("tap")) {
            return null;
        }
        Params tap = params.child("tap");
        Path file = Path.of(tap.string("file", ""));
        if (context.instances() > 1) {
            file = suffixed(file, "-" + context.instance());
        }
        return new FrameTap(file, tap.intValue("sample", 1), tap.longValue("max_packets", TAP_MAX_PACKETS),
                tap.longValue("max_bytes", TAP_MAX_BYTES));
    }

    /** {@code dir/name.ext} with {@code suffix} before the extension. */
    static Path suffixed(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed = dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
        return file.resolveSibling(renamed);
    }

    static void requireFile(Params params, BiConsumer<String, String> problems) {
        String path = params.string("path", null);
        if (path == null) {
            problems.accept("path", "required: the BinaryFILE or pcap file to replay");
        } else if (!Files.isReadable(Path.of(path))) {
            problems.accept("path", "cannot read '" + path + "'");
        }
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected host:port, found '" + hostPort + "'");
        }
        try {
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1).trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected host:port, found '" + hostPort + "'");
        }
    }

    static DropCounters drops(StageContext context) {
        return new DropCounters().publishTo(context::counter);
    }

    static ShardRouter router(StageContext context, DropCounters drops) {
        Params params = context.params();
        String output = params.string("output", context.outputs().isEmpty() ? "book" : context.outputs().get(0));
        ShardRouter router = new ShardRouter(context.output(output, ItchEvent.class), drops).publishTo(context::counter);
        for (Map.Entry<String, Object> entry : params.child("shard-symbols").asMap().entrySet()) {
            int shard = Integer.parseInt(entry.getKey().trim());
            for (String symbol : params.child("shard-symbols").strings(entry.getKey())) {
                router.assign(symbol, shard);
            }
        }
        return router;
    }

    static MoldReceiver.Config moldConfig(Params params) {
        MoldReceiver.Config defaults = MoldReceiver.Config.DEFAULTS;
        return new MoldReceiver.Config(
                GapPolicy.parse(params.string("gap-policy", "continue")),
                GapPolicy.parse(params.string("give-up", "continue")),
                params.intValue("retransmit-buffer", defaults.bufferMessages()),
                params.longValue("retry-ms", defaults.retryNanos() / 1_000_000) * 1_000_000,
                params.intValue("max-retries", defaults.maxRetries()),
                params.longValue("first-sequence", defaults.firstSequence()));
    }

    static MoldReceiver.Listener listener(StageContext context) {
        return new MoldReceiver.Listener() {
            @Override
            public void onHalt(String reason) {
                context.requestHalt(context.role() + ": " + reason);
            }
        };
    }

    static List<String> filters(Params params) {
        return params.strings("filter");
    }
}
