package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>Replace Order</b> (inbound: client → venue), 47 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'U'
 *       1   14  Existing Order Token
 *      15   14  Replacement Order Token
 *      29    4  Shares
 *      33    4  Price
 *      37    4  Time in Force
 *      41    1  Display
 *      42    1  Intermarket Sweep Eligibility
 *      43    4  Minimum Quantity
 * </pre>
 */
public final class ReplaceOrder extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'U';
    public static final int LENGTH = 47;

    public static final int EXISTING_ORDER_TOKEN_OFFSET = 1;
    public static final int REPLACEMENT_ORDER_TOKEN_OFFSET = 15;
    public static final int SHARES_OFFSET = 29;
    public static final int PRICE_OFFSET = 33;
    public static final int TIME_IN_FORCE_OFFSET = 37;
    public static final int DISPLAY_OFFSET = 41;
    public static final int INTERMARKET_SWEEP_ELIGIBILITY_OFFSET = 42;
    public static final int MINIMUM_QUANTITY_OFFSET = 43;

    @Override
    public int length() {
        return LENGTH;
    }

    public ReplaceOrder wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public ReplaceOrder wrapForEncode(MemorySegment segment, long offset) {
        set(segment, offset);
        putByte(0, MESSAGE_TYPE);
        return this;
    }

    /** Copies the 14-byte Existing Order Token into {@code dst[0..14)}. */
    public void copyExistingOrderToken(byte[] dst) {
        getBytes(EXISTING_ORDER_TOKEN_OFFSET, dst, OuchTypes.TOKEN_LENGTH);
    }

    public boolean existingOrderTokenEquals(byte[] token) {
        return bytesEqual(EXISTING_ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
    }

    public ReplaceOrder existingOrderToken(byte[] token) {
        putBytes(EXISTING_ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }

    /** Copies the 14-byte Replacement Order Token into {@code dst[0..14)}. */
    public void copyReplacementOrderToken(byte[] dst) {
        getBytes(REPLACEMENT_ORDER_TOKEN_OFFSET, dst, OuchTypes.TOKEN_LENGTH);
    }

    public boolean replacementOrderTokenEquals(byte[] token) {
        return bytesEqual(REPLACEMENT_ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
    }

    public ReplaceOrder replacementOrderToken(byte[] token) {
        putBytes(REPLACEMENT_ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }

    public int shares() {
        return getInt(SHARES_OFFSET);
    }

    public ReplaceOrder shares(int value) {
        putInt(SHARES_OFFSET, value);
        return this;
    }

    /** Price, 4 implied decimals ($12.34 = 123400). */
    public int price() {
        return getInt(PRICE_OFFSET);
    }

    public ReplaceOrder price(int value) {
        putInt(PRICE_OFFSET, value);
        return this;
    }

    public int timeInForce() {
        return getInt(TIME_IN_FORCE_OFFSET);
    }

    public ReplaceOrder timeInForce(int value) {
        putInt(TIME_IN_FORCE_OFFSET, value);
        return this;
    }

    public byte display() {
        return getByte(DISPLAY_OFFSET);
    }

    public ReplaceOrder display(byte value) {
        putByte(DISPLAY_OFFSET, value);
        return this;
    }

    public byte intermarketSweepEligibility() {
        return getByte(INTERMARKET_SWEEP_ELIGIBILITY_OFFSET);
    }

    public ReplaceOrder intermarketSweepEligibility(byte value) {
        putByte(INTERMARKET_SWEEP_ELIGIBILITY_OFFSET, value);
        return this;
    }

    public int minimumQuantity() {
        return getInt(MINIMUM_QUANTITY_OFFSET);
    }

    public ReplaceOrder minimumQuantity(int value) {
        putInt(MINIMUM_QUANTITY_OFFSET, value);
        return this;
    }
}
