package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>Rejected</b> (outbound: venue → client), 24 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'J'
 *       1    8  Timestamp
 *       9   14  Order Token
 *      23    1  Reason
 * </pre>
 */
public final class OrderRejected extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'J';
    public static final int LENGTH = 24;

    public static final int TIMESTAMP_OFFSET = 1;
    public static final int ORDER_TOKEN_OFFSET = 9;
    public static final int REASON_OFFSET = 23;

    @Override
    public int length() {
        return LENGTH;
    }

    public OrderRejected wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public OrderRejected wrapForEncode(MemorySegment segment, long offset) {
        set(segment, offset);
        putByte(0, MESSAGE_TYPE);
        return this;
    }

    /** Nanoseconds since midnight. */
    public long timestamp() {
        return getLong(TIMESTAMP_OFFSET);
    }

    public OrderRejected timestamp(long value) {
        putLong(TIMESTAMP_OFFSET, value);
        return this;
    }

    /** Copies the 14-byte Order Token into {@code dst[0..14)}. */
    public void copyOrderToken(byte[] dst) {
        getBytes(ORDER_TOKEN_OFFSET, dst, OuchTypes.TOKEN_LENGTH);
    }

    public boolean orderTokenEquals(byte[] token) {
        return bytesEqual(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
    }

    public OrderRejected orderToken(byte[] token) {
        putBytes(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }

    public byte reason() {
        return getByte(REASON_OFFSET);
    }

    public OrderRejected reason(byte value) {
        putByte(REASON_OFFSET, value);
        return this;
    }
}
