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
        FrameTap.validate(params, problems);
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
