package dev.hft.wire.itch;

/**
 * ITCH 5.0 Net Order Imbalance Indicator (NOII) ({@code 'I'}, 50 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'I', stock locate, tracking number, timestamp
 *     11      8 paired shares (Integer)
 *     19      8 imbalance shares (Integer)
 *     27      1 imbalance direction (Alpha)
 *     28      8 stock (Alpha)
 *     36      4 far price (Price(4))
 *     40      4 near price (Price(4))
 *     44      4 current reference price (Price(4))
 *     48      1 cross type (Alpha)
 *     49      1 price variation indicator (Alpha)
 *     50        total
 * </pre>
 */
public final class NetOrderImbalanceIndicator extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'I';
    public static final int LENGTH = 50;

    public static final int PAIRED_SHARES_OFFSET = 11;
    public static final int IMBALANCE_SHARES_OFFSET = 19;
    public static final int IMBALANCE_DIRECTION_OFFSET = 27;
    public static final int STOCK_OFFSET = 28;
    public static final int FAR_PRICE_OFFSET = 36;
    public static final int NEAR_PRICE_OFFSET = 40;
    public static final int CURRENT_REFERENCE_PRICE_OFFSET = 44;
    public static final int CROSS_TYPE_OFFSET = 48;
    public static final int PRICE_VARIATION_INDICATOR_OFFSET = 49;

    public long pairedShares() {
        return int64(PAIRED_SHARES_OFFSET);
    }

    public long imbalanceShares() {
        return int64(IMBALANCE_SHARES_OFFSET);
    }

    public byte imbalanceDirection() {
        return byte8(IMBALANCE_DIRECTION_OFFSET);
    }

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int farPrice() {
        return int32(FAR_PRICE_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int nearPrice() {
        return int32(NEAR_PRICE_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int currentReferencePrice() {
        return int32(CURRENT_REFERENCE_PRICE_OFFSET);
    }

    public byte crossType() {
        return byte8(CROSS_TYPE_OFFSET);
    }

    public byte priceVariationIndicator() {
        return byte8(PRICE_VARIATION_INDICATOR_OFFSET);
    }
}
