package dev.hft.wire.itch;

/**
 * ITCH 5.0 System Event ({@code 'S'}, 12 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'S', stock locate, tracking number, timestamp
 *     11      1 event code (Alpha)
 *     12        total
 * </pre>
 */
public final class SystemEvent extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'S';
    public static final int LENGTH = 12;

    public static final int EVENT_CODE_OFFSET = 11;

    public byte eventCode() {
        return byte8(EVENT_CODE_OFFSET);
    }
}
