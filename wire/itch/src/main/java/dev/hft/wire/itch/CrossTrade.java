package dev.hft.wire.itch;

/**
 * ITCH 5.0 Cross Trade ({@code 'Q'}, 40 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'Q', stock locate, tracking number, timestamp
 *     11      8 shares (Integer)
 *     19      8 stock (Alpha)
 *     27      4 cross price (Price(4))
 *     31      8 match number (Integer)
 *     39      1 cross type (Alpha)
 *     40        total
 * </pre>
 */
public final class CrossTrade extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'Q';
    public static final int LENGTH = 40;

    public static final int SHARES_OFFSET = 11;
    public static final int STOCK_OFFSET = 19;
    public static final int CROSS_PRICE_OFFSET = 27;
    public static final int MATCH_NUMBER_OFFSET = 31;
    public static final int CROSS_TYPE_OFFSET = 39;

    public long shares() {
        return int64(SHARES_OFFSET);
    }

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int crossPrice() {
        return int32(CROSS_PRICE_OFFSET);
    }

    public long matchNumber() {
        return int64(MATCH_NUMBER_OFFSET);
    }

    public byte crossType() {
        return byte8(CROSS_TYPE_OFFSET);
    }
}
