package dev.hft.wire.itch;

/**
 * ITCH 5.0 IPO Quoting Period Update ({@code 'K'}, 28 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'K', stock locate, tracking number, timestamp
 *     11      8 stock (Alpha)
 *     19      4 IPO quotation release time (Integer)
 *     23      1 IPO quotation release qualifier (Alpha)
 *     24      4 IPO price (Price(4))
 *     28        total
 * </pre>
 */
public final class IpoQuotingPeriodUpdate extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'K';
    public static final int LENGTH = 28;

    public static final int STOCK_OFFSET = 11;
    public static final int IPO_QUOTATION_RELEASE_TIME_OFFSET = 19;
    public static final int IPO_QUOTATION_RELEASE_QUALIFIER_OFFSET = 23;
    public static final int IPO_PRICE_OFFSET = 24;

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    /** Seconds since midnight. */
    public long ipoQuotationReleaseTime() {
        return uint32(IPO_QUOTATION_RELEASE_TIME_OFFSET);
    }

    public byte ipoQuotationReleaseQualifier() {
        return byte8(IPO_QUOTATION_RELEASE_QUALIFIER_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int ipoPrice() {
        return int32(IPO_PRICE_OFFSET);
    }
}
