package dev.hft.wire.itch;

/**
 * ITCH 5.0 Order Replace ({@code 'U'}, 35 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'U', stock locate, tracking number, timestamp
 *     11      8 original order reference number (Integer)
 *     19      8 new order reference number (Integer)
 *     27      4 shares (Integer)
 *     31      4 price (Price(4))
 *     35        total
 * </pre>
 */
public final class OrderReplace extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'U';
    public static final int LENGTH = 35;

    public static final int ORIGINAL_ORDER_REFERENCE_NUMBER_OFFSET = 11;
    public static final int NEW_ORDER_REFERENCE_NUMBER_OFFSET = 19;
    public static final int SHARES_OFFSET = 27;
    public static final int PRICE_OFFSET = 31;

    public long originalOrderReferenceNumber() {
        return int64(ORIGINAL_ORDER_REFERENCE_NUMBER_OFFSET);
    }

    public long newOrderReferenceNumber() {
        return int64(NEW_ORDER_REFERENCE_NUMBER_OFFSET);
    }

    public long shares() {
        return uint32(SHARES_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int price() {
        return int32(PRICE_OFFSET);
    }
}
