package dev.hft.wire.itch;

/**
 * ITCH 5.0 Direct Listing with Capital Raise Price Discovery ({@code 'O'}, 48 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'O', stock locate, tracking number, timestamp
 *     11      8 stock (Alpha)
 *     19      1 open eligibility status (Alpha)
 *     20      4 minimum allowable price (Price(4))
 *     24      4 maximum allowable price (Price(4))
 *     28      4 near execution price (Price(4))
 *     32      8 near execution time (Integer)
 *     40      4 lower price range collar (Price(4))
 *     44      4 upper price range collar (Price(4))
 *     48        total
 * </pre>
 */
public final class DirectListingWithCapitalRaisePriceDiscovery extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'O';
    public static final int LENGTH = 48;

    public static final int STOCK_OFFSET = 11;
    public static final int OPEN_ELIGIBILITY_STATUS_OFFSET = 19;
    public static final int MINIMUM_ALLOWABLE_PRICE_OFFSET = 20;
    public static final int MAXIMUM_ALLOWABLE_PRICE_OFFSET = 24;
    public static final int NEAR_EXECUTION_PRICE_OFFSET = 28;
    public static final int NEAR_EXECUTION_TIME_OFFSET = 32;
    public static final int LOWER_PRICE_RANGE_COLLAR_OFFSET = 40;
    public static final int UPPER_PRICE_RANGE_COLLAR_OFFSET = 44;

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    public byte openEligibilityStatus() {
        return byte8(OPEN_ELIGIBILITY_STATUS_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int minimumAllowablePrice() {
        return int32(MINIMUM_ALLOWABLE_PRICE_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int maximumAllowablePrice() {
        return int32(MAXIMUM_ALLOWABLE_PRICE_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int nearExecutionPrice() {
        return int32(NEAR_EXECUTION_PRICE_OFFSET);
    }

    /** Nanoseconds since midnight. */
    public long nearExecutionTime() {
        return int64(NEAR_EXECUTION_TIME_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int lowerPriceRangeCollar() {
        return int32(LOWER_PRICE_RANGE_COLLAR_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int upperPriceRangeCollar() {
        return int32(UPPER_PRICE_RANGE_COLLAR_OFFSET);
    }
}
