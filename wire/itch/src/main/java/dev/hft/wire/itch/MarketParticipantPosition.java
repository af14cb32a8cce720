package dev.hft.wire.itch;

/**
 * ITCH 5.0 Market Participant Position ({@code 'L'}, 26 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'L', stock locate, tracking number, timestamp
 *     11      4 MPID (Alpha)
 *     15      8 stock (Alpha)
 *     23      1 primary market maker (Alpha)
 *     24      1 market maker mode (Alpha)
 *     25      1 market participant state (Alpha)
 *     26        total
 * </pre>
 */
public final class MarketParticipantPosition extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'L';
    public static final int LENGTH = 26;

    public static final int MPID_OFFSET = 11;
    public static final int STOCK_OFFSET = 15;
    public static final int PRIMARY_MARKET_MAKER_OFFSET = 23;
    public static final int MARKET_MAKER_MODE_OFFSET = 24;
    public static final int MARKET_PARTICIPANT_STATE_OFFSET = 25;

    /** Alpha(4), packed big-endian; see {@link ItchAlpha}. */
    public int mpid() {
        return int32(MPID_OFFSET);
    }

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    public byte primaryMarketMaker() {
        return byte8(PRIMARY_MARKET_MAKER_OFFSET);
    }

    public byte marketMakerMode() {
        return byte8(MARKET_MAKER_MODE_OFFSET);
    }

    public byte marketParticipantState() {
        return byte8(MARKET_PARTICIPANT_STATE_OFFSET);
    }
}
