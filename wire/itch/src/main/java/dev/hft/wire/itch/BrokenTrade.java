package dev.hft.wire.itch;

/**
 * ITCH 5.0 Broken Trade ({@code 'B'}, 19 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'B', stock locate, tracking number, timestamp
 *     11      8 match number (Integer)
 *     19        total
 * </pre>
 */
public final class BrokenTrade extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'B';
    public static final int LENGTH = 19;

    public static final int MATCH_NUMBER_OFFSET = 11;

    public long matchNumber() {
        return int64(MATCH_NUMBER_OFFSET);
    }
}
