package dev.hft.wire.itch;

/**
 * ITCH 5.0 Order Cancel ({@code 'X'}, 23 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'X', stock locate, tracking number, timestamp
 *     11      8 order reference number (Integer)
 *     19      4 cancelled shares (Integer)
 *     23        total
 * </pre>
 */
public final class OrderCancel extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'X';
    public static final int LENGTH = 23;

    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;
    public static final int CANCELLED_SHARES_OFFSET = 19;

    public long orderReferenceNumber() {
        return int64(ORDER_REFERENCE_NUMBER_OFFSET);
    }

    public long cancelledShares() {
        return uint32(CANCELLED_SHARES_OFFSET);
    }
}
