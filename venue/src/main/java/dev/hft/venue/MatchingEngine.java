package dev.hft.venue;

import java.util.List;

import org.agrona.collections.Long2LongHashMap;

import dev.hft.wire.itch.ItchEncoder;
import dev.hft.wire.ouch.CancelOrder;
import dev.hft.wire.ouch.CancelReject;
import dev.hft.wire.ouch.EnterOrder;
import dev.hft.wire.ouch.ModifyOrder;
import dev.hft.wire.ouch.OrderAccepted;
import dev.hft.wire.ouch.OrderCanceled;
import dev.hft.wire.ouch.OrderExecuted;
import dev.hft.wire.ouch.OrderModified;
import dev.hft.wire.ouch.OrderRejected;
import dev.hft.wire.ouch.OrderReplaced;
import dev.hft.wire.ouch.OuchTypes;
import dev.hft.wire.ouch.ReplaceOrder;
import dev.hft.wire.ouch.SystemEvent;

/**
 * Price-time priority matching for every symbol, on one thread, allocation-free after construction: orders
 * live in preallocated parallel arrays (a slot per order, a free list), each price level is a FIFO linked
 * list of slots, and each side of a book is an array of levels sorted so the best is last. Every state
 * change is written out as it happens: OUCH responses to the owning account ({@link OuchOutput}) and the ITCH
 * 5.0 messages a book builder needs to rebuild exactly the displayed book ({@link ItchOutput}).
 *
 * <p>Rules: an incoming order trades against the best opposite level while prices cross, oldest order first,
 * always at the resting order's price; what is left rests (time in force other than 0) or is cancelled (IOC,
 * time in force 0, reason {@code I}). Non-displayed orders (display {@code N}) take time priority like the
 * others and trade as ITCH {@code P}. A Replace keeps the order's priority and reference number when price and
 * display are unchanged, the shares do not increase and the new time in force is not IOC (ITCH {@code X} for the
 * decrease); otherwise it gets a new reference number at the back of its new level (ITCH {@code U}, or {@code D}
 * then trades and {@code A} when the new price crosses or the display changes). Self-trades are allowed.
 */
public final class MatchingEngine {

    public static final int BID = 0;
    public static final int ASK = 1;
    /** The account of the background flow; it has no OUCH session. */
    public static final int BACKGROUND_ACCOUNT = 0;

    private static final int NONE = -1;
    private static final byte CANCEL_USER = 'U';
    private static final byte CANCEL_IOC = 'I';
    private static final byte CANCEL_SYSTEM = 'Z';
    private static final byte LIQUIDITY_ADDED = 'A';
    private static final byte LIQUIDITY_REMOVED = 'R';
    private static final byte LIQUIDITY_NON_DISPLAYED_ADDED = 'J';
    private static final short ISSUE_SUB_TYPE_BLANK = 0x2020;

    private final OuchOutput ouch;
    private final ItchOutput itch;
    private final int symbols;
    private final long[] stocks;
    private final Long2LongHashMap symbolByStock = new Long2LongHashMap(NONE);
    private final int maxShares;
    private final int maxLevels;

    private final long[] orderRef;
    private final int[] orderSymbol;
    private final byte[] orderSide;
    private final byte[] orderIndicator;
    private final int[] orderPrice;
    private final int[] orderShares;
    private final int[] orderNext;
    private final int[] orderPrev;
    private final int[] orderAccount;
    private final int[] orderToken;
    private final byte[] orderDisplay;
    private final int[] orderFirm;
    private final int[] orderTimeInForce;
    private final byte[] orderCapacity;
    private final byte[] orderSweep;
    private int freeOrder;
    private int liveOrders;

    /** Per book (symbol * 2 + side), levels sorted ascending by key (price for bids, -price for asks). */
    private final int[][] levelKey;
    private final int[][] levelHead;
    private final int[][] levelTail;
    private final long[][] levelShares;
    private final long[][] levelDisplayed;
    private final int[] levelCount;

    private final TokenTable tokens;
    private final long[] positions;
    private final int accounts;
    private final int[] liveByAccount;
    private final long[] receivedByAccount;
    private final long[] rejectedByAccount;
    private final long[] duplicateTokensByAccount;
    private final long[] canceledOnDisconnect;
    private long nextRef = 1;
    private long nextMatch = 1;

    private long ordersReceived;
    private long accepted;
    private final long[] rejected = new long[RejectReason.values().length];
    private long executions;
    private long sharesTraded;
    private long canceled;
    private long replaced;
    private long modified;
    private long responsesLost;

    private final byte[] token = new byte[OuchTypes.TOKEN_LENGTH];
    private final byte[] previousToken = new byte[OuchTypes.TOKEN_LENGTH];
    /** Tokens read back from the table for responses, apart from the request's own. */
    private final byte[] ownerToken = new byte[OuchTypes.TOKEN_LENGTH];
    private final OrderAccepted acceptedMessage = new OrderAccepted();
    private final OrderReplaced replacedMessage = new OrderReplaced();
    private final OrderCanceled canceledMessage = new OrderCanceled();
    private final OrderExecuted executedMessage = new OrderExecuted();
    private final OrderRejected rejectedMessage = new OrderRejected();
    private final CancelReject cancelRejectMessage = new CancelReject();
    private final OrderModified modifiedMessage = new OrderModified();
    private final SystemEvent systemEventMessage = new SystemEvent();

    public MatchingEngine(List<VenueConfig.Symbol> symbolList, VenueConfig.Limits limits, int accounts, OuchOutput ouch,
            ItchOutput itch) {
        this.ouch = ouch;
        this.itch = itch;
        this.symbols = symbolList.size();
        this.stocks = new long[symbols];
        for (int i = 0; i < symbols; i++) {
            stocks[i] = OuchTypes.stock(symbolList.get(i).stock());
            symbolByStock.put(stocks[i], i);
        }
        this.maxShares = limits.maxShares();
        this.maxLevels = limits.maxLevels();
        int n = limits.maxOrders();
        orderRef = new long[n];
        orderSymbol = new int[n];
        orderSide = new byte[n];
        orderIndicator = new byte[n];
        orderPrice = new int[n];
        orderShares = new int[n];
        orderNext = new int[n];
        orderPrev = new int[n];
        orderAccount = new int[n];
        orderToken = new int[n];
        orderDisplay = new byte[n];
        orderFirm = new int[n];
        orderTimeInForce = new int[n];
        orderCapacity = new byte[n];
        orderSweep = new byte[n];
        for (int i = 0; i < n; i++) {
            orderNext[i] = i + 1 < n ? i + 1 : NONE;
        }
        freeOrder = 0;
        int books = symbols * 2;
        levelKey = new int[books][maxLevels];
        levelHead = new int[books][maxLevels];
        levelTail = new int[books][maxLevels];
        levelShares = new long[books][maxLevels];
        levelDisplayed = new long[books][maxLevels];
        levelCount = new int[books];
        tokens = new TokenTable(limits.maxClientTokens());
        this.accounts = accounts;
        positions = new long[accounts * symbols];
        liveByAccount = new int[accounts];
        receivedByAccount = new long[accounts];
        rejectedByAccount = new long[accounts];
        duplicateTokensByAccount = new long[accounts];
        canceledOnDisconnect = new long[accounts];
    }

    // ---------------------------------------------------------------- session

    /** ITCH start of day: S (O, S, Q), then R and H (trading) for every symbol. */
    public void startOfDay(long timestamp) {
        systemEvent((byte) 'O', timestamp);
        systemEvent((byte) 'S', timestamp);
        systemEvent((byte) 'Q', timestamp);
        for (int s = 0; s < symbols; s++) {
            long at = itch.claim();
            itch.commit(at, ItchEncoder.stockDirectory(itch.segment(), at, s + 1, 0, timestamp, stocks[s], (byte) 'Q',
                    (byte) 'N', 100, (byte) 'N', (byte) 'C', ISSUE_SUB_TYPE_BLANK, (byte) 'P', (byte) 'N', (byte) 'N',
                    (byte) '1', (byte) 'N', 0, (byte) 'N'));
        }
        for (int s = 0; s < symbols; s++) {
            long at = itch.claim();
            itch.commit(at, ItchEncoder.stockTradingAction(itch.segment(), at, s + 1, 0, timestamp, stocks[s], (byte) 'T',
                    (byte) ' ', 0x20202020));
        }
    }

    /** ITCH end of day: S (M, E, C). */
    public void endOfDay(long timestamp) {
        systemEvent((byte) 'M', timestamp);
        systemEvent((byte) 'E', timestamp);
        systemEvent((byte) 'C', timestamp);
    }

    private void systemEvent(byte code, long timestamp) {
        long at = itch.claim();
        itch.commit(at, ItchEncoder.systemEvent(itch.segment(), at, 0, 0, timestamp, code));
    }

    /** OUCH System Event ({@code S} start of day, {@code E} end of day) to one account. */
    public void ouchSystemEvent(int account, byte code, long timestamp) {
        long at = ouch.claim(account, SystemEvent.LENGTH);
        if (at < 0) {
            responsesLost++;
            return;
        }
        systemEventMessage.wrapForEncode(ouch.segment(account), at).timestamp(timestamp).eventCode(code);
        ouch.commit(account, at, SystemEvent.LENGTH);
    }

    // ---------------------------------------------------------------- client messages

    public void enterOrder(int account, EnterOrder m, long timestamp) {
        ordersReceived++;
        receivedByAccount[account]++;
        m.copyOrderToken(token);
        long hi = TokenTable.hi(token);
        long lo = TokenTable.lo(token, account);
        int symbol = (int) symbolByStock.get(m.stock());
        int side = side(m.buySellIndicator());
        RejectReason reason = symbol == NONE ? RejectReason.INVALID_STOCK
                : side == NONE ? RejectReason.INVALID_SIDE
                : check(m.shares(), m.price(), m.display(), m.minimumQuantity());
        if (reason == null && m.crossType() != 'N') {
            reason = RejectReason.INVALID_CROSS_TYPE;
        }
        if (reason == null && tokens.find(hi, lo) >= 0) {
            reason = RejectReason.DUPLICATE_TOKEN;
        }
        if (reason == null && freeOrder == NONE) {
            reason = RejectReason.CAPACITY;
        }
        int entry = reason == null ? tokens.insert(hi, lo, 0) : NONE;
        if (reason == null && entry < 0) {
            reason = RejectReason.CAPACITY;
        }
        if (reason != null) {
            reject(account, token, reason, timestamp);
            return;
        }
        int o = allocate(account, symbol, side, m.buySellIndicator(), m.price(), m.shares());
        tokens.value(entry, o);
        orderToken[o] = entry;
        orderDisplay[o] = m.display();
        orderFirm[o] = m.firm();
        orderTimeInForce[o] = m.timeInForce();
        orderCapacity[o] = m.capacity();
        orderSweep[o] = m.intermarketSweepEligibility();
        accepted++;
        sendAccepted(o, timestamp);
        execute(o, timestamp);
    }

    public void replaceOrder(int account, ReplaceOrder m, long timestamp) {
        m.copyExistingOrderToken(previousToken);
        m.copyReplacementOrderToken(token);
        int o = live(account, previousToken);
        long hi = TokenTable.hi(token);
        long lo = TokenTable.lo(token, account);
        RejectReason reason = o == NONE ? RejectReason.UNKNOWN_TOKEN
                : tokens.find(hi, lo) >= 0 ? RejectReason.DUPLICATE_TOKEN
                : check(m.shares(), m.price(), m.display(), m.minimumQuantity());
        int entry = reason == null ? tokens.insert(hi, lo, o) : NONE;
        if (reason == null && entry < 0) {
            reason = RejectReason.CAPACITY;
        }
        if (reason != null) {
            reject(account, token, reason, timestamp);
            return;
        }
        replaced++;
        tokens.value(orderToken[o], TokenTable.DEAD);
        orderToken[o] = entry;
        orderTimeInForce[o] = m.timeInForce();
        orderSweep[o] = m.intermarketSweepEligibility();
        if (m.price() == orderPrice[o] && m.display() == orderDisplay[o] && m.shares() <= orderShares[o]
                && m.timeInForce() != OuchTypes.TIF_IMMEDIATE_OR_CANCEL) {
            if (m.shares() < orderShares[o]) {
                reduce(o, m.shares(), timestamp);
            }
            sendReplaced(o, timestamp);
            return;
        }
        long oldRef = orderRef[o];
        boolean wasShown = displayed(o);
        int b = book(orderSymbol[o], orderSide[o]);
        int level = findLevel(b, key(orderSide[o], orderPrice[o]));
        levelShares[b][level] -= orderShares[o];
        if (wasShown) {
            levelDisplayed[b][level] -= orderShares[o];
        }
        unlink(o, b, level);
        orderRef[o] = nextRef++;
        orderPrice[o] = m.price();
        orderShares[o] = m.shares();
        orderDisplay[o] = m.display();
        sendReplaced(o, timestamp);
        if (wasShown && displayed(o) && orderTimeInForce[o] != OuchTypes.TIF_IMMEDIATE_OR_CANCEL && !crosses(o)
                && rest(o)) {
            long at = itch.claim();
            itch.commit(at, ItchEncoder.orderReplace(itch.segment(), at, orderSymbol[o] + 1, 0, timestamp, oldRef,
                    orderRef[o], orderShares[o], orderPrice[o]));
            return;
        }
        if (wasShown) {
            long at = itch.claim();
            itch.commit(at, ItchEncoder.orderDelete(itch.segment(), at, orderSymbol[o] + 1, 0, timestamp, oldRef));
        }
        execute(o, timestamp);
    }

    /** Cancel Order: {@code shares} is the new intended size (0 = all); a size at or above the open shares is a no-op. */
    public void cancelOrder(int account, CancelOrder m, long timestamp) {
        m.copyOrderToken(token);
        int o = live(account, token);
        if (o == NONE) {
            cancelReject(account, token, timestamp);
            return;
        }
        int size = m.shares();
        if (Integer.compareUnsigned(size, orderShares[o]) >= 0) {
            return;
        }
        int decrement = orderShares[o] - size;
        canceled++;
        reduce(o, size, timestamp);
        sendCanceled(account, token, decrement, CANCEL_USER, timestamp);
    }

    /** Modify Order: a new side within the same direction (S, T, E among themselves) and/or fewer shares; keeps priority. */
    public void modifyOrder(int account, ModifyOrder m, long timestamp) {
        m.copyOrderToken(token);
        int o = live(account, token);
        byte indicator = m.buySellIndicator();
        int size = m.shares();
        if (o == NONE || side(indicator) != orderSide[o] || size < 0 || size > orderShares[o]) {
            cancelReject(account, token, timestamp);
            return;
        }
        modified++;
        orderIndicator[o] = indicator;
        if (size < orderShares[o]) {
            reduce(o, size, timestamp);
        }
        long at = ouch.claim(account, OrderModified.LENGTH);
        if (at < 0) {
            responsesLost++;
            return;
        }
        modifiedMessage.wrapForEncode(ouch.segment(account), at).timestamp(timestamp).orderToken(token)
                .buySellIndicator(indicator).shares(size);
        ouch.commit(account, at, OrderModified.LENGTH);
    }

    /**
     * Refuses an Enter Order without looking at it (the account's session cannot take more responses): Rejected,
     * reason CAPACITY, the token not reserved.
     */
    public void refuseEnter(int account, EnterOrder m, long timestamp) {
        ordersReceived++;
        receivedByAccount[account]++;
        m.copyOrderToken(token);
        reject(account, token, RejectReason.CAPACITY, timestamp);
    }

    /** As {@link #refuseEnter}, for a Replace Order (the replacement token is rejected). */
    public void refuseReplace(int account, ReplaceOrder m, long timestamp) {
        m.copyReplacementOrderToken(token);
        reject(account, token, RejectReason.CAPACITY, timestamp);
    }

    /**
     * Cancels every live order of {@code account} (its session ended and it asked for cancel on disconnect): Order
     * Canceled with {@code reason} to the account, ITCH D for the displayed ones. Returns how many.
     */
    public int cancelAll(int account, byte reason, long timestamp) {
        int n = 0;
        for (int o = 0; o < orderRef.length && liveByAccount[account] > 0; o++) {
            if (orderRef[o] != 0 && orderAccount[o] == account && orderToken[o] != NONE) {
                tokens.token(orderToken[o], ownerToken);
                int shares = orderShares[o];
                canceled++;
                n++;
                reduce(o, 0, timestamp);
                sendCanceled(account, ownerToken, shares, reason, timestamp);
            }
        }
        canceledOnDisconnect[account] += n;
        return n;
    }

    // ---------------------------------------------------------------- background flow

    /**
     * Enters an order of the background account (no token, no OUCH); it trades like any other.
     *
     * @return the slot it rests in (see {@link #orderRef(int)}), or -1 if it did not rest or the pool is full
     */
    public int enterBackground(int symbol, int side, int shares, int price, long timestamp) {
        if (freeOrder == NONE) {
            rejected[RejectReason.CAPACITY.ordinal()]++;
            return NONE;
        }
        int o = allocate(BACKGROUND_ACCOUNT, symbol, side, side == BID ? OuchTypes.BUY : OuchTypes.SELL, price, shares);
        orderToken[o] = NONE;
        orderDisplay[o] = 'Y';
        orderFirm[o] = 0x20202020;
        orderTimeInForce[o] = OuchTypes.TIF_SYSTEM_HOURS;
        orderCapacity[o] = 'P';
        orderSweep[o] = 'N';
        long ref = orderRef[o];
        execute(o, timestamp);
        return orderRef[o] == ref ? o : NONE;
    }

    /** Cancels what is left of the order in {@code slot} if it is still the order {@code ref}. */
    public void cancelIfLive(int slot, long ref, long timestamp) {
        if (orderRef[slot] == ref && ref != 0) {
            reduce(slot, 0, timestamp);
        }
    }

    // ---------------------------------------------------------------- matching

    private void execute(int o, long timestamp) {
        match(o, timestamp);
        if (orderShares[o] == 0) {
            release(o);
        } else if (orderTimeInForce[o] == OuchTypes.TIF_IMMEDIATE_OR_CANCEL) {
            cancelRemainder(o, CANCEL_IOC, timestamp);
        } else if (!rest(o)) {
            cancelRemainder(o, CANCEL_SYSTEM, timestamp);
        } else if (displayed(o)) {
            long at = itch.claim();
            int locate = orderSymbol[o] + 1;
            byte indicator = orderSide[o] == BID ? OuchTypes.BUY : OuchTypes.SELL;
            int length = orderDisplay[o] == 'A'
                    ? ItchEncoder.addOrderMpid(itch.segment(), at, locate, 0, timestamp, orderRef[o], indicator,
                            orderShares[o], stocks[orderSymbol[o]], orderPrice[o], orderFirm[o])
                    : ItchEncoder.addOrder(itch.segment(), at, locate, 0, timestamp, orderRef[o], indicator,
                            orderShares[o], stocks[orderSymbol[o]], orderPrice[o]);
            itch.commit(at, length);
        }
    }

    private void match(int o, long timestamp) {
        int b = book(orderSymbol[o], 1 - orderSide[o]);
        int[] keys = levelKey[b];
        while (orderShares[o] > 0 && levelCount[b] > 0) {
            int level = levelCount[b] - 1;
            int price = orderSide[o] == BID ? -keys[level] : keys[level];
            if (orderSide[o] == BID ? price > orderPrice[o] : price < orderPrice[o]) {
                return;
            }
            int r = levelHead[b][level];
            int quantity = Math.min(orderShares[o], orderShares[r]);
            fill(o, r, quantity, price, timestamp);
            orderShares[o] -= quantity;
            orderShares[r] -= quantity;
            levelShares[b][level] -= quantity;
            if (displayed(r)) {
                levelDisplayed[b][level] -= quantity;
            }
            if (orderShares[r] == 0) {
                unlink(r, b, level);
                release(r);
            }
        }
    }

    private void fill(int taker, int maker, int quantity, int price, long timestamp) {
        long match = nextMatch++;
        executions++;
        sharesTraded += quantity;
        int symbol = orderSymbol[maker];
        long at = itch.claim();
        int length = displayed(maker)
                ? ItchEncoder.orderExecuted(itch.segment(), at, symbol + 1, 0, timestamp, orderRef[maker], quantity, match)
                : ItchEncoder.trade(itch.segment(), at, symbol + 1, 0, timestamp, 0,
                        orderSide[maker] == BID ? OuchTypes.BUY : OuchTypes.SELL, quantity, stocks[symbol], price, match);
        itch.commit(at, length);
        sendExecuted(maker, quantity, price, displayed(maker) ? LIQUIDITY_ADDED : LIQUIDITY_NON_DISPLAYED_ADDED, match,
                timestamp);
        sendExecuted(taker, quantity, price, LIQUIDITY_REMOVED, match, timestamp);
        long signed = orderSide[taker] == BID ? quantity : -quantity;
        positions[orderAccount[taker] * symbols + symbol] += signed;
        positions[orderAccount[maker] * symbols + symbol] -= signed;
    }

    private boolean crosses(int o) {
        int b = book(orderSymbol[o], 1 - orderSide[o]);
        if (levelCount[b] == 0) {
            return false;
        }
        int key = levelKey[b][levelCount[b] - 1];
        return orderSide[o] == BID ? -key <= orderPrice[o] : key >= orderPrice[o];
    }

    /** Sets the open shares of a resting order to {@code size} (less than now), writing ITCH X, or D at 0. */
    private void reduce(int o, int size, long timestamp) {
        int b = book(orderSymbol[o], orderSide[o]);
        int level = findLevel(b, key(orderSide[o], orderPrice[o]));
        int decrement = orderShares[o] - size;
        boolean shown = displayed(o);
        levelShares[b][level] -= decrement;
        if (shown) {
            levelDisplayed[b][level] -= decrement;
            long at = itch.claim();
            int length = size == 0
                    ? ItchEncoder.orderDelete(itch.segment(), at, orderSymbol[o] + 1, 0, timestamp, orderRef[o])
                    : ItchEncoder.orderCancel(itch.segment(), at, orderSymbol[o] + 1, 0, timestamp, orderRef[o], decrement);
            itch.commit(at, length);
        }
        orderShares[o] = size;
        if (size == 0) {
            unlink(o, b, level);
            release(o);
        }
    }

    /** Appends the order at the back of its level, creating the level; false if the side has no room for a level. */
    private boolean rest(int o) {
        int b = book(orderSymbol[o], orderSide[o]);
        int key = key(orderSide[o], orderPrice[o]);
        int level = findLevel(b, key);
        if (level < 0) {
            if (levelCount[b] == maxLevels) {
                return false;
            }
            level = -level - 1;
            int move = levelCount[b] - level;
            System.arraycopy(levelKey[b], level, levelKey[b], level + 1, move);
            System.arraycopy(levelHead[b], level, levelHead[b], level + 1, move);
            System.arraycopy(levelTail[b], level, levelTail[b], level + 1, move);
            System.arraycopy(levelShares[b], level, levelShares[b], level + 1, move);
            System.arraycopy(levelDisplayed[b], level, levelDisplayed[b], level + 1, move);
            levelCount[b]++;
            levelKey[b][level] = key;
            levelHead[b][level] = NONE;
            levelTail[b][level] = NONE;
            levelShares[b][level] = 0;
            levelDisplayed[b][level] = 0;
        }
        int tail = levelTail[b][level];
        orderPrev[o] = tail;
        orderNext[o] = NONE;
        if (tail == NONE) {
            levelHead[b][level] = o;
        } else {
            orderNext[tail] = o;
        }
        levelTail[b][level] = o;
        levelShares[b][level] += orderShares[o];
        if (displayed(o)) {
            levelDisplayed[b][level] += orderShares[o];
        }
        return true;
    }

    /** Takes the order out of its level's queue, removing the level when it empties; shares are the caller's. */
    private void unlink(int o, int b, int level) {
        int prev = orderPrev[o];
        int next = orderNext[o];
        if (prev == NONE) {
            levelHead[b][level] = next;
        } else {
            orderNext[prev] = next;
        }
        if (next == NONE) {
            levelTail[b][level] = prev;
        } else {
            orderPrev[next] = prev;
        }
        if (levelHead[b][level] == NONE) {
            int move = levelCount[b] - level - 1;
            System.arraycopy(levelKey[b], level + 1, levelKey[b], level, move);
            System.arraycopy(levelHead[b], level + 1, levelHead[b], level, move);
            System.arraycopy(levelTail[b], level + 1, levelTail[b], level, move);
            System.arraycopy(levelShares[b], level + 1, levelShares[b], level, move);
            System.arraycopy(levelDisplayed[b], level + 1, levelDisplayed[b], level, move);
            levelCount[b]--;
        }
    }

    private int findLevel(int b, int key) {
        return java.util.Arrays.binarySearch(levelKey[b], 0, levelCount[b], key);
    }

    private int allocate(int account, int symbol, int side, byte indicator, int price, int shares) {
        int o = freeOrder;
        freeOrder = orderNext[o];
        liveOrders++;
        liveByAccount[account]++;
        orderRef[o] = nextRef++;
        orderAccount[o] = account;
        orderSymbol[o] = symbol;
        orderSide[o] = (byte) side;
        orderIndicator[o] = indicator;
        orderPrice[o] = price;
        orderShares[o] = shares;
        return o;
    }

    private void release(int o) {
        if (orderToken[o] != NONE) {
            tokens.value(orderToken[o], TokenTable.DEAD);
        }
        orderRef[o] = 0;
        orderNext[o] = freeOrder;
        freeOrder = o;
        liveOrders--;
        liveByAccount[orderAccount[o]]--;
    }

    private void cancelRemainder(int o, byte reason, long timestamp) {
        if (orderToken[o] != NONE) {
            tokens.token(orderToken[o], ownerToken);
            sendCanceled(orderAccount[o], ownerToken, orderShares[o], reason, timestamp);
        }
        release(o);
    }

    /** The slot of the account's live order with this token, or -1. */
    private int live(int account, byte[] t) {
        int entry = tokens.find(TokenTable.hi(t), TokenTable.lo(t, account));
        return entry < 0 ? NONE : tokens.value(entry);
    }

    private RejectReason check(int shares, int price, byte display, int minimumQuantity) {
        if (shares <= 0 || shares > maxShares) {
            return RejectReason.INVALID_SHARES;
        }
        if (price <= 0 || price > OuchTypes.MAX_PRICE) {
            return RejectReason.INVALID_PRICE;
        }
        if (display != 'A' && display != 'Y' && display != 'N') {
            return RejectReason.INVALID_DISPLAY;
        }
        return minimumQuantity != 0 ? RejectReason.INVALID_MINIMUM_QUANTITY : null;
    }

    private boolean displayed(int o) {
        return orderDisplay[o] != 'N';
    }

    private static int side(byte indicator) {
        return switch (indicator) {
            case OuchTypes.BUY -> BID;
            case OuchTypes.SELL, OuchTypes.SELL_SHORT, OuchTypes.SELL_SHORT_EXEMPT -> ASK;
            default -> NONE;
        };
    }

    private static int book(int symbol, int side) {
        return symbol * 2 + side;
    }

    private static int key(int side, int price) {
        return side == BID ? price : -price;
    }

    // ---------------------------------------------------------------- OUCH responses

    private void sendAccepted(int o, long timestamp) {
        int account = orderAccount[o];
        long at = ouch.claim(account, OrderAccepted.LENGTH);
        if (at < 0) {
            responsesLost++;
            return;
        }
        tokens.token(orderToken[o], ownerToken);
        acceptedMessage.wrapForEncode(ouch.segment(account), at).timestamp(timestamp).orderToken(ownerToken)
                .buySellIndicator(orderIndicator[o]).shares(orderShares[o]).stock(stocks[orderSymbol[o]])
                .price(orderPrice[o]).timeInForce(orderTimeInForce[o]).firm(orderFirm[o]).display(orderDisplay[o])
                .orderReferenceNumber(orderRef[o]).capacity(orderCapacity[o]).intermarketSweepEligibility(orderSweep[o])
                .minimumQuantity(0).crossType((byte) 'N').orderState(OuchTypes.ORDER_STATE_LIVE)
                .bboWeightIndicator((byte) ' ');
        ouch.commit(account, at, OrderAccepted.LENGTH);
    }

    /** Order Replaced for the order's current token; {@link #previousToken} holds the replaced one. */
    private void sendReplaced(int o, long timestamp) {
        int account = orderAccount[o];
        long at = ouch.claim(account, OrderReplaced.LENGTH);
        if (at < 0) {
            responsesLost++;
            return;
        }
        tokens.token(orderToken[o], ownerToken);
        replacedMessage.wrapForEncode(ouch.segment(account), at).timestamp(timestamp).replacementOrderToken(ownerToken)
                .buySellIndicator(orderIndicator[o]).shares(orderShares[o]).stock(stocks[orderSymbol[o]])
                .price(orderPrice[o]).timeInForce(orderTimeInForce[o]).firm(orderFirm[o]).display(orderDisplay[o])
                .orderReferenceNumber(orderRef[o]).capacity(orderCapacity[o]).intermarketSweepEligibility(orderSweep[o])
                .minimumQuantity(0).crossType((byte) 'N').orderState(OuchTypes.ORDER_STATE_LIVE)
                .previousOrderToken(previousToken).bboWeightIndicator((byte) ' ');
        ouch.commit(account, at, OrderReplaced.LENGTH);
    }

    private void sendExecuted(int o, int quantity, int price, byte liquidity, long match, long timestamp) {
        if (orderToken[o] == NONE) {
            return;
        }
        int account = orderAccount[o];
        long at = ouch.claim(account, OrderExecuted.LENGTH);
        if (at < 0) {
            responsesLost++;
            return;
        }
        tokens.token(orderToken[o], ownerToken);
        executedMessage.wrapForEncode(ouch.segment(account), at).timestamp(timestamp).orderToken(ownerToken)
                .executedShares(quantity).executionPrice(price).liquidityFlag(liquidity).matchNumber(match);
        ouch.commit(account, at, OrderExecuted.LENGTH);
    }

    private void sendCanceled(int account, byte[] t, int decrement, byte reason, long timestamp) {
        long at = ouch.claim(account, OrderCanceled.LENGTH);
        if (at < 0) {
            responsesLost++;
            return;
        }
        canceledMessage.wrapForEncode(ouch.segment(account), at).timestamp(timestamp).orderToken(t)
                .decrementShares(decrement).reason(reason);
        ouch.commit(account, at, OrderCanceled.LENGTH);
    }

    private void reject(int account, byte[] t, RejectReason reason, long timestamp) {
        rejected[reason.ordinal()]++;
        rejectedByAccount[account]++;
        if (reason == RejectReason.DUPLICATE_TOKEN) {
            duplicateTokensByAccount[account]++;
        }
        long at = ouch.claim(account, OrderRejected.LENGTH);
        if (at < 0) {
            responsesLost++;
            return;
        }
        rejectedMessage.wrapForEncode(ouch.segment(account), at).timestamp(timestamp).orderToken(t).reason(reason.code());
        ouch.commit(account, at, OrderRejected.LENGTH);
    }

    private void cancelReject(int account, byte[] t, long timestamp) {
        rejected[RejectReason.UNKNOWN_TOKEN.ordinal()]++;
        rejectedByAccount[account]++;
        long at = ouch.claim(account, CancelReject.LENGTH);
        if (at < 0) {
            responsesLost++;
            return;
        }
        cancelRejectMessage.wrapForEncode(ouch.segment(account), at).timestamp(timestamp).orderToken(t);
        ouch.commit(account, at, CancelReject.LENGTH);
    }

    // ---------------------------------------------------------------- views and counters

    public int symbols() {
        return symbols;
    }

    public int accounts() {
        return accounts;
    }

    /** The index of a configured symbol, or -1. */
    public int symbol(String stock) {
        return (int) symbolByStock.get(OuchTypes.stock(stock));
    }

    public int levelCount(int symbol, int side) {
        return levelCount[book(symbol, side)];
    }

    /** Price of the level at {@code rank} (0 = best). */
    public int levelPrice(int symbol, int side, int rank) {
        int b = book(symbol, side);
        int key = levelKey[b][levelCount[b] - 1 - rank];
        return side == BID ? key : -key;
    }

    /** All open shares at the level, displayed or not. */
    public long levelShares(int symbol, int side, int rank) {
        int b = book(symbol, side);
        return levelShares[b][levelCount[b] - 1 - rank];
    }

    /** Displayed open shares at the level: what ITCH shows. */
    public long levelDisplayedShares(int symbol, int side, int rank) {
        int b = book(symbol, side);
        return levelDisplayed[b][levelCount[b] - 1 - rank];
    }

    /** Reference number of the order in {@code slot}, 0 if the slot is free. */
    public long orderRef(int slot) {
        return orderRef[slot];
    }

    /** Net shares bought (positive) or sold (negative) by the account in the symbol. */
    public long position(int account, int symbol) {
        return positions[account * symbols + symbol];
    }

    public int liveOrders() {
        return liveOrders;
    }

    /** Live orders of one account. */
    public int liveOrders(int account) {
        return liveByAccount[account];
    }

    /** Enter Orders received from one account. */
    public long ordersReceived(int account) {
        return receivedByAccount[account];
    }

    /** Rejects and cancel rejects sent to one account. */
    public long rejected(int account) {
        return rejectedByAccount[account];
    }

    /** Enters and replaces of one account refused for a token it had already used. */
    public long duplicateTokens(int account) {
        return duplicateTokensByAccount[account];
    }

    /** Orders of one account cancelled because its session ended ({@link #cancelAll}). */
    public long canceledOnDisconnect(int account) {
        return canceledOnDisconnect[account];
    }

    public long ordersReceived() {
        return ordersReceived;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected(RejectReason reason) {
        return rejected[reason.ordinal()];
    }

    public long rejected() {
        long sum = 0;
        for (long r : rejected) {
            sum += r;
        }
        return sum;
    }

    public long executions() {
        return executions;
    }

    public long sharesTraded() {
        return sharesTraded;
    }

    public long canceled() {
        return canceled;
    }

    public long replaced() {
        return replaced;
    }

    public long modified() {
        return modified;
    }

    /** Responses the output could not take (no session for the account, or no room). */
    public long responsesLost() {
        return responsesLost;
    }
}
