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
 * <p><b>Jumps are confirmed before they count.</b> A packet whose sequence is past everything known (a gap opens),
 * an End of Session, or the first packet of a new session after one, can be a lost packet, or a corrupted or
 * spoofed one: one forged heartbeat must not turn the genuine feed into "duplicates". Such a packet is held (one
 * slot, copied) until the packets after it decide: one that continues it confirms it; packets in sequence below it
 * are delivered first (so a reordered or other-line copy of the missing range fills it with no gap at all); after
 * {@value #MAX_CONTRADICTIONS} packets that carry on below it, it is dropped as unconfirmed. A held packet is
 * confirmed after {@code confirmNanos} without further packets, and at the end of the input ({@link #flush}).
 *
 * <p>A confirmed gap is counted ({@code mold.gaps}, {@code mold.missing} sequence numbers) and handled by the
 * {@link GapPolicy}: {@code CONTINUE} skips it (the missing messages are {@code mold.lost}); {@code RETRANSMIT} holds
 * later messages in a preallocated buffer and re-requests the range, {@link #poll(long)} driving the retry timer
 * until it gives up ({@code giveUpPolicy}); {@code WAIT} buffers the same way and waits for another line. Missing
 * messages that arrive later are {@code mold.recovered}; at any time missing = recovered + lost + still awaited.
 * Copies of messages already delivered are {@code mold.duplicates}, not drops. A packet whose framing is broken is
 * dropped whole and its messages are treated as missing, so sequence numbers never go wrong; bytes after a packet's
 * last message are counted ({@code mold.trailing_bytes}) and the messages delivered.
 */
public final class MoldReceiver implements PayloadHandler {

    public static final int MAX_LINES = 8;
    /** Sequence numbers start at 1; anything near the top of the 64-bit range is a corrupt packet, not a feed. */
    public static final long MAX_SEQUENCE = 1L << 62;
    /** Packets carrying on below a held jump before it is dropped as unconfirmed. */
    public static final int MAX_CONTRADICTIONS = 2;
    /** Largest packet held for confirmation: a UDP datagram. */
    public static final int MAX_HELD_BYTES = 65_536;

    /**
     * Tuning with named defaults; {@code firstSequence} 0 means "start at the first sequence received";
     * {@code confirmNanos} is how long a held jump waits for a packet that confirms it.
     */
    public record Config(GapPolicy gapPolicy, GapPolicy giveUpPolicy, int bufferMessages, long retryNanos,
                         int maxRetries, long firstSequence, long confirmNanos) {

        public static final Config DEFAULTS = new Config(GapPolicy.CONTINUE, GapPolicy.CONTINUE, 4096, 100_000_000L, 5, 0,
                10_000_000L);

        public Config {
            if (bufferMessages <= 0 || Integer.bitCount(bufferMessages) != 1) {
                throw new IllegalArgumentException("bufferMessages must be a power of two, found " + bufferMessages);
            }
            if (giveUpPolicy != GapPolicy.CONTINUE && giveUpPolicy != GapPolicy.HALT) {
                throw new IllegalArgumentException("giveUpPolicy must be CONTINUE or HALT");
            }
            if (retryNanos <= 0 || maxRetries < 0 || firstSequence < 0 || confirmNanos < 0) {
                throw new IllegalArgumentException(
                        "retryNanos > 0, maxRetries >= 0, firstSequence >= 0 and confirmNanos >= 0 are required");
            }
        }

        public Config(GapPolicy gapPolicy, GapPolicy giveUpPolicy, int bufferMessages, long retryNanos, int maxRetries,
                long firstSequence) {
            this(gapPolicy, giveUpPolicy, bufferMessages, retryNanos, maxRetries, firstSequence, DEFAULTS.confirmNanos());
        }

        public Config withGapPolicy(GapPolicy policy) {
            return new Config(policy, giveUpPolicy, bufferMessages, retryNanos, maxRetries, firstSequence, confirmNanos);
        }

        public Config withRetransmission(int buffer, long retry, int retries, GapPolicy giveUp) {
            return new Config(GapPolicy.RETRANSMIT, giveUp, buffer, retry, retries, firstSequence, confirmNanos);
        }

        public Config withFirstSequence(long sequence) {
            return new Config(gapPolicy, giveUpPolicy, bufferMessages, retryNanos, maxRetries, sequence, confirmNanos);
        }

        /** Whether gap-policy buffering is on (RETRANSMIT or WAIT). */
        public boolean buffering() {
            return gapPolicy == GapPolicy.RETRANSMIT || gapPolicy == GapPolicy.WAIT;
        }
    }

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
    private int bufferedMessages;

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

    /** The packet held for confirmation: its bytes, where it came from, what it claims. */
    private final MemorySegment held = Arena.ofAuto().allocate(MAX_HELD_BYTES);
    private final MemorySegment heldSession = MemorySegment.ofArray(new byte[MoldPacket.SESSION_LENGTH]);
    private final MoldPacket heldPacket = new MoldPacket();
    private boolean holding;
    private boolean heldNewSession;
    private int heldLength;
    private int heldLine;
    private long heldNanos;
    private long heldSequence;
    private int heldCount;
    private int contradictions;
    /** Set when a packet below the held jump is processed: afterwards the held packet is due, overlapped, or contradicted. */
    private boolean contradictAfter;

    private AtomicCounter gapsCounter;
    private AtomicCounter missingCounter;
    private AtomicCounter recoveredCounter;
    private AtomicCounter lostCounter;
    private AtomicCounter duplicatesCounter;
    private AtomicCounter requestsCounter;
    private AtomicCounter trailingBytesCounter;
    private final AtomicCounter[] lineLostCounters = new AtomicCounter[MAX_LINES];

    private long delivered;
    private long packets;
    private long heartbeats;
    private long gaps;
    private long missing;
    private long recovered;
    private long lost;
    private long duplicates;
    private long requests;
    private long trailingBytes;

    public MoldReceiver(Config config, MessageSink sink, DropCounters drops, MoldRequester requester, Listener listener) {
        if (config.gapPolicy() == GapPolicy.RETRANSMIT && requester == null) {
            throw new IllegalArgumentException("the RETRANSMIT gap policy needs a requester");
        }
        this.config = config;
        this.sink = sink;
        this.drops = drops;
        this.requester = requester;
        this.listener = listener == null ? new Listener() { } : listener;
        int capacity = config.buffering() ? config.bufferMessages() : 1;
        this.mask = capacity - 1;
        this.slots = Arena.ofAuto().allocate((long) capacity * SLOT, SLOT);
        this.slotSequence = new long[capacity];
        this.slotLength = new int[capacity];
        this.slotNanos = new long[capacity];
        Arrays.fill(slotSequence, -1);
    }

    /**
     * Mirrors the sequence counters ({@code mold.gaps}, {@code mold.missing}, {@code mold.recovered},
     * {@code mold.lost}, {@code mold.duplicates}, {@code mold.requests}) and the loss of each of the first
     * {@code lines} lines ({@code line.<i>.lost}). Call while building.
     */
    public MoldReceiver publishTo(Function<String, AtomicCounter> factory, int lines) {
        gapsCounter = factory.apply("mold.gaps");
        missingCounter = factory.apply("mold.missing");
        recoveredCounter = factory.apply("mold.recovered");
        lostCounter = factory.apply("mold.lost");
        duplicatesCounter = factory.apply("mold.duplicates");
        requestsCounter = factory.apply("mold.requests");
        trailingBytesCounter = factory.apply("mold.trailing_bytes");
        for (int line = 0; line < Math.min(lines, MAX_LINES); line++) {
            lineLostCounters[line] = factory.apply("line." + line + ".lost");
        }
        return this;
    }

    /**
     * Messages this receiver may release at once without a new packet: what its gap buffer holds and what the held
     * packet carries. A source asks the sink for room for these on top of a frame's own messages.
     */
    public int pendingMessages() {
        return bufferedMessages + (holding && heldCount != MoldPacket.END_OF_SESSION ? heldCount : 0);
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
        int lineIndex = line & (MAX_LINES - 1);
        if (!sessionKnown) {
            startSession(packet);
        } else if (!packet.sessionEquals(session)) {
            otherSession(segment, offset, length, receiveNanos, lineIndex, sequence, count);
            return;
        }
        if (holding) {
            if (heldNewSession) {
                contradict();
            } else if (resolveHeld(sequence, count)) {
                return;
            }
        }
        admit(segment, offset, length, receiveNanos, lineIndex, sequence, count);
    }

    /** A packet of a session other than the one followed: a new session is taken only after an End of Session, confirmed. */
    private void otherSession(MemorySegment segment, long offset, int length, long receiveNanos, int line, long sequence,
            int count) {
        if (holding && !heldNewSession && heldCount == MoldPacket.END_OF_SESSION) {
            // a new session after an End of Session: the end was real
            releaseHeld();
        }
        if (holding && heldNewSession && packet.sessionEquals(heldSession)) {
            long heldEnd = heldSequence + heldCount;
            if (count != MoldPacket.END_OF_SESSION && sequence == heldEnd) {
                confirmNewSession();
                admit(segment, offset, length, receiveNanos, line, sequence, count);
            } else {
                drops.add(DropReason.MOLD_WRONG_SESSION);
            }
            return;
        }
        if (sessionEnded && !holding && count != MoldPacket.END_OF_SESSION) {
            hold(segment, offset, length, receiveNanos, line, sequence, count, true);
            return;
        }
        drops.add(DropReason.MOLD_WRONG_SESSION);
    }

    /** A packet of the followed session, after any held jump was resolved: held if it jumps, else processed. */
    private void admit(MemorySegment segment, long offset, int length, long receiveNanos, int line, long sequence,
            int count) {
        if (count == MoldPacket.END_OF_SESSION) {
            if (synced && sequence < nextExpected) {
                drops.add(DropReason.MOLD_STALE_END_OF_SESSION);
                return;
            }
        } else if (sessionEnded && (!synced || sequence >= nextExpected)) {
            // the session goes on: the End of Session seen before it was not real
            sessionEnded = false;
        }
        long known = Math.max(nextExpected, highestKnown);
        boolean jump = synced && sequence > known && !holding;
        if (jump || (count == MoldPacket.END_OF_SESSION && !holding)) {
            hold(segment, offset, length, receiveNanos, line, sequence, count, false);
            return;
        }
        process(segment, offset, length, receiveNanos, line, sequence, count);
    }

    /**
     * Decides the held packet against a new packet of the same session; true when the new packet was dealt with
     * here (processed after the held one).
     */
    private boolean resolveHeld(long sequence, int count) {
        long heldEnd = heldSequence + (heldCount == MoldPacket.END_OF_SESSION ? 0 : heldCount);
        if (heldCount == MoldPacket.END_OF_SESSION) {
            // an End of Session followed by more of the session was not the end
            if (sequence >= heldSequence) {
                dropHeld();
            } else {
                contradict();
            }
            return false;
        }
        if (sequence >= heldSequence) {
            // the new packet continues the held one, overlaps it (another line's copy) or jumps past it: the held
            // jump is real
            releaseHeld();
            return false;
        }
        if (count != MoldPacket.END_OF_SESSION && sequence > Math.max(nextExpected, highestKnown)) {
            // a smaller jump below the held one: it is the better candidate
            dropHeld();
            return false;
        }
        contradictAfter = true;
        return false;
    }

    private void process(MemorySegment segment, long offset, int length, long receiveNanos, int line, long sequence,
            int count) {
        if (count == MoldPacket.END_OF_SESSION) {
            countLine(line, sequence, 0);
            sessionEnded = true;
            listener.onEndOfSession(sequence);
            onHeartbeat(sequence, receiveNanos);
            return;
        }
        packets++;
        countLine(line, sequence, count);
        if (count == MoldPacket.HEARTBEAT) {
            heartbeats++;
            onHeartbeat(sequence, receiveNanos);
        } else {
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
        if (contradictAfter) {
            contradictAfter = false;
            afterPacketBelowHeld();
        }
    }

    /** A packet below the held jump was processed: release the held one when the sequence reached it, else count. */
    private void afterPacketBelowHeld() {
        if (!holding) {
            return;
        }
        if (nextExpected >= heldSequence) {
            releaseHeld();
        } else {
            contradict();
        }
    }

    private void contradict() {
        if (++contradictions >= MAX_CONTRADICTIONS) {
            dropHeld();
        }
    }

    private void hold(MemorySegment segment, long offset, int length, long receiveNanos, int line, long sequence,
            int count, boolean newSession) {
        if (length > MAX_HELD_BYTES) {
            drops.add(DropReason.MOLD_UNCONFIRMED);
            return;
        }
        MemorySegment.copy(segment, offset, held, 0, length);
        heldPacket.wrap(held, 0);
        if (newSession) {
            heldPacket.copySession(heldSession);
        }
        holding = true;
        heldNewSession = newSession;
        heldLength = length;
        heldLine = line;
        heldNanos = receiveNanos;
        heldSequence = sequence;
        heldCount = count;
        contradictions = 0;
    }

    /** The held packet is confirmed: it is processed as if it had just arrived. */
    private void releaseHeld() {
        holding = false;
        if (heldNewSession) {
            confirmNewSession();
            return;
        }
        process(held, 0, heldLength, heldNanos, heldLine, heldSequence, heldCount);
    }

    private void confirmNewSession() {
        holding = false;
        heldPacket.wrap(held, 0);
        startSession(heldPacket);
        process(held, 0, heldLength, heldNanos, heldLine, heldSequence, heldCount);
    }

    private void dropHeld() {
        holding = false;
        drops.add(DropReason.MOLD_UNCONFIRMED);
    }

    /**
     * Confirms a held packet nothing came to contradict: at the end of the input, or (from {@link #poll}) once it has
     * waited {@code confirmNanos}. Returns 1 when it released one.
     */
    public int flush() {
        if (!holding || halted) {
            return 0;
        }
        if (heldCount == MoldPacket.END_OF_SESSION || heldNewSession || sink.hasRoomFor(heldCount + bufferedMessages)) {
            releaseHeld();
            return 1;
        }
        return 0;
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
            // bytes after the last message: the messages are whole, so they are delivered and the oddity counted
            trailingBytes++;
            publish(trailingBytesCounter, trailingBytes);
        }
        return true;
    }

    /**
     * Drives the confirmation and retransmission timers; call from the stage's duty cycle. Returns 1 when it acted.
     * Buffered messages are only released when the sink has room for all of them.
     */
    public int poll(long nowNanos) {
        if (holding && nowNanos - heldNanos >= config.confirmNanos()) {
            return flush();
        }
        if (!awaitingFill || halted || nowNanos - retryDeadline < 0) {
            return 0;
        }
        if (retries + 1 > config.maxRetries() && !sink.hasRoomFor(bufferedMessages)) {
            return 0;
        }
        if (++retries > config.maxRetries()) {
            giveUp(nowNanos, true);
        } else {
            sendRequest(nowNanos);
        }
        return 1;
    }

    private void startSession(MoldPacket first) {
        first.copySession(session);
        sessionKnown = true;
        sessionEnded = false;
        synced = config.firstSequence() > 0;
        nextExpected = config.firstSequence();
        highestKnown = nextExpected;
        awaitingFill = false;
        retries = 0;
        Arrays.fill(slotSequence, -1);
        bufferedMessages = 0;
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
            duplicates++;
            publish(duplicatesCounter, duplicates);
            return;
        }
        boolean filling = sequence < highestKnown;
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
            if (filling) {
                recovered(1);
            }
            deliver(segment, offset, length, sequence, receiveNanos);
            drainBuffer();
        } else if (sequence - nextExpected <= mask && length <= SLOT) {
            if (filling) {
                recovered(1);
            }
            int slot = (int) sequence & mask;
            MemorySegment.copy(segment, offset, slots, (long) slot * SLOT, length);
            slotSequence[slot] = sequence;
            slotLength[slot] = length;
            slotNanos[slot] = receiveNanos;
            bufferedMessages++;
        } else {
            // it arrived but cannot be kept: it is missing again, re-requested with the rest of the gap
            drops.add(DropReason.GAP_BUFFER_FULL);
            if (!filling) {
                missing(1);
            }
        }
    }

    /** Everything before {@code next} should exist: whatever is newly known missing is a gap. */
    private void detectGap(long next, long receiveNanos) {
        long known = Math.max(nextExpected, highestKnown);
        if (next <= known) {
            return;
        }
        long count = next - known;
        gaps++;
        publish(gapsCounter, gaps);
        missing(count);
        listener.onGap(known, count);
        highestKnown = next;
        switch (config.gapPolicy()) {
            case CONTINUE -> {
                nextExpected = next;
                lost(count);
            }
            case HALT -> {
                lost(count);
                halt("MoldUDP64 gap: " + count + " messages from sequence " + known);
            }
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
            bufferedMessages--;
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
            publish(requestsCounter, requests);
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
        lost(resume - nextExpected);
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

    private void missing(long n) {
        missing += n;
        publish(missingCounter, missing);
    }

    private void recovered(long n) {
        recovered += n;
        publish(recoveredCounter, recovered);
    }

    private void lost(long n) {
        lost += n;
        publish(lostCounter, lost);
        drops.lostSequences(n);
    }

    private static void publish(AtomicCounter counter, long value) {
        if (counter != null) {
            counter.setRelease(value);
        }
    }

    /**
     * The run ends with a gap still open: what is still missing is lost, and the messages held behind the gap are
     * never delivered (counted as such). Call once the input is over and nothing more can fill it.
     */
    public void abandonAtStop() {
        if (gapOpen()) {
            lost(highestKnown - nextExpected - bufferedMessages);
            drops.add(DropReason.UNDELIVERED_AT_STOP, bufferedMessages);
            Arrays.fill(slotSequence, -1);
            bufferedMessages = 0;
            nextExpected = highestKnown;
        }
        awaitingFill = false;
        if (holding) {
            holding = false;
            drops.add(DropReason.UNDELIVERED_AT_STOP, heldCount == MoldPacket.END_OF_SESSION ? 0 : heldCount);
        }
    }

    public long nextExpected() {
        return nextExpected;
    }

    public boolean gapOpen() {
        return nextExpected < highestKnown;
    }

    /** A gap is waiting to be filled (re-request or another line), or a jump to be confirmed, and time will resolve it. */
    public boolean awaitingFill() {
        return awaitingFill || holding;
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

    /** Sequence numbers found missing (every gap's size, and messages that arrived but could not be buffered). */
    public long missing() {
        return missing;
    }

    /** Missing sequence numbers that arrived later and were delivered. */
    public long recovered() {
        return recovered;
    }

    /** Missing sequence numbers skipped for good: the feed lost them. */
    public long lost() {
        return lost;
    }

    /** Copies of messages already delivered (A/B lines, re-requests), dropped as expected. */
    public long duplicates() {
        return duplicates;
    }

    public long requests() {
        return requests;
    }

    /** Packets with bytes after their last message (delivered anyway). */
    public long trailingBytes() {
        return trailingBytes;
    }

    /** Messages this line skipped (sequence jumps on the line itself), whether or not another line had them. */
    public long lineLost(int line) {
        return lineLost[line];
    }

    public long linePackets(int line) {
        return linePackets[line];
    }
}
