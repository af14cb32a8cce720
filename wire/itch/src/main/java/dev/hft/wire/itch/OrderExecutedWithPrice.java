package dev.hft.wire.itch;

/**
 * ITCH 5.0 Order Executed With Price ({@code 'C'}, 36 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'C', stock locate, tracking number, timestamp
 *     11      8 order reference number (Integer)
 *     19      4 executed shares (Integer)
 *     23      8 match number (Integer)
 *     31      1 printable (Alpha)
 *     32      4 execution price (Price(4))
 *     36        total
 * </pre>
 */
public final class OrderExecutedWithPrice extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'C';
    public static final int LENGTH = 36;

    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;
    public static final int EXECUTED_SHARES_OFFSET = 19;
    public static final int MATCH_NUMBER_OFFSET = 23;
    public static final int PRINTABLE_OFFSET = 31;
    public static final int EXECUTION_PRICE_OFFSET = 32;

    public long orderReferenceNumber() {
        return int64(ORDER_REFERENCE_NUMBER_OFFSET);
    }

    public long executedShares() {
        return uint32(EXECUTED_SHARES_OFFSET);
    }

    public long matchNumber() {
        return int64(MATCH_NUMBER_OFFSET);
    }

    public byte printable() {
        return byte8(PRINTABLE_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int executionPrice() {
        return int32(EXECUTION_PRICE_OFFSET);
    }
}
