package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>AIQ Canceled</b> (outbound: venue → client), 37 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'D'
 *       1    8  Timestamp
 *       9   14  Order Token
 *      23    4  Decrement Shares
 *      27    1  Reason
 *      28    4  Quantity Prevented from Trading
 *      32    4  Execution Price
 *      36    1  Liquidity Flag
 * </pre>
 */
public final class AiqCanceled extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'D';
    public static final int LENGTH = 37;

    public static final int TIMESTAMP_OFFSET = 1;
    public static final int ORDER_TOKEN_OFFSET = 9;
    public static final int DECREMENT_SHARES_OFFSET = 23;
    public static final int REASON_OFFSET = 27;
    public static final int QUANTITY_PREVENTED_FROM_TRADING_OFFSET = 28;
    public static final int EXECUTION_PRICE_OFFSET = 32;
    public static final int LIQUIDITY_FLAG_OFFSET = 36;

    @Override
    public int length() {
        return LENGTH;
    }

    public AiqCanceled wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public AiqCanceled wrapForEncode(MemorySegment segment, long offset) {
        set(segment, offset);
        putByte(0, MESSAGE_TYPE);
        return this;
    }

    /** Nanoseconds since midnight. */
    public long timestamp() {
        return getLong(TIMESTAMP_OFFSET);
    }

    public AiqCanceled timestamp(long value) {
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

    public AiqCanceled orderToken(byte[] token) {
        putBytes(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }

    public int decrementShares() {
        return getInt(DECREMENT_SHARES_OFFSET);
    }

    public AiqCanceled decrementShares(int value) {
        putInt(DECREMENT_SHARES_OFFSET, value);
        return this;
    }

    public byte reason() {
        return getByte(REASON_OFFSET);
    }

    public AiqCanceled reason(byte value) {
        putByte(REASON_OFFSET, value);
        return this;
    }

    public int quantityPreventedFromTrading() {
        return getInt(QUANTITY_PREVENTED_FROM_TRADING_OFFSET);
    }

    public AiqCanceled quantityPreventedFromTrading(int value) {
        putInt(QUANTITY_PREVENTED_FROM_TRADING_OFFSET, value);
        return this;
    }

    /** Price, 4 implied decimals ($12.34 = 123400). */
    public int executionPrice() {
        return getInt(EXECUTION_PRICE_OFFSET);
    }

    public AiqCanceled executionPrice(int value) {
        putInt(EXECUTION_PRICE_OFFSET, value);
        return this;
    }

    public byte liquidityFlag() {
        return getByte(LIQUIDITY_FLAG_OFFSET);
    }

    public AiqCanceled liquidityFlag(byte value) {
        putByte(LIQUIDITY_FLAG_OFFSET, value);
        return this;
    }
}
