package dev.hft.wire.itch;

/**
 * ITCH 5.0 Order Executed ({@code 'E'}, 31 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'E', stock locate, tracking number, timestamp
 *     11      8 order reference number (Integer)
 *     19      4 executed shares (Integer)
 *     23      8 match number (Integer)
 *     31        total
 * </pre>
 */
public final class OrderExecuted extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'E';
    public static final int LENGTH = 31;

    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;
    public static final int EXECUTED_SHARES_OFFSET = 19;
    public static final int MATCH_NUMBER_OFFSET = 23;

    public long orderReferenceNumber() {
        return int64(ORDER_REFERENCE_NUMBER_OFFSET);
    }

    public long executedShares() {
        return uint32(EXECUTED_SHARES_OFFSET);
    }

    public long matchNumber() {
        return int64(MATCH_NUMBER_OFFSET);
    }
}
