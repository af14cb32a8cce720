package dev.hft.wire.itch;

/**
 * ITCH 5.0 Operational Halt ({@code 'h'}, 21 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'h', stock locate, tracking number, timestamp
 *     11      8 stock (Alpha)
 *     19      1 market code (Alpha)
 *     20      1 operational halt action (Alpha)
 *     21        total
 * </pre>
 */
public final class OperationalHalt extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'h';
    public static final int LENGTH = 21;

    public static final int STOCK_OFFSET = 11;
    public static final int MARKET_CODE_OFFSET = 19;
    public static final int OPERATIONAL_HALT_ACTION_OFFSET = 20;

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    public byte marketCode() {
        return byte8(MARKET_CODE_OFFSET);
    }

    public byte operationalHaltAction() {
        return byte8(OPERATIONAL_HALT_ACTION_OFFSET);
    }
}
