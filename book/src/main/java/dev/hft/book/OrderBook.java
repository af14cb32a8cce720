package dev.hft.book;

import dev.hft.events.BookEvent;
import dev.hft.wire.itch.ItchAlpha;

/**
 * The L3 book of one symbol, read side. Orders, levels and the price order of the levels live in the pools of
 * the owning {@link OrderBooks} (the shard): each side is a block of the shard's side arena, entries sorted by
 * key with the best level last, so the best level is O(1) and a level near the top is inserted or removed with a
 * short shift.
 *
 * <p>Rank 0 is the best level (highest bid, lowest ask). Prices are as on the wire (Price(4), 0..2^32-1).
 */
public final class OrderBook {

    public static final int BID = BookEvent.BID;
    public static final int ASK = BookEvent.ASK;

    /** An entry is {@code key << KEY_SHIFT | level}: ordered by key, and the key (at most 32 bits) keeps it positive. */
    static final int KEY_SHIFT = 31;
    static final long LEVEL_MASK = (1L << KEY_SHIFT) - 1;

    final OrderBooks owner;
    final int locate;
    long stock;
    boolean declared;
    /** Set by the first order or trade: the snapshot lists only active books. */
    boolean active;
    byte tradingState;
    byte operationalHalt;
    long executedShares;
    long tradesPShares;

    /** Queued for {@link OrderBooks#reserve()}: a side is more than 3/4 of its block. */
    boolean growPending;

    OrderBook(OrderBooks owner, int locate) {
        this.owner = owner;
        this.locate = locate;
    }

    public int locate() {
        return locate;
    }

    /** The 8-byte stock field of the R message as a big-endian long, 0 when no R was seen. */
    public long stock() {
        return stock;
    }

    /** True once an R (Stock Directory) named this locate. */
    public boolean declared() {
        return declared;
    }

    /** True once the book has seen an order or a trade. */
    public boolean active() {
        return active;
    }

    /** The trimmed ticker from R, or {@code #<locate>} when no R was seen. Allocates: not for the hot path. */
    public String name() {
        if (!declared) {
            return "#" + locate;
        }
        return ItchAlpha.toString(stock, ItchAlpha.STOCK);
    }

    /** Last H trading state ('H', 'P', 'Q', 'T'), 0 before any H. */
    public byte tradingState() {
        return tradingState;
    }

    /** Last h operational halt action ('H' halted, 'T' resumed), 0 before any h. */
    public byte operationalHalt() {
        return operationalHalt;
    }

    /** Shares executed by E and C on orders resting in this book (references unknown to the book not counted). */
    public long executedShares() {
        return executedShares;
    }

    /** Shares of P (non-cross trade) messages for this locate. */
    public long tradesPShares() {
        return tradesPShares;
    }

    public int levelCount(int side) {
        return owner.sides[(locate << 1 | side) * 4 + OrderBooks.COUNT];
    }

    public boolean isEmpty(int side) {
        return levelCount(side) == 0;
    }

    /** Price of the level at {@code rank} (0 = best); the caller checks {@code rank < levelCount(side)}. */
    public long price(int side, int rank) {
        return owner.levelPrice(level(side, rank));
    }

    public long shares(int side, int rank) {
        return owner.levelShares(level(side, rank));
    }

    public int orders(int side, int rank) {
        return owner.levelOrders(level(side, rank));
    }

    /** Best price, or 0 when the side is empty. */
    public long bestPrice(int side) {
        return isEmpty(side) ? 0 : price(side, 0);
    }

    public long bestShares(int side) {
        return isEmpty(side) ? 0 : shares(side, 0);
    }

    public int bestOrders(int side) {
        return isEmpty(side) ? 0 : orders(side, 0);
    }

    /**
     * Copies up to {@code n} levels, best first, into the caller's arrays (each at least {@code n} long).
     *
     * @return how many levels were written
     */
    public int depth(int side, int n, long[] prices, long[] shares, int[] orders) {
        int filled = Math.min(n, levelCount(side));
        for (int rank = 0; rank < filled; rank++) {
            int level = level(side, rank);
            prices[rank] = owner.levelPrice(level);
            shares[rank] = owner.levelShares(level);
            orders[rank] = owner.levelOrders(level);
        }
        return filled;
    }

    /**
     * True if a level at {@code price} is (or, just removed, was) among the best {@code n} levels of the side.
     * Valid right after the change: a removed level was in the top n exactly when it beats the level now at rank n-1.
     */
    public boolean withinDepth(int side, long price, int n) {
        int s = (locate << 1 | side) * 4;
        int c = owner.sides[s + OrderBooks.COUNT];
        return n > 0 && (c < n || key(side, price) >= owner.sideArena[owner.sides[s + OrderBooks.BASE] + c - n] >>> KEY_SHIFT);
    }

    int level(int side, int rank) {
        int s = (locate << 1 | side) * 4;
        return (int) (owner.sideArena[owner.sides[s + OrderBooks.BASE] + owner.sides[s + OrderBooks.COUNT] - 1 - rank] & LEVEL_MASK);
    }

    /** Ascending keys put the best level last: bids by price, asks by the price's complement in 32 bits. */
    static long key(int side, long price) {
        return side == BID ? price : 0xFFFF_FFFFL - price;
    }
}
