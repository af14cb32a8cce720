package dev.hft.wire.itch;

/**
 * ITCH 5.0 MWCB Status ({@code 'W'}, 12 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'W', stock locate, tracking number, timestamp
 *     11      1 breached level (Alpha)
 *     12        total
 * </pre>
 */
public final class MwcbStatus extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'W';
    public static final int LENGTH = 12;

    public static final int BREACHED_LEVEL_OFFSET = 11;

    public byte breachedLevel() {
        return byte8(BREACHED_LEVEL_OFFSET);
    }
}
