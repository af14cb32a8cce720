package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>Order Accepted</b> (outbound: venue → client), 66 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'A'
 *       1    8  Timestamp
 *       9   14  Order Token
 *      23    1  Buy/Sell Indicator
 *      24    4  Shares
 *      28    8  Stock
 *      36    4  Price
 *      40    4  Time in Force
 *      44    4  Firm
 *      48    1  Display
 *      49    8  Order Reference Number
 *      57    1  Capacity
 *      58    1  Intermarket Sweep Eligibility
 *      59    4  Minimum Quantity
 *      63    1  Cross Type
 *      64    1  Order State
 *      65    1  BBO Weight Indicator
 * </pre>
 */
public final class OrderAccepted extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'A';
    public static final int LENGTH = 66;

    public static final int TIMESTAMP_OFFSET = 1;
    public static final int ORDER_TOKEN_OFFSET = 9;
    public static final int BUY_SELL_INDICATOR_OFFSET = 23;
    public static final int SHARES_OFFSET = 24;
    public static final int STOCK_OFFSET = 28;
    public static final int PRICE_OFFSET = 36;
    public static final int TIME_IN_FORCE_OFFSET = 40;
    public static final int FIRM_OFFSET = 44;
    public static final int DISPLAY_OFFSET = 48;
    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 49;
    public static final int CAPACITY_OFFSET = 57;
    public static final int INTERMARKET_SWEEP_ELIGIBILITY_OFFSET = 58;
    public static final int MINIMUM_QUANTITY_OFFSET = 59;
    public static final int CROSS_TYPE_OFFSET = 63;
    public static final int ORDER_STATE_OFFSET = 64;
    public static final int BBO_WEIGHT_INDICATOR_OFFSET = 65;

    @Override
    public int length() {
        return LENGTH;
    }

    public OrderAccepted wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public OrderAccepted wrapForEncode(MemorySegment segment, long offset) {
        set(segment, offset);
        putByte(0, MESSAGE_TYPE);
        return this;
    }

    /** Nanoseconds since midnight. */
    public long timestamp() {
        return getLong(TIMESTAMP_OFFSET);
    }

    public OrderAccepted timestamp(long value) {
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

    public OrderAccepted orderToken(byte[] token) {
        putBytes(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }

    public byte buySellIndicator() {
        return getByte(BUY_SELL_INDICATOR_OFFSET);
    }

    public OrderAccepted buySellIndicator(byte value) {
        putByte(BUY_SELL_INDICATOR_OFFSET, value);
        return this;
    }

    public int shares() {
        return getInt(SHARES_OFFSET);
    }

    public OrderAccepted shares(int value) {
        putInt(SHARES_OFFSET, value);
        return this;
    }

    /** 8 ASCII bytes, space-padded, as one big-endian long. */
    public long stock() {
        return getLong(STOCK_OFFSET);
    }

    public OrderAccepted stock(long value) {
        putLong(STOCK_OFFSET, value);
        return this;
    }

    /** Price, 4 implied decimals ($12.34 = 123400). */
    public int price() {
        return getInt(PRICE_OFFSET);
    }

    public OrderAccepted price(int value) {
        putInt(PRICE_OFFSET, value);
        return this;
    }

    public int timeInForce() {
        return getInt(TIME_IN_FORCE_OFFSET);
    }

    public OrderAccepted timeInForce(int value) {
        putInt(TIME_IN_FORCE_OFFSET, value);
        return this;
    }

    /** 4 ASCII bytes as one big-endian int. */
    public int firm() {
        return getInt(FIRM_OFFSET);
    }

    public OrderAccepted firm(int value) {
        putInt(FIRM_OFFSET, value);
        return this;
    }

    public byte display() {
        return getByte(DISPLAY_OFFSET);
    }

    public OrderAccepted display(byte value) {
        putByte(DISPLAY_OFFSET, value);
        return this;
    }

    public long orderReferenceNumber() {
        return getLong(ORDER_REFERENCE_NUMBER_OFFSET);
    }

    public OrderAccepted orderReferenceNumber(long value) {
        putLong(ORDER_REFERENCE_NUMBER_OFFSET, value);
        return this;
    }

    public byte capacity() {
        return getByte(CAPACITY_OFFSET);
    }

    public OrderAccepted capacity(byte value) {
        putByte(CAPACITY_OFFSET, value);
        return this;
    }

    public byte intermarketSweepEligibility() {
        return getByte(INTERMARKET_SWEEP_ELIGIBILITY_OFFSET);
    }

    public OrderAccepted intermarketSweepEligibility(byte value) {
        putByte(INTERMARKET_SWEEP_ELIGIBILITY_OFFSET, value);
        return this;
    }

    public int minimumQuantity() {
        return getInt(MINIMUM_QUANTITY_OFFSET);
    }

    public OrderAccepted minimumQuantity(int value) {
        putInt(MINIMUM_QUANTITY_OFFSET, value);
        return this;
    }

    public byte crossType() {
        return getByte(CROSS_TYPE_OFFSET);
    }

    public OrderAccepted crossType(byte value) {
        putByte(CROSS_TYPE_OFFSET, value);
        return this;
    }

    public byte orderState() {
        return getByte(ORDER_STATE_OFFSET);
    }

    public OrderAccepted orderState(byte value) {
        putByte(ORDER_STATE_OFFSET, value);
        return this;
    }

    public byte bboWeightIndicator() {
        return getByte(BBO_WEIGHT_INDICATOR_OFFSET);
    }

    public OrderAccepted bboWeightIndicator(byte value) {
        putByte(BBO_WEIGHT_INDICATOR_OFFSET, value);
        return this;
    }
}
