package dev.hft.wire.itch;

/**
 * ITCH 5.0 MWCB Decline Level ({@code 'V'}, 35 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'V', stock locate, tracking number, timestamp
 *     11      8 level 1 (Price(8))
 *     19      8 level 2 (Price(8))
 *     27      8 level 3 (Price(8))
 *     35        total
 * </pre>
 */
public final class MwcbDeclineLevel extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'V';
    public static final int LENGTH = 35;

    public static final int LEVEL1_OFFSET = 11;
    public static final int LEVEL2_OFFSET = 19;
    public static final int LEVEL3_OFFSET = 27;

    /** Price(8): raw, 8 implied decimals. */
    public long level1() {
        return int64(LEVEL1_OFFSET);
    }

    /** Price(8): raw, 8 implied decimals. */
    public long level2() {
        return int64(LEVEL2_OFFSET);
    }

    /** Price(8): raw, 8 implied decimals. */
    public long level3() {
        return int64(LEVEL3_OFFSET);
    }
}
