package dev.hft.wire.itch;

/**
 * ITCH 5.0 Retail Price Improvement Indicator (RPII) ({@code 'N'}, 20 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'N', stock locate, tracking number, timestamp
 *     11      8 stock (Alpha)
 *     19      1 interest flag (Alpha)
 *     20        total
 * </pre>
 */
public final class RetailPriceImprovementIndicator extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'N';
    public static final int LENGTH = 20;

    public static final int STOCK_OFFSET = 11;
    public static final int INTEREST_FLAG_OFFSET = 19;

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    public byte interestFlag() {
        return byte8(INTEREST_FLAG_OFFSET);
    }
}
