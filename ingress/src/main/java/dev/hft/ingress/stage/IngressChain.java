package dev.hft.ingress.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.function.Function;

import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.ingress.FrameHandler;
import dev.hft.ingress.mold.GapPolicy;
import dev.hft.ingress.mold.MoldReceiver;
import dev.hft.ingress.mold.MoldSessions;
import dev.hft.ingress.mold.SessionAllowList;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.ingress.net.UdpFrameHandler;
import dev.hft.ingress.route.ShardRouter;
import dev.hft.ingress.source.Timers;
import dev.hft.ingress.tap.TapFrameHandler;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.TopologyException;
import dev.hft.wire.mold.MoldRequestClient;
import dev.hft.wire.net.Ipv4Prefix;
import dev.hft.wire.net.PayloadHandler;
import dev.hft.wire.pcap.FrameTap;

/**
 * The decode chain of one packet-source stage, built from its params: frames ({@link UdpFrameHandler}, with
 * the {@code filter} lines) → {@link MoldReceiver} ({@code gap_policy}, re-request client) → {@link ShardRouter}
 * → the stage's output rings, with drop and message counters published through the context. A DPDK RX stage
 * hands each frame to {@link #frames()} and calls {@link #poll(long)} in every duty cycle.
 *
 * <pre>
 *  output: market                  ring to publish to (default: the stage's first output)
 *  feed: totalview                 a feed under feeds: its groups, sources and sessions are this stage's defaults
 *  filter: 233.54.12.111:26477     one group:port or a list (A/B lines, line index = position); none: accept all
 *  sources: [10.1.0.5, 10.2.0.0/24]  accept datagrams only from these addresses or networks; none: any source
 *  sessions: ["000000001"]         accept only these MoldUDP64 sessions; none: the first one seen (and, after an
 *                                  End of Session, the next, once confirmed)
 *  max_frame: 9216                 longest frame (or datagram) taken; longer ones are dropped (drop.frame_too_long)
 *  confirm_ms: 10                  how long a packet that jumps ahead waits for one that confirms it
 *  shard_symbols: {0: [AAPL, MSFT], 1: [NVDA]}   symbols pinned to shards (others: locate % shards)
 *  gap_policy: continue | halt | retransmit | wait   (wait: buffer until another line fills the gap)
 *  request_server: host:port       MoldUDP64 re-request server (retransmit)
 *  retransmit_buffer: 4096         messages buffered while a gap is open (power of two)
 *  retry_ms: 100, max_retries: 5   re-request (or wait) interval and count, then give_up: continue | halt
 *  first_sequence: 0               0 = start at the first sequence received, else expect this one first
 *  batch: 64                       frames (pcap), datagrams (udp) or messages (BinaryFILE) per doWork
 *  mold_sessions: 1                Mold sessions this stage may see (multi-channel feed on one queue), each with
 *                                  its own sequence state; a session beyond the bound is dropped and counted
 *                                  (drop.mold_session_limit); sessions after the first count as session.<k>.mold.gaps...
 *  tap: {file: rx.pcap, sample: 1, max_packets: 1000000, max_bytes: 1073741824}
 *                                  RX capture tap: every sample-th received frame, as received, into a pcap written
 *                                  off the stage's thread (FrameTap); bounded, a full staging ring is a counted drop
 * </pre>
 * Counters ({@code <role>.<name>}): {@code frames.read}, {@code frames.decoded}, {@code drop.<reason>} per
 * {@link dev.hft.ingress.net.DropReason}, {@code messages.<type>} per ITCH type, the {@link MoldReceiver}'s
 * {@code mold.*} and {@code line.<i>.lost}.
 *
 * <p>Nothing here waits on a ring: a source asks {@link FrameHandler#canAccept(int)} of {@link #frames()} before each
 * frame (room for every message the frame and the receiver's held and buffered messages can release), and the chain
 * refuses at build time a ring too small to ever grant that for its {@code max_frame}.
 */
public final class IngressChain implements Timers, AutoCloseable {

    /** Line index given to re-request replies, after the feed lines. */
    public static final int REPLY_LINE = MoldReceiver.MAX_LINES - 1;
    /** Default {@code max_frame}: a jumbo frame. */
    public static final int DEFAULT_MAX_FRAME = 9216;
    /** Smallest MoldUDP64 message block that can reach a ring: a 2-byte length and the shortest ITCH message (12). */
    static final int MIN_MESSAGE_BLOCK = 14;
    private static final int MAX_REPLIES_PER_POLL = 16;

    /** The most messages a frame or datagram of {@code length} bytes can put on a ring. */
    public static int messagesIn(int length) {
        return length / MIN_MESSAGE_BLOCK + 1;
    }

    private final DropCounters drops;
    private final ShardRouter router;
    private final MoldReceiver receiver;
    private final MoldRequestClient requestClient;
    private final UdpFrameHandler frames;
    private final MoldSessions sessions;
    private final FrameTap tap;
    private final FrameHandler entry;
    private final int maxFrame;
    private final AtomicCounter framesRead;
    private final AtomicCounter framesDecoded;

    private IngressChain(DropCounters drops, ShardRouter router, MoldReceiver receiver, MoldRequestClient requestClient,
                         UdpFrameHandler frames, MoldSessions sessions, FrameTap tap, int maxFrame,
                         Function<String, AtomicCounter> counters) {
        this.sessions = sessions;
        this.tap = tap;
        this.drops = drops;
        this.router = router;
        this.receiver = receiver;
        this.requestClient = requestClient;
        this.frames = frames;
        this.maxFrame = maxFrame;
        this.framesRead = counters.apply("frames.read");
        this.framesDecoded = counters.apply("frames.decoded");
        this.entry = new Entry(tap == null ? frames : new TapFrameHandler(tap, frames));
    }

    /** The chain's front: refuses frames longer than {@code max_frame}, and answers {@link #canAccept} for the rings. */
    private final class Entry implements FrameHandler {

        private final FrameHandler next;

        Entry(FrameHandler next) {
            this.next = next;
        }

        @Override
        public boolean canAccept(int length) {
            return length > maxFrame || router.hasRoomFor(messagesIn(length) + pendingMessages());
        }

        @Override
        public void onDropped(DropReason reason, long count) {
            framesRead.getAndAddRelease(count);
            drops.add(reason, count);
        }

        @Override
        public void onFrame(MemorySegment frame, long offset, int length, long receiveNanos) {
            framesRead.incrementRelease();
            if (length > maxFrame) {
                drops.add(DropReason.FRAME_TOO_LONG);
                return;
            }
            next.onFrame(frame, offset, length, receiveNanos);
            framesDecoded.setRelease(frames.payloads());
        }
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
                String prefix = "session." + k + ".";
                receivers[k] = new MoldReceiver(config, router, drops, null, IngressStages.listener(context))
                        .publishTo(name -> context.counter(prefix + name), lines);
            }
            sessions = new MoldSessions(receivers, drops);
        }
        int maxFrame = params.intValue("max_frame", DEFAULT_MAX_FRAME);
        int worstCase = sessionCount * (messagesIn(maxFrame) + (config.buffering() ? config.bufferMessages() : 0))
                + messagesIn(maxFrame);
        if (worstCase > router.maxRoom()) {
            String ring = router.rings().name();
            throw new TopologyException(context.name() + ".params.max_frame", "ring '" + ring + "' ("
                    + router.rings().get(0).size() + " slots, " + router.rings().get(0).producers()
                    + " producer(s)) cannot hold what one frame may release: up to " + worstCase + " messages (a "
                    + maxFrame + "-byte frame, the packet held for confirmation" + (config.buffering()
                    ? " and the " + config.bufferMessages() + "-message gap buffer" : "") + (sessionCount > 1
                    ? ", for each of " + sessionCount + " sessions" : "") + "); make the ring at least "
                    + powerOfTwoAtLeast((worstCase + 1) * router.rings().get(0).producers()) + " slots or lower max_frame");
        }
        PayloadHandler mold = sessions != null ? sessions : receiver;
        if (!params.strings("sessions").isEmpty()) {
            mold = new SessionAllowList(params.strings("sessions"), mold, drops);
        }
        UdpFrameHandler frames = new UdpFrameHandler(mold, drops);
        for (String filter : IngressStages.filters(params)) {
            frames.addLine(filter);
        }
        for (String source : params.strings("sources")) {
            frames.allowSource(Ipv4Prefix.parse(source));
        }
        FrameTap tap = FrameTap.open(params.asMap().get("tap"), context.instance(), context.instances());
        return new IngressChain(drops, router, receiver, client, frames, sessions, tap, maxFrame, context::counter);
    }

    private static int powerOfTwoAtLeast(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /** Messages the receivers may release at once without a new frame: held and buffered ones. */
    private int pendingMessages() {
        return sessions != null ? sessions.pendingMessages() : receiver.pendingMessages();
    }

    /** True when a datagram of {@code length} bytes can be taken now (see {@link FrameHandler#canAccept}). */
    public boolean canAcceptDatagram(int length) {
        return entry.canAccept(length);
    }

    /**
     * A datagram from a kernel UDP socket: {@code length} payload bytes at {@code segment[offset]}, received on
     * {@code line} from {@code source} (IPv4, big-endian int).
     */
    public void onDatagram(MemorySegment segment, long offset, int length, long receiveNanos, int line, int source) {
        framesRead.incrementRelease();
        if (length > maxFrame) {
            drops.add(DropReason.FRAME_TOO_LONG);
            return;
        }
        frames.onDatagram(segment, offset, length, receiveNanos, line, source);
        framesDecoded.setRelease(frames.payloads());
    }

    /** Where received Ethernet frames go, in place (through the RX tap first, when there is one). */
    public FrameHandler frames() {
        return entry;
    }

    /** The RX capture tap, or null. */
    public FrameTap tap() {
        return tap;
    }

    /** Re-request replies, the confirmation and gap timers; returns how much was done. */
    @Override
    public int poll(long nowNanos) {
        int work = requestClient == null ? 0 : requestClient.poll(receiver, REPLY_LINE, nowNanos, MAX_REPLIES_PER_POLL,
                length -> router.hasRoomFor(messagesIn(length) + pendingMessages()));
        return work + (sessions != null ? sessions.poll(nowNanos) : receiver.poll(nowNanos));
    }

    /** The input is over: packets held for confirmation are confirmed now rather than after their wait. */
    @Override
    public void endOfInput() {
        if (sessions != null) {
            sessions.flush();
        } else {
            receiver.flush();
        }
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

    /** Frames handed to the chain, and those dropped at the source ({@link FrameHandler#onDropped}). */
    public long framesRead() {
        return framesRead.get();
    }

    /** Frames whose payload went on to the MoldUDP64 receiver. */
    public long framesDecoded() {
        return frames.payloads();
    }

    /**
     * Checks that every frame read is accounted for: decoded, or dropped for a counted reason. Returns null when it
     * holds, else a sentence saying by how much it does not.
     */
    public String accountingProblem() {
        long read = framesRead();
        long accounted = framesDecoded() + drops.frameDrops();
        return read == accounted ? null : read + " frames read but " + framesDecoded() + " decoded + " + drops.frameDrops()
                + " dropped = " + accounted;
    }

    public DropCounters drops() {
        return drops;
    }

    /**
     * Counts a gap still open as lost, closes the re-request socket and the tap (which writes what it still holds);
     * call from the stage's thread at stop.
     */
    @Override
    public void close() throws IOException {
        if (sessions != null) {
            sessions.abandonAtStop();
        } else {
            receiver.abandonAtStop();
        }
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
