package dev.hft.ingress.mold;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.net.PayloadHandler;

/**
 * Several MoldUDP64 sessions seen by one ingress stage (a multi-channel feed whose channels share an RX queue):
 * one preallocated {@link MoldReceiver} per session, up to a fixed bound, each keeping its own sequence state. A
 * packet goes to the receiver that adopted its session; a packet of a new session takes the next free receiver;
 * with none free it is dropped and counted ({@link DropReason#MOLD_SESSION_LIMIT}).
 * Allocation-free per packet: sessions are compared as two big-endian words.
 */
public final class MoldSessions implements PayloadHandler {

    private static final ValueLayout.OfLong HIGH = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort LOW = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private final MoldReceiver[] receivers;
    private final long[] high;
    private final short[] low;
    private final DropCounters drops;
    private int adopted;

    public MoldSessions(MoldReceiver[] receivers, DropCounters drops) {
        if (receivers.length < 1) {
            throw new IllegalArgumentException("at least one Mold session");
        }
        this.receivers = receivers.clone();
        this.high = new long[receivers.length];
        this.low = new short[receivers.length];
        this.drops = drops;
    }

    @Override
    public void onPayload(MemorySegment segment, long offset, int length, long receiveNanos, int line) {
        if (length < MoldPacket.HEADER_LENGTH) {
            drops.add(DropReason.MOLD_HEADER_TRUNCATED);
            return;
        }
        long h = segment.get(HIGH, offset + MoldPacket.SESSION_OFFSET);
        short l = segment.get(LOW, offset + MoldPacket.SESSION_OFFSET + 8);
        for (int i = 0; i < adopted; i++) {
            if (high[i] == h && low[i] == l) {
                receivers[i].onPayload(segment, offset, length, receiveNanos, line);
                return;
            }
        }
        if (adopted == receivers.length) {
            drops.add(DropReason.MOLD_SESSION_LIMIT);
            return;
        }
        high[adopted] = h;
        low[adopted] = l;
        receivers[adopted++].onPayload(segment, offset, length, receiveNanos, line);
    }

    /** Timers of every session; returns work done. */
    public int poll(long nowNanos) {
        int work = 0;
        for (MoldReceiver receiver : receivers) {
            work += receiver.poll(nowNanos);
        }
        return work;
    }

    /** Some session waits for a gap to be filled. */
    public boolean awaitingFill() {
        for (MoldReceiver receiver : receivers) {
            if (receiver.awaitingFill()) {
                return true;
            }
        }
        return false;
    }

    public int sessions() {
        return adopted;
    }

    public MoldReceiver receiver(int index) {
        return receivers[index];
    }

    /** Messages the receivers may release without a new packet (see {@link MoldReceiver#pendingMessages()}). */
    public int pendingMessages() {
        int n = 0;
        for (int i = 0; i < adopted; i++) {
            n += receivers[i].pendingMessages();
        }
        return n;
    }

    /** Confirms the packets held by every receiver (end of input); returns how many were released. */
    public int flush() {
        int n = 0;
        for (MoldReceiver receiver : receivers) {
            n += receiver.flush();
        }
        return n;
    }

    public void abandonAtStop() {
        for (MoldReceiver receiver : receivers) {
            receiver.abandonAtStop();
        }
    }
}
