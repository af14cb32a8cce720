package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>Order Priority Update</b> (outbound: venue → client), 36 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'T'
 *       1    8  Timestamp
 *       9   14  Order Token
 *      23    4  Price
 *      27    1  Display
 *      28    8  Order Reference Number
 * </pre>
 */
public final class OrderPriorityUpdate extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'T';
    public static final int LENGTH = 36;

    public static final int TIMESTAMP_OFFSET = 1;
    public static final int ORDER_TOKEN_OFFSET = 9;
    public static final int PRICE_OFFSET = 23;
    public static final int DISPLAY_OFFSET = 27;
    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 28;

    @Override
    public int length() {
        return LENGTH;
    }

    public OrderPriorityUpdate wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public OrderPriorityUpdate wrapForEncode(MemorySegment segment, long offset) {
        set(segment, offset);
        putByte(0, MESSAGE_TYPE);
        return this;
    }

    /** Nanoseconds since midnight. */
    public long timestamp() {
        return getLong(TIMESTAMP_OFFSET);
    }

    public OrderPriorityUpdate timestamp(long value) {
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

    public OrderPriorityUpdate orderToken(byte[] token) {
        putBytes(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }

    /** Price, 4 implied decimals ($12.34 = 123400). */
    public int price() {
        return getInt(PRICE_OFFSET);
    }

    public OrderPriorityUpdate price(int value) {
        putInt(PRICE_OFFSET, value);
        return this;
    }

    public byte display() {
        return getByte(DISPLAY_OFFSET);
    }

    public OrderPriorityUpdate display(byte value) {
        putByte(DISPLAY_OFFSET, value);
        return this;
    }

    public long orderReferenceNumber() {
        return getLong(ORDER_REFERENCE_NUMBER_OFFSET);
    }

    public OrderPriorityUpdate orderReferenceNumber(long value) {
        putLong(ORDER_REFERENCE_NUMBER_OFFSET, value);
        return this;
    }
}
