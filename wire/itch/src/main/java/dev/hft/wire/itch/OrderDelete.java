package dev.hft.wire.itch;

/**
 * ITCH 5.0 Order Delete ({@code 'D'}, 19 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'D', stock locate, tracking number, timestamp
 *     11      8 order reference number (Integer)
 *     19        total
 * </pre>
 */
public final class OrderDelete extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'D';
    public static final int LENGTH = 19;

    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;

    public long orderReferenceNumber() {
        return int64(ORDER_REFERENCE_NUMBER_OFFSET);
    }
}
