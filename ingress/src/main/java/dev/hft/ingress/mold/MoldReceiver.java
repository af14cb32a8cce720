package dev.hft.ingress.mold;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.Function;

import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.ingress.route.MessageSink;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.mold.MoldRequester;
import dev.hft.wire.net.BigEndian;
import dev.hft.wire.net.PayloadHandler;

/**
 * MoldUDP64 sequencing for one session received on one or more lines: every message is delivered to the
 * {@link MessageSink} exactly once and in sequence order, whichever line carried it first (A/B arbitration).
 *
 * <p>A message past the next expected sequence opens a gap, counted per missing message and reported to the
 * {@link Listener}, then handled by the {@link GapPolicy}. Under {@code RETRANSMIT}, later messages wait in a
 * preallocated buffer while the missing range is re-requested; {@link #poll(long)} drives the retry timer and
 * gives up after {@code maxRetries} (then {@code giveUpPolicy} applies). {@code WAIT} buffers the same way
 * but only waits for another line to deliver the missing messages. A packet whose framing is broken is
 * dropped whole and its messages are treated as lost, so sequence numbers never go wrong.
 */
public final class MoldReceiver implements PayloadHandler {

    public static final int MAX_LINES = 8;
    /** Sequence numbers start at 1; anything near the top of the 64-bit range is a corrupt packet, not a feed. */
    public static final long MAX_SEQUENCE = 1L << 62;

    /** Tuning with named defaults; {@code firstSequence} 0 means "start at the first sequence received". */
    public record Config(GapPolicy gapPolicy, GapPolicy giveUpPolicy, int bufferMessages, long retryNanos,
                         int maxRetries, long firstSequence) {

        public static final Config DEFAULTS = new Config(GapPolicy.CONTINUE, GapPolicy.CONTINUE, 4096, 100_000_000L, 5, 0);

        public Config {
            if (bufferMessages <= 0 || Integer.bitCount(bufferMessages) != 1) {
                throw new IllegalArgumentException("bufferMessages must be a power of two, found " + bufferMessages);
            }
            if (giveUpPolicy != GapPolicy.CONTINUE && giveUpPolicy != GapPolicy.HALT) {
                throw new IllegalArgumentException("giveUpPolicy must be CONTINUE or HALT");
            }
            if (retryNanos <= 0 || maxRetries < 0 || firstSequence < 0) {
                throw new IllegalArgumentException("retryNanos > 0, maxRetries >= 0 and firstSequence >= 0 are required");
            }
        }

        public Config withGapPolicy(GapPolicy policy) {
            return new Config(policy, giveUpPolicy, bufferMessages, retryNanos, maxRetries, firstSequence);
        }

        public Config withRetransmission(int buffer, long retry, int retries, GapPolicy giveUp) {
            return new Config(GapPolicy.RETRANSMIT, giveUp, buffer, retry, retries, firstSequence);
        }

        public Config withFirstSequence(long sequence) {
            return new Config(gapPolicy, giveUpPolicy, bufferMessages, retryNanos, maxRetries, sequence);
        }
    }

    /** Sends a MoldUDP64 re-request (20 bytes) for {@code count} messages from {@code sequence}. */
    /** Reports for the owning stage; called on its thread. */
    public interface Listener {
        default void onGap(long firstMissing, long count) {
        }

        default void onHalt(String reason) {
        }

        default void onEndOfSession(long nextSequence) {
        }
    }

    private static final int SLOT = 64;

    private final Config config;
    private final MessageSink sink;
    private final DropCounters drops;
    private final MoldRequester requester;
    private final Listener listener;
    private final MoldPacket packet = new MoldPacket();
    private final MemorySegment session = MemorySegment.ofArray(new byte[MoldPacket.SESSION_LENGTH]);

    private final int mask;
    private final MemorySegment slots;
    private final long[] slotSequence;
    private final int[] slotLength;
    private final long[] slotNanos;

    private final long[] lineNext = new long[MAX_LINES];
    private final long[] lineLost = new long[MAX_LINES];
    private final long[] linePackets = new long[MAX_LINES];

    private boolean sessionKnown;
    private boolean sessionEnded;
    private boolean synced;
    private boolean halted;
    private long nextExpected;
    /** One past the highest sequence known to exist; a gap is open while {@code nextExpected < highestKnown}. */
    private long highestKnown;
    private boolean deliveredInPacket;
    private boolean progressInPacket;

    private boolean awaitingFill;
    private long retryDeadline;
    private int retries;

    private AtomicCounter gapsCounter;
    private AtomicCounter requestsCounter;
    private final AtomicCounter[] lineLostCounters = new AtomicCounter[MAX_LINES];

    private long delivered;
    private long packets;
    private long heartbeats;
    private long gaps;
    private long requests;

    public MoldReceiver(Config config, MessageSink sink, DropCounters drops, MoldRequester requester, Listener listener) {
        if (config.gapPolicy() == GapPolicy.RETRANSMIT && requester == null) {
            throw new IllegalArgumentException("the RETRANSMIT gap policy needs a requester");
        }
        this.config = config;
        this.sink = sink;
        this.drops = drops;
        this.requester = requester;
        this.listener = listener == null ? new Listener() { } : listener;
        boolean buffering = config.gapPolicy() == GapPolicy.RETRANSMIT || config.gapPolicy() == GapPolicy.WAIT;
        int capacity = buffering ? config.bufferMessages() : 1;
        this.mask = capacity - 1;
        this.slots = Arena.ofAuto().allocate((long) capacity * SLOT, SLOT);
        this.slotSequence = new long[capacity];
        this.slotLength = new int[capacity];
        this.slotNanos = new long[capacity];
        Arrays.fill(slotSequence, -1);
    }

    /**
     * Mirrors gap events ({@code mold-gaps}), re-requests ({@code mold-requests}) and the loss of each of the
     * first {@code lines} lines ({@code line-<i>-lost}) into counters. Call while building.
     */
    public MoldReceiver publishTo(Function<String, AtomicCounter> factory, int lines) {
        gapsCounter = factory.apply("mold-gaps");
        requestsCounter = factory.apply("mold-requests");
        for (int line = 0; line < Math.min(lines, MAX_LINES); line++) {
            lineLostCounters[line] = factory.apply("line-" + line + "-lost");
        }
        return this;
    }

    @Override
    public void onPayload(MemorySegment segment, long offset, int length, long receiveNanos, int line) {
        if (halted) {
            drops.add(DropReason.HALTED);
            return;
        }
        if (length < MoldPacket.HEADER_LENGTH) {
            drops.add(DropReason.MOLD_HEADER_TRUNCATED);
            return;
        }
        packet.wrap(segment, offset);
        long sequence = packet.sequenceNumber();
        int count = packet.messageCount();
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            drops.add(DropReason.MOLD_BAD_SEQUENCE);
            return;
        }
        if (count != MoldPacket.END_OF_SESSION && !framingValid(segment, offset, length, count)) {
            return;
        }
        if (!sessionKnown || (sessionEnded && !packet.sessionEquals(session))) {
            startSession();
        } else if (!packet.sessionEquals(session)) {
            drops.add(DropReason.MOLD_WRONG_SESSION);
            return;
        }
        int lineIndex = line & (MAX_LINES - 1);
        if (count == MoldPacket.END_OF_SESSION) {
            if (length != MoldPacket.HEADER_LENGTH) {
                drops.add(DropReason.MOLD_TRAILING_BYTES);
            }
            countLine(lineIndex, sequence, 0);
            sessionEnded = true;
            listener.onEndOfSession(sequence);
            onHeartbeat(sequence, receiveNanos);
            return;
        }
        packets++;
        countLine(lineIndex, sequence, count);
        if (count == MoldPacket.HEARTBEAT) {
            heartbeats++;
            onHeartbeat(sequence, receiveNanos);
            return;
        }
        deliveredInPacket = false;
        progressInPacket = false;
        long position = offset + MoldPacket.HEADER_LENGTH;
        for (int i = 0; i < count && !halted; i++) {
            int messageLength = BigEndian.u16(segment, position);
            onMessage(segment, position + MoldPacket.MESSAGE_LENGTH_LENGTH, messageLength, sequence + i, receiveNanos);
            position += MoldPacket.MESSAGE_LENGTH_LENGTH + messageLength;
        }
        endPacket(receiveNanos);
    }

    /** Checks that {@code count} length-prefixed messages fit the payload; counts what is wrong. */
    private boolean framingValid(MemorySegment segment, long offset, int length, int count) {
        long end = offset + length;
        long position = offset + MoldPacket.HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            if (position + MoldPacket.MESSAGE_LENGTH_LENGTH > end) {
                drops.add(DropReason.MOLD_COUNT_OVERRUN);
                return false;
            }
            position += MoldPacket.MESSAGE_LENGTH_LENGTH + BigEndian.u16(segment, position);
            if (position > end) {
                drops.add(DropReason.MESSAGE_PAST_PAYLOAD_END);
                return false;
            }
        }
        if (position != end) {
            drops.add(DropReason.MOLD_TRAILING_BYTES);
        }
        return true;
    }

    /** Drives the retransmission timer; call from the stage's duty cycle. Returns 1 when it acted. */
    public int poll(long nowNanos) {
        if (!awaitingFill || halted || nowNanos - retryDeadline < 0) {
            return 0;
        }
        if (++retries > config.maxRetries()) {
            giveUp(nowNanos, true);
        } else {
            sendRequest(nowNanos);
        }
        return 1;
    }

    private void startSession() {
        packet.copySession(session);
        sessionKnown = true;
        sessionEnded = false;
        synced = config.firstSequence() > 0;
        nextExpected = config.firstSequence();
        highestKnown = nextExpected;
        awaitingFill = false;
        retries = 0;
        Arrays.fill(slotSequence, -1);
        Arrays.fill(lineNext, 0);
    }

    private void countLine(int line, long sequence, int count) {
        linePackets[line]++;
        if (lineNext[line] != 0 && sequence > lineNext[line]) {
            lineLost[line] += sequence - lineNext[line];
            if (lineLostCounters[line] != null) {
                lineLostCounters[line].setRelease(lineLost[line]);
            }
        }
        lineNext[line] = Math.max(lineNext[line], sequence + count);
    }

    private void sync(long sequence) {
        if (!synced) {
            synced = true;
            nextExpected = sequence;
            highestKnown = sequence;
        }
    }

    private void onHeartbeat(long nextSequence, long receiveNanos) {
        sync(nextSequence);
        deliveredInPacket = false;
        progressInPacket = false;
        detectGap(nextSequence, receiveNanos);
        endPacket(receiveNanos);
    }

    private void onMessage(MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
        sync(sequence);
        if (sequence < nextExpected || (sequence < highestKnown && slotSequence[(int) sequence & mask] == sequence)) {
            drops.add(DropReason.DUPLICATE);
            return;
        }
        detectGap(sequence, receiveNanos);
        while (config.gapPolicy() == GapPolicy.WAIT && awaitingFill && !halted && sequence - nextExpected > mask) {
            // Under WAIT nothing is ever re-requested: when the buffer cannot hold this message, the oldest gap is
            // given up now rather than losing messages that did arrive.
            giveUp(receiveNanos, false);
        }
        if (halted) {
            return;
        }
        highestKnown = Math.max(highestKnown, sequence + 1);
        if (sequence == nextExpected) {
            deliver(segment, offset, length, sequence, receiveNanos);
            drainBuffer();
        } else if (sequence - nextExpected <= mask && length <= SLOT) {
            int slot = (int) sequence & mask;
            MemorySegment.copy(segment, offset, slots, (long) slot * SLOT, length);
            slotSequence[slot] = sequence;
            slotLength[slot] = length;
            slotNanos[slot] = receiveNanos;
        } else {
            drops.add(DropReason.GAP_BUFFER_FULL);
        }
    }

    /** Everything before {@code next} should exist: whatever is newly known missing is a gap. */
    private void detectGap(long next, long receiveNanos) {
        long known = Math.max(nextExpected, highestKnown);
        if (next <= known) {
            return;
        }
        long missing = next - known;
        gaps++;
        if (gapsCounter != null) {
            gapsCounter.setRelease(gaps);
        }
        drops.add(DropReason.GAP, missing);
        listener.onGap(known, missing);
        highestKnown = next;
        switch (config.gapPolicy()) {
            case CONTINUE -> nextExpected = next;
            case HALT -> halt("MoldUDP64 gap: " + missing + " messages from sequence " + known);
            case RETRANSMIT, WAIT -> {
                if (!awaitingFill) {
                    retries = 0;
                    sendRequest(receiveNanos);
                }
            }
        }
    }

    private void deliver(MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
        sink.onMessage(segment, offset, length, sequence, receiveNanos);
        nextExpected = sequence + 1;
        delivered++;
        deliveredInPacket = true;
        progressInPacket = true;
    }

    private void drainBuffer() {
        int slot = (int) nextExpected & mask;
        while (slotSequence[slot] == nextExpected) {
            slotSequence[slot] = -1;
            deliver(slots, (long) slot * SLOT, slotLength[slot], nextExpected, slotNanos[slot]);
            slot = (int) nextExpected & mask;
        }
    }

    private void endPacket(long receiveNanos) {
        if (deliveredInPacket) {
            sink.onPacketEnd();
        }
        if (awaitingFill) {
            if (nextExpected >= highestKnown) {
                awaitingFill = false;
                retries = 0;
            } else if (progressInPacket) {
                // A reply filled part of the gap: ask for the rest now rather than at the retry deadline.
                retries = 0;
                sendRequest(receiveNanos);
            }
        }
    }

    private void sendRequest(long nowNanos) {
        if (config.gapPolicy() == GapPolicy.RETRANSMIT) {
            int count = (int) Math.min(highestKnown - nextExpected, MoldPacket.MAX_MESSAGE_COUNT);
            requester.request(session, nextExpected, count);
            requests++;
            if (requestsCounter != null) {
                requestsCounter.setRelease(requests);
            }
        }
        awaitingFill = true;
        retryDeadline = nowNanos + config.retryNanos();
    }

    /** Skips the oldest gap; {@code betweenPackets}: end the delivered run with a packet end of its own. */
    private void giveUp(long nowNanos, boolean betweenPackets) {
        long resume = nextExpected + 1;
        long window = Math.min(highestKnown, nextExpected + mask + 1);
        while (resume < window && slotSequence[(int) resume & mask] != resume) {
            resume++;
        }
        if (resume == window) {
            resume = highestKnown;
        }
        drops.add(DropReason.GAP_ABANDONED, resume - nextExpected);
        awaitingFill = false;
        retries = 0;
        if (config.giveUpPolicy() == GapPolicy.HALT) {
            halt("MoldUDP64 retransmission gave up at sequence " + nextExpected);
            return;
        }
        nextExpected = resume;
        if (betweenPackets) {
            deliveredInPacket = false;
            progressInPacket = false;
        }
        drainBuffer();
        if (betweenPackets && deliveredInPacket) {
            sink.onPacketEnd();
        }
        if (nextExpected < highestKnown) {
            sendRequest(nowNanos);
        }
    }

    private void halt(String reason) {
        halted = true;
        awaitingFill = false;
        listener.onHalt(reason);
    }

    public long nextExpected() {
        return nextExpected;
    }

    public boolean gapOpen() {
        return nextExpected < highestKnown;
    }

    /** A gap is open and the receiver waits for it to be filled (re-request or another line) or to give up. */
    public boolean awaitingFill() {
        return awaitingFill;
    }

    public boolean isHalted() {
        return halted;
    }

    public boolean isSessionEnded() {
        return sessionEnded;
    }

    public long delivered() {
        return delivered;
    }

    public long packets() {
        return packets;
    }

    public long heartbeats() {
        return heartbeats;
    }

    public long gaps() {
        return gaps;
    }

    public long requests() {
        return requests;
    }

    /** Messages this line skipped (sequence jumps on the line itself), whether or not another line had them. */
    public long lineLost(int line) {
        return lineLost[line];
    }

    public long linePackets(int line) {
        return linePackets[line];
    }
}
