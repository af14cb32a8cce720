package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>Cancel Reject</b> (outbound: venue → client), 23 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'I'
 *       1    8  Timestamp
 *       9   14  Order Token
 * </pre>
 */
public final class CancelReject extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'I';
    public static final int LENGTH = 23;

    public static final int TIMESTAMP_OFFSET = 1;
    public static final int ORDER_TOKEN_OFFSET = 9;

    @Override
    public int length() {
        return LENGTH;
    }

    public CancelReject wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public CancelReject wrapForEncode(MemorySegment segment, long offset) {
        set(segment, offset);
        putByte(0, MESSAGE_TYPE);
        return this;
    }

    /** Nanoseconds since midnight. */
    public long timestamp() {
        return getLong(TIMESTAMP_OFFSET);
    }

    public CancelReject timestamp(long value) {
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

    public CancelReject orderToken(byte[] token) {
        putBytes(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }
}
