package dev.hft.ingress.stage;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.hft.ingress.FrameHandler;
import dev.hft.ingress.mold.GapPolicy;
import dev.hft.ingress.mold.MoldReceiver;
import dev.hft.ingress.mold.MoldSessions;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.UdpFrameHandler;
import dev.hft.ingress.route.ShardRouter;
import dev.hft.ingress.source.Timers;
import dev.hft.ingress.tap.TapFrameHandler;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;
import dev.hft.wire.mold.MoldRequestClient;
import dev.hft.wire.pcap.FrameTap;

/**
 * The decode chain of one packet-source stage, built from its params: frames ({@link UdpFrameHandler}, with
 * the {@code filter} lines) → {@link MoldReceiver} ({@code gap_policy}, re-request client) → {@link ShardRouter}
 * → the stage's output rings, with drop and message counters published through the context. A DPDK RX stage
 * hands each frame to {@link #frames()} and calls {@link #poll(long)} in every duty cycle.
 *
 * <pre>
 *  output: market                  ring to publish to (default: the stage's first output)
 *  filter: 233.54.12.111:26477     one group:port or a list (A/B lines, line index = position); none: accept all
 *  shard_symbols: {0: [AAPL, MSFT], 1: [NVDA]}   symbols pinned to shards (others: locate % shards)
 *  gap_policy: continue | halt | retransmit | wait   (wait: buffer until another line fills the gap)
 *  request_server: host:port       MoldUDP64 re-request server (retransmit)
 *  retransmit_buffer: 4096         messages buffered while a gap is open (power of two)
 *  retry_ms: 100, max_retries: 5   re-request (or wait) interval and count, then give_up: continue | halt
 *  first_sequence: 0               0 = start at the first sequence received, else expect this one first
 *  batch: 64                       frames (pcap), datagrams (udp) or messages (BinaryFILE) per doWork
 *  mold_sessions: 1                Mold sessions this stage may see (multi-channel feed on one queue), each with
 *                                  its own sequence state; a session beyond the bound is dropped and counted
 *                                  (drop-mold-session-limit); sessions after the first count as session-<k>-mold-gaps...
 *  tap: {file: rx.pcap, sample: 1, max_packets: 1000000, max_bytes: 1073741824}
 *                                  RX capture tap: every sample-th received frame, as received, into a pcap written
 *                                  off the stage's thread (FrameTap); bounded, a full staging ring is a counted drop
 * </pre>
 * Counters ({@code <role>.<name>}): {@code drop-<reason>} per {@link dev.hft.ingress.net.DropReason},
 * {@code messages-<type>} per ITCH type, {@code mold-gaps}, {@code mold-requests}, {@code line-<i>-lost}.
 */
public final class IngressChain implements Timers, AutoCloseable {

    /** Line index given to re-request replies, after the feed lines. */
    public static final int REPLY_LINE = MoldReceiver.MAX_LINES - 1;
    private static final int MAX_REPLIES_PER_POLL = 16;

    private final DropCounters drops;
    private final ShardRouter router;
    private final MoldReceiver receiver;
    private final MoldRequestClient requestClient;
    private final UdpFrameHandler frames;
    private final MoldSessions sessions;
    private final FrameTap tap;
    private final FrameHandler entry;

    private IngressChain(DropCounters drops, ShardRouter router, MoldReceiver receiver, MoldRequestClient requestClient,
                         UdpFrameHandler frames, MoldSessions sessions, FrameTap tap) {
        this.sessions = sessions;
        this.tap = tap;
        this.entry = tap == null ? frames : new TapFrameHandler(tap, frames);
        this.drops = drops;
        this.router = router;
        this.receiver = receiver;
        this.requestClient = requestClient;
        this.frames = frames;
    }

    /** Validates the params this chain reads ({@code live}: the source can be re-requested from). */
    public static void validate(Params params, java.util.function.BiConsumer<String, String> problems, boolean live) {
        IngressStages.validateCommon(params, problems, live);
    }

    /** As {@link #validate(Params, java.util.function.BiConsumer, boolean)}, and reports params neither the chain nor {@code kindKeys} knows. */
    public static void validate(Params params, java.util.function.BiConsumer<String, String> problems, boolean live,
            java.util.Set<String> kindKeys) {
        IngressStages.unknownKeys(params, kindKeys, problems);
        IngressStages.validateCommon(params, problems, live);
    }

    public static IngressChain build(StageContext context) {
        Params params = context.params();
        DropCounters drops = IngressStages.drops(context);
        ShardRouter router = IngressStages.router(context, drops);
        MoldReceiver.Config config = IngressStages.moldConfig(params);
        MoldRequestClient client = null;
        if (config.gapPolicy() == GapPolicy.RETRANSMIT) {
            try {
                client = new MoldRequestClient(IngressStages.address(params.string("request_server", "")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the re-request socket", e);
            }
        }
        int lines = Math.max(1, Math.max(params.strings("filter").size(), params.strings("group").size()));
        MoldReceiver receiver = new MoldReceiver(config, router, drops, client, IngressStages.listener(context))
                .publishTo(context::counter, lines);
        int sessionCount = params.intValue("mold_sessions", 1);
        MoldSessions sessions = null;
        if (sessionCount > 1) {
            MoldReceiver[] receivers = new MoldReceiver[sessionCount];
            receivers[0] = receiver;
            for (int k = 1; k < sessionCount; k++) {
                String prefix = "session-" + k + "-";
                receivers[k] = new MoldReceiver(config, router, drops, null, IngressStages.listener(context))
                        .publishTo(name -> context.counter(prefix + name), lines);
            }
            sessions = new MoldSessions(receivers, drops).publishTo(context::counter);
        }
        UdpFrameHandler frames = new UdpFrameHandler(sessions != null ? sessions : receiver, drops);
        for (String filter : IngressStages.filters(params)) {
            frames.addLine(filter);
        }
        FrameTap tap = FrameTap.open(params.asMap().get("tap"), context.instance(), context.instances());
        return new IngressChain(drops, router, receiver, client, frames, sessions, tap);
    }

    /** Where received Ethernet frames go, in place (through the RX tap first, when there is one). */
    public FrameHandler frames() {
        return entry;
    }

    /** The RX capture tap, or null. */
    public FrameTap tap() {
        return tap;
    }

    /** Re-request replies and the gap timer; returns how much was done. */
    @Override
    public int poll(long nowNanos) {
        int work = requestClient == null ? 0 : requestClient.poll(receiver, REPLY_LINE, nowNanos, MAX_REPLIES_PER_POLL);
        return work + (sessions != null ? sessions.poll(nowNanos) : receiver.poll(nowNanos));
    }

    /** A gap is waiting to be filled (re-request or another line) and will be resolved by time. */
    @Override
    public boolean pending() {
        return sessions != null ? sessions.awaitingFill() : receiver.awaitingFill();
    }

    public MoldReceiver receiver() {
        return receiver;
    }

    /** The per-session receivers when {@code mold_sessions} is above 1, else null. */
    public MoldSessions sessions() {
        return sessions;
    }

    public MoldRequestClient requestClient() {
        return requestClient;
    }

    public ShardRouter router() {
        return router;
    }

    public DropCounters drops() {
        return drops;
    }

    /** Closes the re-request socket and the tap (which writes what it still holds); call from the stage's thread at stop. */
    @Override
    public void close() throws IOException {
        try {
            if (requestClient != null) {
                requestClient.close();
            }
        } finally {
            if (tap != null) {
                tap.close();
            }
        }
    }
}
