package dev.hft.ingress.stage;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import dev.hft.events.ItchEvent;
import dev.hft.ingress.mold.GapPolicy;
import dev.hft.ingress.mold.MoldReceiver;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.route.ShardRouter;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.TopologyException;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.net.GroupPort;
import dev.hft.wire.net.Ipv4Prefix;
import dev.hft.wire.pcap.FrameTap;

/** Parameter checks and the pieces of {@link IngressChain} shared by the ingress stage kinds. */
final class IngressStages {

    private IngressStages() {
    }

    /** Params every packet-source kind reads (the decode chain's), plus the DPDK ones the topology loader fills in. */
    static final Set<String> COMMON_KEYS = Set.of("output", "feed", "filter", "sources", "sessions", "max_frame",
            "confirm_ms", "shard_symbols", "gap_policy", "give_up", "request_server", "retransmit_buffer", "retry_ms",
            "max_retries", "first_sequence", "batch", "mold_sessions", "tap", "dpdk_port", "dpdk_eal");

    /**
     * Reports each param neither the chain nor the kind ({@code kindKeys}) reads, with the snake_case spelling
     * when that is what was meant (params are snake_case: {@code gap-policy} is {@code gap_policy}).
     */
    static void unknownKeys(Params params, Set<String> kindKeys, BiConsumer<String, String> problems) {
        Set<String> known = new TreeSet<>(COMMON_KEYS);
        known.addAll(kindKeys);
        for (String key : params.asMap().keySet()) {
            if (!known.contains(key)) {
                String snake = key.toLowerCase(Locale.ROOT).replace('-', '_');
                problems.accept(key, "unknown param" + (known.contains(snake) ? ", did you mean '" + snake + "'?" : "")
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    static void validateCommon(Params params, BiConsumer<String, String> problems, boolean retransmitAllowed) {
        try {
            GapPolicy policy = GapPolicy.parse(params.string("gap_policy", "continue"));
            if (policy == GapPolicy.RETRANSMIT && !retransmitAllowed) {
                problems.accept("gap_policy", "retransmit needs a live source (itch-udp)");
            }
            if (policy == GapPolicy.RETRANSMIT && !params.has("request_server")) {
                problems.accept("request_server", "required by gap_policy retransmit (host:port)");
            }
        } catch (IllegalArgumentException e) {
            problems.accept("gap_policy", "expected continue, halt, retransmit or wait, found '" + params.string("gap_policy", "") + "'");
        }
        try {
            GapPolicy giveUp = GapPolicy.parse(params.string("give_up", "continue"));
            if (giveUp != GapPolicy.CONTINUE && giveUp != GapPolicy.HALT) {
                problems.accept("give_up", "expected continue or halt");
            }
        } catch (IllegalArgumentException e) {
            problems.accept("give_up", "expected continue or halt, found '" + params.string("give_up", "") + "'");
        }
        int buffer = params.intValue("retransmit_buffer", MoldReceiver.Config.DEFAULTS.bufferMessages());
        if (buffer <= 0 || Integer.bitCount(buffer) != 1) {
            problems.accept("retransmit_buffer", "must be a power of two, found " + buffer);
        }
        if (params.has("request_server")) {
            try {
                address(params.string("request_server", ""));
            } catch (IllegalArgumentException e) {
                problems.accept("request_server", e.getMessage());
            }
        }
        for (String filter : params.strings("filter")) {
            try {
                GroupPort.parse(filter);
            } catch (IllegalArgumentException e) {
                problems.accept("filter", e.getMessage());
            }
        }
        if (params.strings("filter").size() > 7) {
            problems.accept("filter", "at most 7 lines, found " + params.strings("filter").size());
        }
        for (String source : params.strings("sources")) {
            try {
                Ipv4Prefix.parse(source);
            } catch (IllegalArgumentException e) {
                problems.accept("sources", e.getMessage());
            }
        }
        if (params.strings("sources").size() > 16) {
            problems.accept("sources", "at most 16 addresses or networks, found " + params.strings("sources").size());
        }
        for (String session : params.strings("sessions")) {
            if (session.isEmpty() || session.length() > MoldPacket.SESSION_LENGTH || !session.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                problems.accept("sessions", "a MoldUDP64 session is 1 to 10 printable ASCII characters, found '" + session + "'");
            }
        }
        try {
            int maxFrame = params.intValue("max_frame", IngressChain.DEFAULT_MAX_FRAME);
            if (maxFrame < 64 || maxFrame > 65_535) {
                problems.accept("max_frame", "must be in 64..65535 bytes, found " + maxFrame);
            }
        } catch (TopologyException e) {
            problems.accept("max_frame", e.getMessage());
        }
        try {
            if (params.longValue("confirm_ms", 0) < 0) {
                problems.accept("confirm_ms", "must be 0 or more");
            }
        } catch (TopologyException e) {
            problems.accept("confirm_ms", e.getMessage());
        }
        int sessions = params.intValue("mold_sessions", 1);
        if (sessions < 1 || sessions > 64) {
            problems.accept("mold_sessions", "must be in 1..64, found " + sessions);
        } else if (sessions > 1 && "retransmit".equals(params.string("gap_policy", "continue"))) {
            problems.accept("mold_sessions", "gap_policy retransmit re-requests one session: give mold_sessions 1");
        }
        if (params.intValue("batch", 1) <= 0) {
            problems.accept("batch", "must be positive");
        }
        FrameTap.validate(params.asMap().get("tap"), problems);
        Params pinned = params.child("shard_symbols");
        for (String key : pinned.asMap().keySet()) {
            try {
                if (Integer.parseInt(key.trim()) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.accept("shard_symbols." + key, "expected a shard number as the key");
            }
        }
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
        for (Map.Entry<String, Object> entry : params.child("shard_symbols").asMap().entrySet()) {
            int shard = Integer.parseInt(entry.getKey().trim());
            for (String symbol : params.child("shard_symbols").strings(entry.getKey())) {
                router.assign(symbol, shard);
            }
        }
        return router;
    }

    static MoldReceiver.Config moldConfig(Params params) {
        MoldReceiver.Config defaults = MoldReceiver.Config.DEFAULTS;
        return new MoldReceiver.Config(
                GapPolicy.parse(params.string("gap_policy", "continue")),
                GapPolicy.parse(params.string("give_up", "continue")),
                params.intValue("retransmit_buffer", defaults.bufferMessages()),
                params.longValue("retry_ms", defaults.retryNanos() / 1_000_000) * 1_000_000,
                params.intValue("max_retries", defaults.maxRetries()),
                params.longValue("first_sequence", defaults.firstSequence()),
                params.longValue("confirm_ms", defaults.confirmNanos() / 1_000_000) * 1_000_000);
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
