package dev.hft.egress;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.events.OrderCommand;
import dev.hft.events.OrderResponse;
import dev.hft.journal.Journal;
import dev.hft.journal.JournalRecord;
import dev.hft.journal.JournalWriter;
import dev.hft.pipeline.Control;
import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.metrics.LatencyHistogram;
import dev.hft.pipeline.metrics.Metrics;
import dev.hft.wire.mold.MoldUdpFrame;
import dev.hft.wire.mold.MoldUdpFrameEncoder;
import dev.hft.wire.ouch.OuchOutboundDecoder;
import dev.hft.wire.pcap.FrameTap;

/**
 * Encodes each {@link OrderCommand} from the strategy as an OUCH 4.2 message into the transport's current frame
 * and sends the frame at the end of each batch; reads venue messages when idle (and after each batch), decodes
 * them and publishes {@link OrderResponse} events to its first output ring, if it has one. It reads no more venue
 * messages than that ring has free slots: when the consumer lags, messages wait in the socket buffer rather than
 * blocking this thread (which may also run the consumer).
 *
 * <p>Counters ({@code role.name}): {@code sent.enter}, {@code sent.replace}, {@code sent.cancel},
 * {@code sent.modify}, {@code send_failures} (commands not sent: transport not ready or frame refused, plus failed
 * flushes), {@code bytes} (OUCH bytes encoded), {@code responses}, {@code responses_dropped} (venue messages of an
 * unknown type or wrong length), {@code refused} (orders held back by a halt or the kill switch, unknown control codes;
 * each refused Enter or Replace is answered with a REJECTED response, {@code refusal_notices_dropped} when the ring
 * had no room).
 *
 * <p>Tick-to-trade: each sent command's {@link OrderCommand#receiveNanos} (packet receipt, {@code System.nanoTime})
 * is kept until its frame is flushed; after the flush the stage records {@code now - receiveNanos} into
 * {@link #tickToTrade()} (ns, preallocated: nothing allocates per order). Commands without a receive time (timer
 * or stop-time orders) are not recorded; more than {@value #MAX_PENDING} in one frame count {@code t2t_unrecorded}.
 * The same values go to {@code Metrics.histogram("tick_to_trade")} (a stage whose role is not {@code egress}:
 * {@code tick_to_trade_<role>}), which the Prometheus exporter and the status line read while the run goes on.
 *
 * <p>TX tap ({@code tap} param): the OUCH messages of each sent frame, copied into a MoldUDP64/UDP/IPv4/Ethernet
 * frame ({@link MoldUdpFrameEncoder}; for {@code transport: dpdk} the frame that went on the wire, for soup and udp
 * the same messages in that shape) and handed to a {@link FrameTap}, which writes the pcap off this thread.
 *
 * <p>Control events ({@link OrderCommand#control}): HALT stops everything but cancels until RESUME; KILL_SWITCH
 * does the same until the stage is rebuilt (RESUME does not lift it). Cancels always go out, so a strategy can
 * flatten while halted.
 *
 * <p>Nothing is left unanswered: a command that could not be appended to the frame (not logged in, no room) is
 * answered with a NOT_SENT response; so is every command of a frame whose send failed on a transport without a
 * session (UDP, DPDK). On a transport with a session (SoupBinTCP) a failed send drops the session instead, and the
 * LINK_DOWN response published then stands for every command in flight; LINK_UP follows the next login. A login the
 * venue answers with another sequence number than asked, a rejected login and End of Session halt the pipeline.
 * {@code not_sent} counts the notices, {@code notices_dropped} those the response ring had no room for.
 *
 * <p>With a journal (the session's), every response, the venue's and this stage's own, is appended before it is
 * published, and so are the session's logins and disconnects ({@code journal.failures} counts appends that failed;
 * the first engages the kill switch here: no more enters or replaces).
 */
public final class EgressStage implements EventStage<OrderCommand> {

    private static final int MAX_RESPONSES_PER_POLL = 256;
    private static final int MAX_PENDING = 1024;
    /** OUCH 4.2 reject reason H: "there is currently a halt". */
    static final byte REFUSED_REASON = 'H';
    private static final long T2T_HIGHEST_NANOS = 60_000_000_000L;

    private final String role;
    private final Ring<OrderResponse> responseRing;
    private final OrderTransport transport;
    private final OrderCommandEncoder encoder = new OrderCommandEncoder();
    private final OuchOutboundDecoder decoder;
    private final ResponsePublisher publisher;
    private final OrderTransport.VenueListener venueListener = this::onVenueMessage;
    private final AtomicCounter[] sent = new AtomicCounter[OrderCommand.Kind.values().length];
    private final AtomicCounter sendFailures;
    private final AtomicCounter bytes;
    private final AtomicCounter responses;
    private final AtomicCounter responseDrops;
    private final AtomicCounter refused;
    private final AtomicCounter t2tUnrecorded;
    private final AtomicCounter refusalNoticesDropped;
    private final AtomicCounter notSent;
    private final AtomicCounter noticesDropped;
    private final AtomicCounter logins;
    private final AtomicCounter disconnects;
    private final AtomicCounter journalFailures;
    private final StageContext context;
    private final Journal journal;
    private final JournalWriter journalWriter;
    private final OrderCommand.Kind[] frameKind = new OrderCommand.Kind[MAX_PENDING];
    private final byte[][] frameToken = new byte[MAX_PENDING][dev.hft.wire.ouch.OuchTypes.TOKEN_LENGTH];
    private int frameCommands;
    private boolean linkDownPending;
    private boolean linkUpPending;
    private long linkUpSequence;
    private String linkUpSession = "";
    /** Set on the stage's thread: session events from a login while building wait for it (journal appenders are per thread). */
    private boolean started;
    private final Histogram tickToTrade = new Histogram(T2T_HIGHEST_NANOS, 3);
    private final LatencyHistogram exportedTickToTrade;
    private final long[] pendingReceiveNanos = new long[MAX_PENDING];
    private final FrameTap txTap;
    private final MoldUdpFrameEncoder tapEncoder;
    private final MemorySegment tapFrame;
    private boolean tapOpen;
    private int pending;
    private boolean frameOpen;
    private boolean halted;
    private boolean killed;

    public EgressStage(StageContext context, OrderTransport transport) {
        this(context, transport, null, null, null);
    }

    public EgressStage(StageContext context, OrderTransport transport, FrameTap txTap, MoldUdpFrameEncoder tapEncoder) {
        this(context, transport, txTap, tapEncoder, null);
    }

    /**
     * @param txTap   where copies of the sent frames go, built by {@code tapEncoder}; both null for no TX tap
     * @param journal the session's order-entry journal (released when the stage stops), or null
     */
    public EgressStage(StageContext context, OrderTransport transport, FrameTap txTap, MoldUdpFrameEncoder tapEncoder,
            Journal journal) {
        this.role = context.role();
        this.context = context;
        this.journal = journal;
        this.journalWriter = journal == null ? null : journal.writer();
        this.txTap = txTap;
        this.tapEncoder = tapEncoder;
        this.tapFrame = txTap == null ? null : Arena.ofAuto().allocate(MoldUdpFrame.DEFAULT_MAX_FRAME);
        this.exportedTickToTrade = Metrics.histogram("egress".equals(role) ? "tick_to_trade"
                : "tick_to_trade_" + role.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
        this.transport = transport;
        this.responseRing = context.outputs().isEmpty() ? null
                : context.output(context.outputs().get(0), OrderResponse.class).get(0);
        this.publisher = responseRing == null ? null : new ResponsePublisher(responseRing, journalWriter);
        this.decoder = publisher == null ? null : new OuchOutboundDecoder(publisher);
        for (OrderCommand.Kind kind : OrderCommand.Kind.values()) {
            sent[kind.ordinal()] = context.counter("sent." + kind.name().toLowerCase());
        }
        this.sendFailures = context.counter("send_failures");
        this.bytes = context.counter("bytes");
        this.responses = context.counter("responses");
        this.responseDrops = context.counter("responses_dropped");
        this.refused = context.counter("refused");
        this.t2tUnrecorded = context.counter("t2t_unrecorded");
        this.refusalNoticesDropped = context.counter("refusal_notices_dropped");
        this.notSent = context.counter("not_sent");
        this.noticesDropped = context.counter("notices_dropped");
        this.logins = context.counter("session.logins");
        this.disconnects = context.counter("session.disconnects");
        this.journalFailures = context.counter("journal.failures");
        transport.sessionListener(new OrderTransport.SessionListener() {
            @Override
            public void onLoggedIn(String session, long nextSequence) {
                logins.increment();
                linkUpPending = true;
                linkUpSession = session;
                linkUpSequence = nextSequence;
                if (started) {
                    publishLinkNotices();
                }
            }

            @Override
            public void onDisconnected() {
                disconnects.increment();
                linkDownPending = true;
                linkUpPending = false;
                if (started) {
                    publishLinkNotices();
                }
            }

            @Override
            public void onClosed(String why) {
                linkDownPending = true;
                linkUpPending = false;
                context.requestHalt(role + ": order-entry session closed: " + why);
            }
        });
    }

    private void journalSession(byte event, String session, long sequence) {
        if (journalWriter != null) {
            try {
                journalWriter.session(event, session, sequence, sequence);
            } catch (RuntimeException e) {
                journalFailed();
            }
        }
    }

    private void journalFailed() {
        journalFailures.increment();
        killed = true;
    }

    /** Tick-to-trade in ns (packet receipt to the transport flush that sent the order); read after the stage stopped. */
    public Histogram tickToTrade() {
        return tickToTrade;
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public void onEvent(OrderCommand command, long sequence, boolean endOfBatch) {
        if (command.control != Control.NONE) {
            control(command.control);
        } else if ((halted || killed) && command.kind != OrderCommand.Kind.CANCEL) {
            refused.increment();
            refusalNotice(command);
        } else {
            send(command);
        }
        if (endOfBatch) {
            flush();
            poll();
        }
    }

    /**
     * Tells the strategies an order or replace did not go out: a REJECTED response for the token that would have
     * been new (the Enter's, or the Replace's replacement), reason {@value #REFUSED_REASON} (halt), sequence 0 as no
     * venue message carries it. Without it the sender would wait forever for an answer (one strategy's stop-time
     * halt refuses another's in-flight replace). When the response ring has no room it is counted instead.
     */
    private void refusalNotice(OrderCommand command) {
        if (command.kind == OrderCommand.Kind.MODIFY) {
            return;
        }
        if (!notice(OrderResponse.Kind.REJECTED, command.kind == OrderCommand.Kind.REPLACE ? command.replacementToken
                : command.token, REFUSED_REASON, 0)) {
            refusalNoticesDropped.increment();
        }
    }

    /** NOT_SENT for a command that did not leave: the Enter's token, the Replace's replacement, the Cancel's order. */
    private void notSent(OrderCommand.Kind kind, byte[] token) {
        notSent.increment();
        if (!notice(OrderResponse.Kind.NOT_SENT, token, ouchType(kind), 0)) {
            noticesDropped.increment();
        }
    }

    private static byte ouchType(OrderCommand.Kind kind) {
        return switch (kind) {
            case ENTER -> 'O';
            case REPLACE -> 'U';
            case CANCEL -> 'X';
            case MODIFY -> 'M';
        };
    }

    /**
     * Publishes one response of this stage's own (journaled first); false when there is no response ring or it has no
     * room.
     */
    private boolean notice(OrderResponse.Kind kind, byte[] token, byte reason, long sequence) {
        if (responseRing == null || responseRing.remainingCapacity() == 0) {
            return false;
        }
        long claim = responseRing.next();
        OrderResponse r = responseRing.get(claim);
        r.clear();
        r.kind = kind;
        if (token != null) {
            System.arraycopy(token, 0, r.token, 0, r.token.length);
        }
        r.reason = reason;
        r.sequence = sequence;
        r.receiveNanos = System.nanoTime();
        if (journalWriter != null) {
            try {
                journalWriter.response(r);
            } catch (RuntimeException e) {
                journalFailed();
            }
        }
        responseRing.publish(claim);
        return true;
    }

    /**
     * LINK_DOWN then LINK_UP as the session reported them, ahead of anything read after; the SoupBinTCP sequence of
     * LINK_UP is the venue's next, not a message of its own (so the journal's highest sequence stays a real one).
     */
    private int publishLinkNotices() {
        if (responseRing == null && (linkDownPending || linkUpPending)) {
            if (linkDownPending) {
                journalSession(JournalRecord.DISCONNECTED, "", 0);
            }
            if (linkUpPending) {
                journalSession(JournalRecord.LOGIN_ACCEPTED, linkUpSession, linkUpSequence);
            }
            linkDownPending = false;
            linkUpPending = false;
            return 1;
        }
        int n = 0;
        if (linkDownPending && notice(OrderResponse.Kind.LINK_DOWN, null, (byte) 0, 0)) {
            journalSession(JournalRecord.DISCONNECTED, "", 0);
            linkDownPending = false;
            n++;
        }
        if (!linkDownPending && linkUpPending && notice(OrderResponse.Kind.LINK_UP, null, (byte) 0, 0)) {
            journalSession(JournalRecord.LOGIN_ACCEPTED, linkUpSession, linkUpSequence);
            linkUpPending = false;
            n++;
        }
        return n;
    }

    private void control(int code) {
        switch (code) {
            case Control.HALT -> halted = true;
            case Control.RESUME -> halted = false;
            case Control.KILL_SWITCH -> killed = true;
            default -> refused.increment();
        }
    }

    private void send(OrderCommand command) {
        int length = OrderCommandEncoder.length(command.kind);
        long at = -1;
        if (frameOpen || (frameOpen = transport.beginFrame())) {
            at = transport.append(length);
            if (at < 0) {
                flush();
                frameOpen = transport.beginFrame();
                at = frameOpen ? transport.append(length) : -1;
            }
        }
        if (at < 0) {
            sendFailures.increment();
            notSent(command.kind, command.kind == OrderCommand.Kind.REPLACE ? command.replacementToken : command.token);
        } else {
            encoder.encode(command, transport.segment(), at);
            if (!transport.hasSession() && frameCommands < MAX_PENDING) {
                frameKind[frameCommands] = command.kind;
                System.arraycopy(command.kind == OrderCommand.Kind.REPLACE ? command.replacementToken : command.token, 0,
                        frameToken[frameCommands], 0, command.token.length);
                frameCommands++;
            }
            if (txTap != null) {
                tap(transport.segment(), at, length);
            }
            sent[command.kind.ordinal()].increment();
            bytes.getAndAdd(length);
            if (command.receiveNanos != 0) {
                if (pending < MAX_PENDING) {
                    pendingReceiveNanos[pending++] = command.receiveNanos;
                } else {
                    t2tUnrecorded.increment();
                }
            }
        }
    }

    @Override
    public void onStart() {
        started = true;
    }

    @Override
    public int onIdle() {
        return poll();
    }

    /**
     * Reads no more venue messages than the response ring has room for, less one kept for a link notice, so publishing
     * never waits; link notices go out first.
     */
    private int poll() {
        int work = publishLinkNotices();
        int room = responseRing == null ? MAX_RESPONSES_PER_POLL
                : (int) Math.min(responseRing.remainingCapacity() - 1, MAX_RESPONSES_PER_POLL);
        if (room <= 0) {
            return work;
        }
        work += transport.poll(venueListener, room);
        return work + publishLinkNotices();
    }

    /** Copies one encoded message into the tap's frame, passing a full frame to the tap first. */
    private void tap(MemorySegment from, long at, int length) {
        if (!tapOpen) {
            tapEncoder.begin(tapFrame, 0);
            tapOpen = true;
        }
        long to = tapEncoder.append(length);
        if (to < 0) {
            tapFlush();
            tapEncoder.begin(tapFrame, 0);
            tapOpen = true;
            to = tapEncoder.append(length);
        }
        MemorySegment.copy(from, at, tapFrame, to, length);
    }

    private void tapFlush() {
        if (tapOpen) {
            tapOpen = false;
            txTap.capture(tapFrame, 0, tapEncoder.finish(), System.nanoTime());
        }
    }

    @Override
    public void onStop() {
        flush();
        try {
            transport.close();
        } finally {
            if (txTap != null) {
                txTap.close();
            }
            if (journal != null) {
                journalWriter.close();
                journal.close();
            }
        }
    }

    private void flush() {
        if (txTap != null) {
            tapFlush();
        }
        if (frameOpen) {
            frameOpen = false;
            if (transport.flush() < 0) {
                sendFailures.increment();
                pending = 0;
                for (int i = 0; i < frameCommands; i++) {
                    notSent(frameKind[i], frameToken[i]);
                }
            }
        }
        frameCommands = 0;
        if (pending > 0) {
            long now = System.nanoTime();
            for (int i = 0; i < pending; i++) {
                long t2t = now - pendingReceiveNanos[i];
                if (t2t >= 0 && t2t <= T2T_HIGHEST_NANOS) {
                    tickToTrade.recordValue(t2t);
                    exportedTickToTrade.record(t2t);
                } else {
                    t2tUnrecorded.increment();
                }
            }
            pending = 0;
        }
    }

    private void onVenueMessage(long sequence, MemorySegment segment, long offset, int length) {
        if (decoder == null) {
            responses.increment();
            return;
        }
        publisher.context(sequence, System.nanoTime());
        long failuresBefore = publisher.journalFailures();
        if (decoder.decode(segment, offset, length) < 0) {
            responseDrops.increment();
        } else {
            responses.increment();
        }
        if (publisher.journalFailures() != failuresBefore) {
            journalFailed();
        }
    }
}
