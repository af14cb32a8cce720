package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>Enter Order</b> (inbound: client → venue), 49 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'O'
 *       1   14  Order Token
 *      15    1  Buy/Sell Indicator
 *      16    4  Shares
 *      20    8  Stock
 *      28    4  Price
 *      32    4  Time in Force
 *      36    4  Firm
 *      40    1  Display
 *      41    1  Capacity
 *      42    1  Intermarket Sweep Eligibility
 *      43    4  Minimum Quantity
 *      47    1  Cross Type
 *      48    1  Customer Type
 * </pre>
 */
public final class EnterOrder extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'O';
    public static final int LENGTH = 49;

    public static final int ORDER_TOKEN_OFFSET = 1;
    public static final int BUY_SELL_INDICATOR_OFFSET = 15;
    public static final int SHARES_OFFSET = 16;
    public static final int STOCK_OFFSET = 20;
    public static final int PRICE_OFFSET = 28;
    public static final int TIME_IN_FORCE_OFFSET = 32;
    public static final int FIRM_OFFSET = 36;
    public static final int DISPLAY_OFFSET = 40;
    public static final int CAPACITY_OFFSET = 41;
    public static final int INTERMARKET_SWEEP_ELIGIBILITY_OFFSET = 42;
    public static final int MINIMUM_QUANTITY_OFFSET = 43;
    public static final int CROSS_TYPE_OFFSET = 47;
    public static final int CUSTOMER_TYPE_OFFSET = 48;

    @Override
    public int length() {
        return LENGTH;
    }

    public EnterOrder wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public EnterOrder wrapForEncode(MemorySegment segment, long offset) {
        set(segment, offset);
        putByte(0, MESSAGE_TYPE);
        return this;
    }

    /** Copies the 14-byte Order Token into {@code dst[0..14)}. */
    public void copyOrderToken(byte[] dst) {
        getBytes(ORDER_TOKEN_OFFSET, dst, OuchTypes.TOKEN_LENGTH);
    }

    public boolean orderTokenEquals(byte[] token) {
        return bytesEqual(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
    }

    public EnterOrder orderToken(byte[] token) {
        putBytes(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }

    public byte buySellIndicator() {
        return getByte(BUY_SELL_INDICATOR_OFFSET);
    }

    public EnterOrder buySellIndicator(byte value) {
        putByte(BUY_SELL_INDICATOR_OFFSET, value);
        return this;
    }

    public int shares() {
        return getInt(SHARES_OFFSET);
    }

    public EnterOrder shares(int value) {
        putInt(SHARES_OFFSET, value);
        return this;
    }

    /** 8 ASCII bytes, space-padded, as one big-endian long. */
    public long stock() {
        return getLong(STOCK_OFFSET);
    }

    public EnterOrder stock(long value) {
        putLong(STOCK_OFFSET, value);
        return this;
    }

    /** Price, 4 implied decimals ($12.34 = 123400). */
    public int price() {
        return getInt(PRICE_OFFSET);
    }

    public EnterOrder price(int value) {
        putInt(PRICE_OFFSET, value);
        return this;
    }

    public int timeInForce() {
        return getInt(TIME_IN_FORCE_OFFSET);
    }

    public EnterOrder timeInForce(int value) {
        putInt(TIME_IN_FORCE_OFFSET, value);
        return this;
    }

    /** 4 ASCII bytes as one big-endian int. */
    public int firm() {
        return getInt(FIRM_OFFSET);
    }

    public EnterOrder firm(int value) {
        putInt(FIRM_OFFSET, value);
        return this;
    }

    public byte display() {
        return getByte(DISPLAY_OFFSET);
    }

    public EnterOrder display(byte value) {
        putByte(DISPLAY_OFFSET, value);
        return this;
    }

    public byte capacity() {
        return getByte(CAPACITY_OFFSET);
    }

    public EnterOrder capacity(byte value) {
        putByte(CAPACITY_OFFSET, value);
        return this;
    }

    public byte intermarketSweepEligibility() {
        return getByte(INTERMARKET_SWEEP_ELIGIBILITY_OFFSET);
    }

    public EnterOrder intermarketSweepEligibility(byte value) {
        putByte(INTERMARKET_SWEEP_ELIGIBILITY_OFFSET, value);
        return this;
    }

    public int minimumQuantity() {
        return getInt(MINIMUM_QUANTITY_OFFSET);
    }

    public EnterOrder minimumQuantity(int value) {
        putInt(MINIMUM_QUANTITY_OFFSET, value);
        return this;
    }

    public byte crossType() {
        return getByte(CROSS_TYPE_OFFSET);
    }

    public EnterOrder crossType(byte value) {
        putByte(CROSS_TYPE_OFFSET, value);
        return this;
    }

    public byte customerType() {
        return getByte(CUSTOMER_TYPE_OFFSET);
    }

    public EnterOrder customerType(byte value) {
        putByte(CUSTOMER_TYPE_OFFSET, value);
        return this;
    }
}
