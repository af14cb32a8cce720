package dev.hft.wire.itch;

/**
 * ITCH 5.0 Stock Trading Action ({@code 'H'}, 25 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'H', stock locate, tracking number, timestamp
 *     11      8 stock (Alpha)
 *     19      1 trading state (Alpha)
 *     20      1 reserved (Alpha)
 *     21      4 reason (Alpha)
 *     25        total
 * </pre>
 */
public final class StockTradingAction extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'H';
    public static final int LENGTH = 25;

    public static final int STOCK_OFFSET = 11;
    public static final int TRADING_STATE_OFFSET = 19;
    public static final int RESERVED_OFFSET = 20;
    public static final int REASON_OFFSET = 21;

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    public byte tradingState() {
        return byte8(TRADING_STATE_OFFSET);
    }

    public byte reserved() {
        return byte8(RESERVED_OFFSET);
    }

    /** Alpha(4), packed big-endian; see {@link ItchAlpha}. */
    public int reason() {
        return int32(REASON_OFFSET);
    }
}
