package dev.hft.wire.itch;

/**
 * ITCH 5.0 Stock Directory ({@code 'R'}, 39 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'R', stock locate, tracking number, timestamp
 *     11      8 stock (Alpha)
 *     19      1 market category (Alpha)
 *     20      1 financial status indicator (Alpha)
 *     21      4 round lot size (Integer)
 *     25      1 round lots only (Alpha)
 *     26      1 issue classification (Alpha)
 *     27      2 issue sub-type (Alpha)
 *     29      1 authenticity (Alpha)
 *     30      1 short sale threshold indicator (Alpha)
 *     31      1 IPO flag (Alpha)
 *     32      1 LULD reference price tier (Alpha)
 *     33      1 ETP flag (Alpha)
 *     34      4 ETP leverage factor (Integer)
 *     38      1 inverse indicator (Alpha)
 *     39        total
 * </pre>
 */
public final class StockDirectory extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'R';
    public static final int LENGTH = 39;

    public static final int STOCK_OFFSET = 11;
    public static final int MARKET_CATEGORY_OFFSET = 19;
    public static final int FINANCIAL_STATUS_INDICATOR_OFFSET = 20;
    public static final int ROUND_LOT_SIZE_OFFSET = 21;
    public static final int ROUND_LOTS_ONLY_OFFSET = 25;
    public static final int ISSUE_CLASSIFICATION_OFFSET = 26;
    public static final int ISSUE_SUB_TYPE_OFFSET = 27;
    public static final int AUTHENTICITY_OFFSET = 29;
    public static final int SHORT_SALE_THRESHOLD_INDICATOR_OFFSET = 30;
    public static final int IPO_FLAG_OFFSET = 31;
    public static final int LULD_REFERENCE_PRICE_TIER_OFFSET = 32;
    public static final int ETP_FLAG_OFFSET = 33;
    public static final int ETP_LEVERAGE_FACTOR_OFFSET = 34;
    public static final int INVERSE_INDICATOR_OFFSET = 38;

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    public byte marketCategory() {
        return byte8(MARKET_CATEGORY_OFFSET);
    }

    public byte financialStatusIndicator() {
        return byte8(FINANCIAL_STATUS_INDICATOR_OFFSET);
    }

    public long roundLotSize() {
        return uint32(ROUND_LOT_SIZE_OFFSET);
    }

    public byte roundLotsOnly() {
        return byte8(ROUND_LOTS_ONLY_OFFSET);
    }

    public byte issueClassification() {
        return byte8(ISSUE_CLASSIFICATION_OFFSET);
    }

    /** Alpha(2), packed big-endian; see {@link ItchAlpha}. */
    public short issueSubType() {
        return short16(ISSUE_SUB_TYPE_OFFSET);
    }

    public byte authenticity() {
        return byte8(AUTHENTICITY_OFFSET);
    }

    public byte shortSaleThresholdIndicator() {
        return byte8(SHORT_SALE_THRESHOLD_INDICATOR_OFFSET);
    }

    public byte ipoFlag() {
        return byte8(IPO_FLAG_OFFSET);
    }

    public byte luldReferencePriceTier() {
        return byte8(LULD_REFERENCE_PRICE_TIER_OFFSET);
    }

    public byte etpFlag() {
        return byte8(ETP_FLAG_OFFSET);
    }

    public long etpLeverageFactor() {
        return uint32(ETP_LEVERAGE_FACTOR_OFFSET);
    }

    public byte inverseIndicator() {
        return byte8(INVERSE_INDICATOR_OFFSET);
    }
}
