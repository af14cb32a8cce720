package dev.hft.wire.itch;

/**
 * ITCH 5.0 Add Order (no MPID attribution) ({@code 'A'}, 36 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'A', stock locate, tracking number, timestamp
 *     11      8 order reference number (Integer)
 *     19      1 buy/sell indicator (Alpha)
 *     20      4 shares (Integer)
 *     24      8 stock (Alpha)
 *     32      4 price (Price(4))
 *     36        total
 * </pre>
 */
public final class AddOrder extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'A';
    public static final int LENGTH = 36;

    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;
    public static final int BUY_SELL_INDICATOR_OFFSET = 19;
    public static final int SHARES_OFFSET = 20;
    public static final int STOCK_OFFSET = 24;
    public static final int PRICE_OFFSET = 32;

    public long orderReferenceNumber() {
        return int64(ORDER_REFERENCE_NUMBER_OFFSET);
    }

    public byte buySellIndicator() {
        return byte8(BUY_SELL_INDICATOR_OFFSET);
    }

    public long shares() {
        return uint32(SHARES_OFFSET);
    }

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int price() {
        return int32(PRICE_OFFSET);
    }
}
