package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>Order Executed</b> (outbound: venue → client), 40 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'E'
 *       1    8  Timestamp
 *       9   14  Order Token
 *      23    4  Executed Shares
 *      27    4  Execution Price
 *      31    1  Liquidity Flag
 *      32    8  Match Number
 * </pre>
 */
public final class OrderExecuted extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'E';
    public static final int LENGTH = 40;

    public static final int TIMESTAMP_OFFSET = 1;
    public static final int ORDER_TOKEN_OFFSET = 9;
    public static final int EXECUTED_SHARES_OFFSET = 23;
    public static final int EXECUTION_PRICE_OFFSET = 27;
    public static final int LIQUIDITY_FLAG_OFFSET = 31;
    public static final int MATCH_NUMBER_OFFSET = 32;

    @Override
    public int length() {
        return LENGTH;
    }

    public OrderExecuted wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public OrderExecuted wrapForEncode(MemorySegment segment, long offset) {
        set(segment, offset);
        putByte(0, MESSAGE_TYPE);
        return this;
    }

    /** Nanoseconds since midnight. */
    public long timestamp() {
        return getLong(TIMESTAMP_OFFSET);
    }

    public OrderExecuted timestamp(long value) {
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

    public OrderExecuted orderToken(byte[] token) {
        putBytes(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }

    public int executedShares() {
        return getInt(EXECUTED_SHARES_OFFSET);
    }

    public OrderExecuted executedShares(int value) {
        putInt(EXECUTED_SHARES_OFFSET, value);
        return this;
    }

    /** Price, 4 implied decimals ($12.34 = 123400). */
    public int executionPrice() {
        return getInt(EXECUTION_PRICE_OFFSET);
    }

    public OrderExecuted executionPrice(int value) {
        putInt(EXECUTION_PRICE_OFFSET, value);
        return this;
    }

    public byte liquidityFlag() {
        return getByte(LIQUIDITY_FLAG_OFFSET);
    }

    public OrderExecuted liquidityFlag(byte value) {
        putByte(LIQUIDITY_FLAG_OFFSET, value);
        return this;
    }

    public long matchNumber() {
        return getLong(MATCH_NUMBER_OFFSET);
    }

    public OrderExecuted matchNumber(long value) {
        putLong(MATCH_NUMBER_OFFSET, value);
        return this;
    }
}
