package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>Order Modified</b> (outbound: venue → client), 28 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'M'
 *       1    8  Timestamp
 *       9   14  Order Token
 *      23    1  Buy/Sell Indicator
 *      24    4  Shares
 * </pre>
 */
public final class OrderModified extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'M';
    public static final int LENGTH = 28;

    public static final int TIMESTAMP_OFFSET = 1;
    public static final int ORDER_TOKEN_OFFSET = 9;
    public static final int BUY_SELL_INDICATOR_OFFSET = 23;
    public static final int SHARES_OFFSET = 24;

    @Override
    public int length() {
        return LENGTH;
    }

    public OrderModified wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public OrderModified wrapForEncode(MemorySegment segment, long offset) {
        set(segment, offset);
        putByte(0, MESSAGE_TYPE);
        return this;
    }

    /** Nanoseconds since midnight. */
    public long timestamp() {
        return getLong(TIMESTAMP_OFFSET);
    }

    public OrderModified timestamp(long value) {
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

    public OrderModified orderToken(byte[] token) {
        putBytes(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }

    public byte buySellIndicator() {
        return getByte(BUY_SELL_INDICATOR_OFFSET);
    }

    public OrderModified buySellIndicator(byte value) {
        putByte(BUY_SELL_INDICATOR_OFFSET, value);
        return this;
    }

    public int shares() {
        return getInt(SHARES_OFFSET);
    }

    public OrderModified shares(int value) {
        putInt(SHARES_OFFSET, value);
        return this;
    }
}
