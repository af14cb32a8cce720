package dev.hft.book;

import java.util.Arrays;

import dev.hft.events.BookEvent;
import dev.hft.wire.itch.ItchAlpha;

/**
 * The L3 book of one symbol, read side. Orders and levels live in the pools of the owning {@link OrderBooks}
 * (the shard); this object keeps, per side, the level ids sorted by priority with the best level last, so the
 * best level is O(1) and a level near the top is inserted or removed with a short shift.
 *
 * <p>Rank 0 is the best level (highest bid, lowest ask). Prices are as on the wire (Price(4)).
 */
public final class OrderBook {

    public static final int BID = BookEvent.BID;
    public static final int ASK = BookEvent.ASK;

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

    /** Per side: sort keys ascending (bid: price, ask: -price), so the best level is at index count-1. */
    final long[][] keys;
    final int[][] levels;
    final int[] count = new int[2];
    /** Queued for {@link OrderBooks#reserve()}: a side is more than 3/4 full. */
    boolean growPending;

    OrderBook(OrderBooks owner, int locate, int levelsPerSide) {
        this.owner = owner;
        this.locate = locate;
        keys = new long[][] {new long[levelsPerSide], new long[levelsPerSide]};
        levels = new int[][] {new int[levelsPerSide], new int[levelsPerSide]};
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
        return count[side];
    }

    public boolean isEmpty(int side) {
        return count[side] == 0;
    }

    /** Price of the level at {@code rank} (0 = best); the caller checks {@code rank < levelCount(side)}. */
    public long price(int side, int rank) {
        return owner.levelPrice[level(side, rank)];
    }

    public long shares(int side, int rank) {
        return owner.levelShares[level(side, rank)];
    }

    public int orders(int side, int rank) {
        return owner.levelOrders[level(side, rank)];
    }

    /** Best price, or 0 when the side is empty. */
    public long bestPrice(int side) {
        return count[side] == 0 ? 0 : price(side, 0);
    }

    public long bestShares(int side) {
        return count[side] == 0 ? 0 : shares(side, 0);
    }

    public int bestOrders(int side) {
        return count[side] == 0 ? 0 : orders(side, 0);
    }

    /**
     * Copies up to {@code n} levels, best first, into the caller's arrays (each at least {@code n} long).
     *
     * @return how many levels were written
     */
    public int depth(int side, int n, long[] prices, long[] shares, int[] orders) {
        int filled = Math.min(n, count[side]);
        for (int rank = 0; rank < filled; rank++) {
            int level = level(side, rank);
            prices[rank] = owner.levelPrice[level];
            shares[rank] = owner.levelShares[level];
            orders[rank] = owner.levelOrders[level];
        }
        return filled;
    }

    /**
     * True if a level at {@code price} is (or, just removed, was) among the best {@code n} levels of the side.
     * Valid right after the change: a removed level was in the top n exactly when it beats the level now at rank n-1.
     */
    public boolean withinDepth(int side, long price, int n) {
        int c = count[side];
        return n > 0 && (c < n || key(side, price) >= keys[side][c - n]);
    }

    int level(int side, int rank) {
        return levels[side][count[side] - 1 - rank];
    }

    static long key(int side, long price) {
        return side == BID ? price : -price;
    }

    /** Index of {@code key} in the side's sorted keys, or {@code -(insertion point) - 1}. */
    int search(int side, long key) {
        long[] k = keys[side];
        int low = 0;
        int high = count[side] - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long v = k[mid];
            if (v < key) {
                low = mid + 1;
            } else if (v > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    /** Inserts at {@code index}; returns true if the side's arrays had to grow. */
    boolean insert(int side, int index, long key, int level) {
        int c = count[side];
        boolean grew = c == keys[side].length;
        if (grew) {
            grow(side);
        }
        System.arraycopy(keys[side], index, keys[side], index + 1, c - index);
        System.arraycopy(levels[side], index, levels[side], index + 1, c - index);
        keys[side][index] = key;
        levels[side][index] = level;
        count[side] = c + 1;
        return grew;
    }

    /** True if a side holds more than 3/4 of its array. */
    boolean nearlyFull() {
        return count[BID] > keys[BID].length - keys[BID].length / 4 || count[ASK] > keys[ASK].length - keys[ASK].length / 4;
    }

    /** Doubles each side more than 3/4 full; returns how many grew. */
    int reserve() {
        int grown = 0;
        for (int side = BID; side <= ASK; side++) {
            if (count[side] > keys[side].length - keys[side].length / 4) {
                grow(side);
                grown++;
            }
        }
        return grown;
    }

    private void grow(int side) {
        keys[side] = Arrays.copyOf(keys[side], keys[side].length * 2);
        levels[side] = Arrays.copyOf(levels[side], levels[side].length * 2);
    }

    void remove(int side, int index) {
        int c = count[side] - 1;
        System.arraycopy(keys[side], index + 1, keys[side], index, c - index);
        System.arraycopy(levels[side], index + 1, levels[side], index, c - index);
        count[side] = c;
    }
}
