package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Base of the OUCH 4.2 message flyweights: a reusable view over {@link #length()} bytes of a
 * {@link MemorySegment}, fields big-endian at fixed offsets from the message-type byte. A flyweight does not
 * check lengths itself: the decoders check the whole message length before wrapping, and the segment's own
 * bounds check catches an encoder wrapped too close to the end.
 */
public abstract sealed class OuchFlyweight permits EnterOrder, ReplaceOrder, CancelOrder, ModifyOrder, SystemEvent,
        OrderAccepted, OrderReplaced, OrderCanceled, AiqCanceled, OrderExecuted, BrokenTrade, OrderRejected,
        CancelPending, CancelReject, OrderPriorityUpdate, OrderModified {

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private MemorySegment segment = MemorySegment.NULL;
    private long offset;

    /** The fixed length of this message in bytes, type byte included. */
    public abstract int length();

    public final MemorySegment segment() {
        return segment;
    }

    public final long offset() {
        return offset;
    }

    public final byte messageType() {
        return getByte(0);
    }

    final void set(MemorySegment segment, long offset) {
        this.segment = segment;
        this.offset = offset;
    }

    final byte getByte(int at) {
        return segment.get(ValueLayout.JAVA_BYTE, offset + at);
    }

    final void putByte(int at, byte value) {
        segment.set(ValueLayout.JAVA_BYTE, offset + at, value);
    }

    final int getInt(int at) {
        return segment.get(INT, offset + at);
    }

    final void putInt(int at, int value) {
        segment.set(INT, offset + at, value);
    }

    final long getLong(int at) {
        return segment.get(LONG, offset + at);
    }

    final void putLong(int at, long value) {
        segment.set(LONG, offset + at, value);
    }

    final void getBytes(int at, byte[] dst, int length) {
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset + at, dst, 0, length);
    }

    final void putBytes(int at, byte[] src, int length) {
        MemorySegment.copy(src, 0, segment, ValueLayout.JAVA_BYTE, offset + at, length);
    }

    final boolean bytesEqual(int at, byte[] expected, int length) {
        for (int i = 0; i < length; i++) {
            if (segment.get(ValueLayout.JAVA_BYTE, offset + at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
