package dev.hft.strategy;

import org.agrona.collections.Long2LongHashMap;

import dev.hft.wire.ouch.OuchTypes;

/**
 * Orders this session has sent and not yet seen die, and the position per stock locate, kept from OUCH
 * responses. An order is open from the moment its Enter Order is sent (so risk counts it before the venue
 * answers) until it is rejected, fully canceled or fully executed. A replace in flight keeps the order under
 * both tokens and counts the larger of the old and new size as exposure until the venue answers.
 *
 * <p>An order's fate is <em>unknown</em> when the session dropped with a command of it in flight, or when a restart
 * found it open in the journal: it may or may not be live at the venue. Such an order stays open (and counted by
 * risk) until the venue answers the cancel the stage sends for it: Canceled, or a Cancel Reject, which for an order of
 * unknown fate means the venue does not have it live (everything it did before is sequenced ahead of that answer).
 *
 * <p>Slots are preallocated arrays; nothing allocates after construction. Read-only to strategies.
 */
public final class OpenOrders {

    private static final long NONE = -1;

    private final Long2LongHashMap slotOfToken;
    private final long[] token;
    private final long[] pendingToken;
    private final int[] locate;
    private final byte[] side;
    private final int[] shares;
    private final int[] price;
    private final int[] timeInForce;
    private final int[] pendingShares;
    private final int[] pendingPrice;
    private final boolean[] cancelPending;
    private final boolean[] acked;
    private final boolean[] unknown;
    private int unknownCount;
    private final int[] free;
    private int freeCount;

    private static final int RECENT_EXECUTIONS = 4096;
    private final long[] recentToken = new long[RECENT_EXECUTIONS];
    private final long[] recentMatch = new long[RECENT_EXECUTIONS];
    private final int[] recentLocate = new int[RECENT_EXECUTIONS];
    private final long[] recentShares = new long[RECENT_EXECUTIONS];
    private long executions;

    private final long[] position = new long[Books.LOCATES];
    private final long[] openBuy = new long[Books.LOCATES];
    private final long[] openSell = new long[Books.LOCATES];

    public OpenOrders(int capacity) {
        slotOfToken = new Long2LongHashMap(4 * capacity, 0.65f, NONE);
        token = new long[capacity];
        pendingToken = new long[capacity];
        locate = new int[capacity];
        side = new byte[capacity];
        shares = new int[capacity];
        price = new int[capacity];
        timeInForce = new int[capacity];
        pendingShares = new int[capacity];
        pendingPrice = new int[capacity];
        cancelPending = new boolean[capacity];
        acked = new boolean[capacity];
        unknown = new boolean[capacity];
        java.util.Arrays.fill(token, NONE);
        free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    public int count() {
        return token.length - freeCount;
    }

    public int capacity() {
        return token.length;
    }

    public boolean isOpen(long orderToken) {
        return slot(orderToken) >= 0;
    }

    /** Remaining shares of the order (under its current token), or 0 when it is not open. */
    public int shares(long orderToken) {
        int s = slot(orderToken);
        return s < 0 ? 0 : shares[s];
    }

    public int price(long orderToken) {
        int s = slot(orderToken);
        return s < 0 ? 0 : price[s];
    }

    /** A replace or cancel is in flight for the order. */
    public boolean isPending(long orderToken) {
        int s = slot(orderToken);
        return s >= 0 && (pendingToken[s] != NONE || cancelPending[s]);
    }

    /** Open orders whose fate is unknown (see the class comment). */
    public int unknownCount() {
        return unknownCount;
    }

    /** The order's fate is unknown: it may or may not be live at the venue. */
    public boolean isUnknown(long orderToken) {
        int s = slot(orderToken);
        return s >= 0 && unknown[s];
    }

    /** Shares bought minus shares sold, from executions. */
    public long position(int stockLocate) {
        return position[stockLocate];
    }

    /** Shares the open buy orders of the locate could still add to the position. */
    public long openBuyShares(int stockLocate) {
        return openBuy[stockLocate];
    }

    /** Shares the open sell orders of the locate could still take off the position. */
    public long openSellShares(int stockLocate) {
        return openSell[stockLocate];
    }

    // ---- package-private: the strategy stage's own thread changes state ----

    int slot(long orderToken) {
        return (int) slotOfToken.get(orderToken);
    }

    long tokenAt(int slot) {
        return token[slot];
    }

    int locateAt(int slot) {
        return locate[slot];
    }

    byte sideAt(int slot) {
        return side[slot];
    }

    int sharesAt(int slot) {
        return shares[slot];
    }

    int priceAt(int slot) {
        return price[slot];
    }

    int timeInForceAt(int slot) {
        return timeInForce[slot];
    }

    boolean hasPending(int slot) {
        return pendingToken[slot] != NONE || cancelPending[slot];
    }

    boolean cancelPending(int slot) {
        return cancelPending[slot];
    }

    boolean unknownAt(int slot) {
        return unknown[slot];
    }

    boolean inUse(int slot) {
        return token[slot] != NONE && slotOfToken.get(token[slot]) == slot;
    }

    static boolean isBuy(byte side) {
        return side == OuchTypes.BUY;
    }

    /** Open exposure of the order's side (see the class comment) as it would be with {@code newShares} pending. */
    long sideExposureIfReplaced(int slot, int newShares) {
        long open = isBuy(side[slot]) ? openBuy[locate[slot]] : openSell[locate[slot]];
        return open - exposure(slot) + Math.max(shares[slot], newShares);
    }

    /** Records a sent Enter Order; the caller has checked {@link #count()} against {@link #capacity()}. */
    void add(long orderToken, int stockLocate, byte orderSide, int orderShares, int orderPrice, int tif) {
        int s = free[--freeCount];
        token[s] = orderToken;
        pendingToken[s] = NONE;
        locate[s] = stockLocate;
        side[s] = orderSide;
        shares[s] = orderShares;
        price[s] = orderPrice;
        timeInForce[s] = tif;
        cancelPending[s] = false;
        acked[s] = false;
        unknown[s] = false;
        slotOfToken.put(orderToken, s);
        expose(s, 1);
    }

    /** The session dropped: every order with a command in flight (not yet accepted, replace or cancel pending) is unknown. */
    void markInFlightUnknown() {
        for (int s = 0; s < token.length; s++) {
            if (inUse(s) && (!acked[s] || pendingToken[s] != NONE || cancelPending[s])) {
                markUnknown(s);
            }
        }
    }

    /** A restart: every order the journal shows open is unknown. */
    void markAllUnknown() {
        for (int s = 0; s < token.length; s++) {
            if (inUse(s)) {
                markUnknown(s);
            }
        }
    }

    private void markUnknown(int s) {
        if (!unknown[s]) {
            unknown[s] = true;
            unknownCount++;
        }
        // a cancel sent before the drop may never have arrived: the resolution sends its own
        cancelPending[s] = false;
    }

    /** The venue refused the cancel of an order of unknown fate: it is not live there; closes it. */
    void closeUnknown(int slot) {
        expose(slot, -1);
        if (pendingToken[slot] != NONE) {
            slotOfToken.remove(pendingToken[slot]);
            pendingToken[slot] = NONE;
        }
        shares[slot] = 0;
        settle(slot);
    }

    void replaceSent(int slot, long newToken, int newShares, int newPrice) {
        expose(slot, -1);
        pendingToken[slot] = newToken;
        pendingShares[slot] = newShares;
        pendingPrice[slot] = newPrice;
        slotOfToken.put(newToken, slot);
        expose(slot, 1);
    }

    void cancelSent(int slot) {
        cancelPending[slot] = true;
    }

    void cancelRejected(int slot) {
        cancelPending[slot] = false;
    }

    void accepted(int slot, int acceptedShares, int acceptedPrice, boolean dead) {
        expose(slot, -1);
        acked[slot] = true;
        shares[slot] = dead ? 0 : acceptedShares;
        price[slot] = acceptedPrice;
        settle(slot);
    }

    /** The venue replaced the order: it lives on under {@code newToken} with the venue's size and price. */
    void replaced(int slot, long newToken, int newShares, int newPrice, boolean dead) {
        expose(slot, -1);
        slotOfToken.remove(token[slot]);
        if (pendingToken[slot] != newToken) {
            slotOfToken.remove(pendingToken[slot]);
        }
        token[slot] = newToken;
        slotOfToken.put(newToken, slot);
        pendingToken[slot] = NONE;
        acked[slot] = true;
        if (unknown[slot]) {
            // the resolution's cancel went to the old token, which the venue now refuses: cancel the new one
            cancelPending[slot] = false;
        }
        shares[slot] = dead ? 0 : newShares;
        price[slot] = newPrice;
        settle(slot);
    }

    /** The venue rejected {@code rejectedToken}: the whole order, or only its pending replacement. */
    void rejected(int slot, long rejectedToken) {
        expose(slot, -1);
        if (rejectedToken == pendingToken[slot]) {
            slotOfToken.remove(rejectedToken);
            pendingToken[slot] = NONE;
        } else {
            shares[slot] = 0;
        }
        settle(slot);
    }

    void canceled(int slot, int decrement) {
        expose(slot, -1);
        shares[slot] = Math.max(0, shares[slot] - decrement);
        settle(slot);
    }

    void executed(int slot, int executed, long matchNumber) {
        long signed = isBuy(side[slot]) ? executed : -executed;
        position[locate[slot]] += signed;
        int i = (int) (executions++ % RECENT_EXECUTIONS);
        recentToken[i] = token[slot];
        recentMatch[i] = matchNumber;
        recentLocate[i] = locate[slot];
        recentShares[i] = signed;
        expose(slot, -1);
        shares[slot] = Math.max(0, shares[slot] - executed);
        settle(slot);
    }

    /**
     * Takes a broken execution of {@code orderToken} back out of the position and returns its locate. Only the
     * last 4096 executions are remembered: -1 when the execution is not among them (position left as it is).
     */
    int broken(long orderToken, long matchNumber) {
        for (long n = executions - 1; n >= 0 && n >= executions - RECENT_EXECUTIONS; n--) {
            int i = (int) (n % RECENT_EXECUTIONS);
            if (recentToken[i] == orderToken && recentMatch[i] == matchNumber && recentShares[i] != 0) {
                position[recentLocate[i]] -= recentShares[i];
                recentShares[i] = 0;
                return recentLocate[i];
            }
        }
        return -1;
    }

    private long exposure(int slot) {
        return pendingToken[slot] == NONE ? shares[slot] : Math.max(shares[slot], pendingShares[slot]);
    }

    private void expose(int slot, int sign) {
        if (isBuy(side[slot])) {
            openBuy[locate[slot]] += sign * exposure(slot);
        } else {
            openSell[locate[slot]] += sign * exposure(slot);
        }
    }

    /** Re-adds the slot's exposure, or frees it once nothing is left and nothing is in flight. */
    private void settle(int slot) {
        if (shares[slot] > 0 || pendingToken[slot] != NONE) {
            expose(slot, 1);
            return;
        }
        slotOfToken.remove(token[slot]);
        token[slot] = NONE;
        if (unknown[slot]) {
            unknown[slot] = false;
            unknownCount--;
        }
        free[freeCount++] = slot;
    }
}
