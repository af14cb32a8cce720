package dev.hft.wire.itch;

/**
 * ITCH 5.0 LULD Auction Collar ({@code 'J'}, 35 bytes).
 *
 * <pre>
 * offset length field
 *      0     11 header: type 'J', stock locate, tracking number, timestamp
 *     11      8 stock (Alpha)
 *     19      4 auction collar reference price (Price(4))
 *     23      4 upper auction collar price (Price(4))
 *     27      4 lower auction collar price (Price(4))
 *     31      4 auction collar extension (Integer)
 *     35        total
 * </pre>
 */
public final class LuldAuctionCollar extends ItchMessage {

    public static final byte MESSAGE_TYPE = 'J';
    public static final int LENGTH = 35;

    public static final int STOCK_OFFSET = 11;
    public static final int AUCTION_COLLAR_REFERENCE_PRICE_OFFSET = 19;
    public static final int UPPER_AUCTION_COLLAR_PRICE_OFFSET = 23;
    public static final int LOWER_AUCTION_COLLAR_PRICE_OFFSET = 27;
    public static final int AUCTION_COLLAR_EXTENSION_OFFSET = 31;

    /** Alpha(8), left-justified and space-padded, packed big-endian; see {@link ItchAlpha}. */
    public long stock() {
        return int64(STOCK_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int auctionCollarReferencePrice() {
        return int32(AUCTION_COLLAR_REFERENCE_PRICE_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int upperAuctionCollarPrice() {
        return int32(UPPER_AUCTION_COLLAR_PRICE_OFFSET);
    }

    /** Price(4): raw, 4 implied decimals. */
    public int lowerAuctionCollarPrice() {
        return int32(LOWER_AUCTION_COLLAR_PRICE_OFFSET);
    }

    public long auctionCollarExtension() {
        return uint32(AUCTION_COLLAR_EXTENSION_OFFSET);
    }
}
