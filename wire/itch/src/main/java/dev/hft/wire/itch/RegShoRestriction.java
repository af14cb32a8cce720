package dev.hft.wire.itch;

/**
 * ITCH 5.0 Reg SHO Short Sale Price Test Restricted Indicator ({@code 'Y'}, 20 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'Y', stock locate, tracking number, timestamp
 *     11      8 stock (Alpha)
 *     19      1 Reg SHO action (Alpha)
 *     20        total
 * </pre>
 */
public final class RegShoRestriction extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'Y';
    public static final int LENGTH = 20;

    public static final int STOCK_OFFSET = 11;
    public static final int REG_SHO_ACTION_OFFSET = 19;

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    public byte regShoAction() {
        return byte8(REG_SHO_ACTION_OFFSET);
    }
}
