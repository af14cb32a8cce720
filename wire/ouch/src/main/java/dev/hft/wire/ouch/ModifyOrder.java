package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>Modify Order</b> (inbound: client → venue), 20 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'M'
 *       1   14  Order Token
 *      15    1  Buy/Sell Indicator
 *      16    4  Shares
 * </pre>
 */
public final class ModifyOrder extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'M';
    public static final int LENGTH = 20;

    public static final int ORDER_TOKEN_OFFSET = 1;
    public static final int BUY_SELL_INDICATOR_OFFSET = 15;
    public static final int SHARES_OFFSET = 16;

    @Override
    public int length() {
        return LENGTH;
    }

    public ModifyOrder wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public ModifyOrder wrapForEncode(MemorySegment segment, long offset) {
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

    public ModifyOrder orderToken(byte[] token) {
        putBytes(ORDER_TOKEN_OFFSET, token, OuchTypes.TOKEN_LENGTH);
        return this;
    }

    public byte buySellIndicator() {
        return getByte(BUY_SELL_INDICATOR_OFFSET);
    }

    public ModifyOrder buySellIndicator(byte value) {
        putByte(BUY_SELL_INDICATOR_OFFSET, value);
        return this;
    }

    public int shares() {
        return getInt(SHARES_OFFSET);
    }

    public ModifyOrder shares(int value) {
        putInt(SHARES_OFFSET, value);
        return this;
    }
}
