package dev.hft.book;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The books of one shard and the pools they share, applying the ITCH 5.0 book semantics. One thread owns it.
 *
 * <p>Orders and price levels are struct-of-arrays pools with free lists, preallocated; an order reference
 * maps to its pool index through a {@link RefMap} sized up front. Each level keeps its
 * orders in a FIFO doubly linked list (time priority: an order's queue position is the shares ahead of it).
 * Growth happens only when a pool is full, and is counted in {@link #poolGrowths()}.
 *
 * <p>Bad input never throws: it is counted by {@link BookAnomaly} and skipped (or clamped) so no book is
 * corrupted. Stock locates are 0..65535; books are created on first use.
 */
public final class OrderBooks {

    public static final int MAX_LOCATE = 65535;
    /** Initial length of each book's per-side level arrays. */
    public static final int DEFAULT_LEVELS_PER_SIDE = 16;

    private static final int NONE = -1;
    private static final float LOAD_FACTOR = 0.65f;
    private static final int ORDER_STRIDE = 4;
    private static final int REF = 0;
    private static final int SHARES = 1;
    private static final int LEVEL = 2;
    private static final int LINKS = 3;

    private final OrderBook[] books = new OrderBook[MAX_LOCATE + 1];
    private final long[] anomalies = new long[BookAnomaly.values().length];
    private final RefMap orderByRef;
    private int mapCapacity;
    private BookObserver observer = BookObserver.NONE;
    private long poolGrowths;
    private long inlineGrowths;
    private final int levelsPerSide;
    /** Locates of books with a side more than 3/4 full, grown by {@link #reserve()}. */
    private final int[] pendingBooks = new int[MAX_LOCATE + 1];
    private int pendingBookCount;

    /**
     * The order pool, {@value #ORDER_STRIDE} longs per order so one order is one half cache line: reference,
     * shares, level, and the queue links (previous << 32 | next; for a free order, next is the next free one).
     */
    private long[] orders;
    private int freeOrder;
    private int liveOrders;

    long[] levelPrice;
    long[] levelShares;
    int[] levelOrders;
    /** First order of the level's queue; for a free level, the next free one. */
    private int[] levelHead;
    private int[] levelTail;
    /** locate << 1 | side. */
    private int[] levelOwner;
    private int freeLevel;
    private int liveLevels;

    /**
     * @param orderCapacity resting orders held before the order pool grows
     * @param levelCapacity price levels (all books, both sides) held before the level pool grows
     */
    public OrderBooks(int orderCapacity, int levelCapacity) {
        this(orderCapacity, levelCapacity, DEFAULT_LEVELS_PER_SIDE);
    }

    /**
     * @param orderCapacity resting orders held before the order pool grows
     * @param levelCapacity price levels (all books, both sides) held before the level pool grows
     * @param levelsPerSide price levels each side of each book holds before its arrays grow
     */
    public OrderBooks(int orderCapacity, int levelCapacity, int levelsPerSide) {
        if (orderCapacity < 1 || levelCapacity < 1 || levelsPerSide < 1) {
            throw new IllegalArgumentException("capacities must be positive: orders " + orderCapacity + ", levels "
                    + levelCapacity + ", levels per side " + levelsPerSide);
        }
        this.levelsPerSide = levelsPerSide;
        orderByRef = new RefMap(orderCapacity, LOAD_FACTOR);
        mapCapacity = orderByRef.capacity();
        orders = new long[0];
        freeOrder = NONE;
        growOrders(orderCapacity);
        levelPrice = new long[0];
        levelShares = new long[0];
        levelOrders = new int[0];
        levelHead = new int[0];
        levelTail = new int[0];
        levelOwner = new int[0];
        freeLevel = NONE;
        growLevels(levelCapacity);
        poolGrowths = 0;
    }

    /** A level pool sized from the order capacity: one level per eight orders, at least 1024. */
    public static OrderBooks withOrderCapacity(int orderCapacity) {
        return new OrderBooks(orderCapacity, defaultLevelCapacity(orderCapacity));
    }

    public static int defaultLevelCapacity(int orderCapacity) {
        return Math.max(1024, orderCapacity / 8);
    }

    public void observer(BookObserver observer) {
        this.observer = observer == null ? BookObserver.NONE : observer;
    }

    /** The book of {@code locate}, or null if nothing has referred to it yet. */
    public OrderBook book(int locate) {
        return books[locate];
    }

    public int liveOrders() {
        return liveOrders;
    }

    public long anomalies(BookAnomaly reason) {
        return anomalies[reason.ordinal()];
    }

    /** Times a pool, the reference map or a book's level array had to grow (each allocates). */
    public long poolGrowths() {
        return poolGrowths;
    }

    /**
     * The part of {@link #poolGrowths()} that happened inside a message (something was full), not in
     * {@link #reserve()}: growth on the hot path.
     */
    public long inlineGrowths() {
        return inlineGrowths;
    }

    /**
     * Bytes held by the pools, the reference map and the books' level arrays (array payloads, computed from
     * their lengths; object headers excluded). Walks all books: not for the hot path.
     */
    public long footprintBytes() {
        long bytes = (long) orders.length * Long.BYTES + 2L * orderByRef.capacity() * Long.BYTES
                + (long) levelPrice.length * (2 * Long.BYTES + 4 * Integer.BYTES);
        for (OrderBook book : books) {
            if (book != null) {
                bytes += (long) (book.keys[0].length + book.keys[1].length) * (Long.BYTES + Integer.BYTES);
            }
        }
        return bytes;
    }

    /**
     * Grows, ahead of need, each pool that is more than 3/4 full, the reference map to hold the order pool, and
     * each book side whose level array is more than 3/4 full, so the hot path rarely has to. Call off the hot
     * path: the stage calls it when its input ring is idle.
     *
     * @return true if something grew (allocated)
     */
    public boolean reserve() {
        boolean grew = false;
        int orderCapacity = orderCapacity();
        if (liveOrders > orderCapacity - orderCapacity / 4) {
            growOrders(orderCapacity * 2);
            grew = true;
        }
        if (orderByRef.resizeThreshold() < orderCapacity()) {
            orderByRef.reserve(orderCapacity());
            mapCapacity = orderByRef.capacity();
            poolGrowths++;
            grew = true;
        }
        if (orderByRef.reserveSpill()) {
            mapCapacity = orderByRef.capacity();
            poolGrowths++;
            grew = true;
        }
        if (liveLevels > levelPrice.length - levelPrice.length / 4) {
            growLevels(levelPrice.length * 2);
            grew = true;
        }
        for (int i = 0; i < pendingBookCount; i++) {
            OrderBook book = books[pendingBooks[i]];
            book.growPending = false;
            int grown = book.reserve();
            poolGrowths += grown;
            grew |= grown > 0;
        }
        pendingBookCount = 0;
        return grew;
    }

    /** Orders the pool holds before it grows. */
    public int orderCapacity() {
        return orders.length / ORDER_STRIDE;
    }

    /** Visits every book that exists, in locate order. */
    public void forEachBook(Consumer<OrderBook> action) {
        for (OrderBook book : books) {
            if (book != null) {
                action.accept(book);
            }
        }
    }

    // ---- ITCH messages ----------------------------------------------------------------------------------

    /** R: names the locate. */
    public void stockDirectory(int locate, long stock) {
        OrderBook book = books[locate] == null ? create(locate) : books[locate];
        book.stock = stock;
        book.declared = true;
    }

    /** H: the trading state ('H', 'P', 'Q', 'T'). */
    public void tradingAction(int locate, byte tradingState) {
        OrderBook book = bookFor(locate);
        book.tradingState = tradingState;
        observer.tradingStateChanged(book);
    }

    /** h: the operational halt action ('H' halted, 'T' resumed). */
    public void operationalHalt(int locate, byte action) {
        OrderBook book = bookFor(locate);
        book.operationalHalt = action;
        observer.tradingStateChanged(book);
    }

    /** A and F. {@code side} is {@link OrderBook#BID} or {@link OrderBook#ASK}; see {@link #side(byte)}. */
    public void add(int locate, long ref, int side, long shares, long price) {
        if (side != OrderBook.BID && side != OrderBook.ASK) {
            count(BookAnomaly.INVALID_SIDE);
        } else if (shares <= 0) {
            count(BookAnomaly.ZERO_SHARES);
        } else {
            insert(bookFor(locate), ref, side, shares, price, BookAnomaly.DUPLICATE_ADD);
        }
    }

    /** E: executes shares of a resting order at its price. */
    public void execute(int locate, long ref, long shares, long matchNumber) {
        int order = lookup(locate, ref, BookAnomaly.UNKNOWN_ORDER_E);
        if (order != NONE) {
            executed(order, (byte) 'E', levelPrice[level(order)], shares, matchNumber);
        }
    }

    /** C: executes shares of a resting order at {@code price}; the order stays at its own price. */
    public void executeWithPrice(int locate, long ref, long shares, long matchNumber, long price) {
        int order = lookup(locate, ref, BookAnomaly.UNKNOWN_ORDER_C);
        if (order != NONE) {
            executed(order, (byte) 'C', price, shares, matchNumber);
        }
    }

    /** X: cancels part of a resting order. */
    public void cancel(int locate, long ref, long shares) {
        int order = lookup(locate, ref, BookAnomaly.UNKNOWN_ORDER_X);
        if (order != NONE) {
            reduce(order, shares, BookAnomaly.CANCEL_OVERSIZE);
        }
    }

    /** D: removes a resting order. */
    public void delete(int locate, long ref) {
        int order = lookup(locate, ref, BookAnomaly.UNKNOWN_ORDER_D);
        if (order != NONE) {
            remove(order);
        }
    }

    /** U: removes the original and adds {@code newRef} on the same side and book, at the back of its level. */
    public void replace(int locate, long originalRef, long newRef, long shares, long price) {
        int order = lookup(locate, originalRef, BookAnomaly.UNKNOWN_ORDER_U);
        if (order == NONE) {
            return;
        }
        int side = levelOwner[level(order)] & 1;
        remove(order);
        if (shares <= 0) {
            count(BookAnomaly.ZERO_SHARES);
        } else {
            insert(books[locate], newRef, side, shares, price, BookAnomaly.REPLACE_NEW_REF_LIVE);
        }
    }

    /** P: a trade against a non-displayed order; the book does not change. */
    public void trade(int locate, int side, long shares, long price, long matchNumber) {
        OrderBook book = bookFor(locate);
        book.active = true;
        book.tradesPShares += shares;
        observer.trade(book, (byte) 'P', side, price, shares, matchNumber);
    }

    /** Maps the buy/sell indicator: 'B' to {@link OrderBook#BID}, 'S' to {@link OrderBook#ASK}, else -1. */
    public static int side(byte indicator) {
        return indicator == 'B' ? OrderBook.BID : indicator == 'S' ? OrderBook.ASK : -1;
    }

    // ---- order queries ----------------------------------------------------------------------------------

    public boolean contains(long ref) {
        return orderByRef.get(ref) != NONE;
    }

    /** Resting shares of the order, or -1 if it is not resting. */
    public long orderShares(long ref) {
        int order = orderByRef.get(ref);
        return order == NONE ? -1 : shares(order);
    }

    /** Price of the resting order, or -1 if it is not resting. */
    public long orderPrice(long ref) {
        int order = orderByRef.get(ref);
        return order == NONE ? -1 : levelPrice[level(order)];
    }

    /** Side of the resting order, or -1 if it is not resting. */
    public int orderSide(long ref) {
        int order = orderByRef.get(ref);
        return order == NONE ? -1 : levelOwner[level(order)] & 1;
    }

    /** Queue position: shares of the orders ahead of it at its level, or -1 if it is not resting. O(position). */
    public long sharesAhead(long ref) {
        int order = orderByRef.get(ref);
        if (order == NONE) {
            return -1;
        }
        long ahead = 0;
        for (int o = prev(order); o != NONE; o = prev(o)) {
            ahead += shares(o);
        }
        return ahead;
    }

    /**
     * Copies the references of the orders at a level, front of the queue first, into {@code refs}.
     *
     * @return how many were written (at most {@code refs.length})
     */
    public int queue(OrderBook book, int side, int rank, long[] refs) {
        int n = 0;
        for (int o = levelHead[book.level(side, rank)]; o != NONE && n < refs.length; o = next(o)) {
            refs[n++] = orders[o * ORDER_STRIDE + REF];
        }
        return n;
    }

    // ---- internals --------------------------------------------------------------------------------------

    private OrderBook bookFor(int locate) {
        OrderBook book = books[locate];
        if (book == null) {
            book = create(locate);
            count(BookAnomaly.UNDECLARED_LOCATE);
        }
        return book;
    }

    private OrderBook create(int locate) {
        OrderBook book = new OrderBook(this, locate, levelsPerSide);
        books[locate] = book;
        return book;
    }

    private void count(BookAnomaly reason) {
        anomalies[reason.ordinal()]++;
    }

    private int lookup(int locate, long ref, BookAnomaly unknown) {
        int order = orderByRef.get(ref);
        if (order == NONE) {
            count(unknown);
            return NONE;
        }
        if (levelOwner[level(order)] >>> 1 != locate) {
            count(BookAnomaly.LOCATE_MISMATCH);
            return NONE;
        }
        return order;
    }

    private void executed(int order, byte type, long price, long shares, long matchNumber) {
        int owner = levelOwner[level(order)];
        OrderBook book = books[owner >>> 1];
        book.executedShares += shares;
        reduce(order, shares, BookAnomaly.EXECUTE_OVERSIZE);
        observer.trade(book, type, owner & 1, price, shares, matchNumber);
    }

    private void reduce(int order, long shares, BookAnomaly oversize) {
        long resting = shares(order);
        if (shares >= resting) {
            if (shares > resting) {
                count(oversize);
            }
            remove(order);
        } else if (shares > 0) {
            int level = level(order);
            orders[order * ORDER_STRIDE + SHARES] = resting - shares;
            levelShares[level] -= shares;
            levelChanged(level);
        }
    }

    /** Adds the order unless {@code ref} is live, which is counted as {@code live}; one map probe either way. */
    private void insert(OrderBook book, long ref, int side, long shares, long price, BookAnomaly live) {
        int order = allocateOrder();
        if (orderByRef.putIfAbsent(ref, order) != NONE) {
            links(order, NONE, freeOrder);
            freeOrder = order;
            count(live);
            return;
        }
        if (orderByRef.capacity() != mapCapacity) {
            mapCapacity = orderByRef.capacity();
            poolGrowths++;
            inlineGrowths++;
        }
        book.active = true;
        long key = OrderBook.key(side, price);
        int index = book.search(side, key);
        int level;
        if (index >= 0) {
            level = book.levels[side][index];
        } else {
            level = allocateLevel(book.locate << 1 | side, price);
            if (book.insert(side, -index - 1, key, level)) {
                poolGrowths++;
                inlineGrowths++;
            }
            if (!book.growPending && book.nearlyFull()) {
                book.growPending = true;
                pendingBooks[pendingBookCount++] = book.locate;
            }
        }
        int base = order * ORDER_STRIDE;
        orders[base + REF] = ref;
        orders[base + SHARES] = shares;
        orders[base + LEVEL] = level;
        int tail = levelTail[level];
        links(order, tail, NONE);
        if (tail == NONE) {
            levelHead[level] = order;
        } else {
            links(tail, prev(tail), order);
        }
        levelTail[level] = order;
        levelShares[level] += shares;
        levelOrders[level]++;
        liveOrders++;
        observer.levelChanged(book, side, price);
    }

    private void remove(int order) {
        int base = order * ORDER_STRIDE;
        int level = (int) orders[base + LEVEL];
        int prev = prev(order);
        int next = next(order);
        if (prev == NONE) {
            levelHead[level] = next;
        } else {
            links(prev, prev(prev), next);
        }
        if (next == NONE) {
            levelTail[level] = prev;
        } else {
            links(next, prev, next(next));
        }
        levelShares[level] -= orders[base + SHARES];
        levelOrders[level]--;
        orderByRef.remove(orders[base + REF]);
        links(order, NONE, freeOrder);
        freeOrder = order;
        liveOrders--;
        if (levelOrders[level] == 0) {
            int owner = levelOwner[level];
            OrderBook book = books[owner >>> 1];
            int side = owner & 1;
            long price = levelPrice[level];
            book.remove(side, book.search(side, OrderBook.key(side, price)));
            levelHead[level] = freeLevel;
            freeLevel = level;
            liveLevels--;
            observer.levelChanged(book, side, price);
        } else {
            levelChanged(level);
        }
    }

    private int level(int order) {
        return (int) orders[order * ORDER_STRIDE + LEVEL];
    }

    private long shares(int order) {
        return orders[order * ORDER_STRIDE + SHARES];
    }

    private int prev(int order) {
        return (int) (orders[order * ORDER_STRIDE + LINKS] >> 32);
    }

    private int next(int order) {
        return (int) orders[order * ORDER_STRIDE + LINKS];
    }

    private void links(int order, int prev, int next) {
        orders[order * ORDER_STRIDE + LINKS] = (long) prev << 32 | next & 0xFFFF_FFFFL;
    }

    private void levelChanged(int level) {
        int owner = levelOwner[level];
        observer.levelChanged(books[owner >>> 1], owner & 1, levelPrice[level]);
    }

    private int allocateOrder() {
        if (freeOrder == NONE) {
            growOrders(orders.length / ORDER_STRIDE * 2);
            inlineGrowths++;
        }
        int order = freeOrder;
        freeOrder = next(order);
        return order;
    }

    private int allocateLevel(int owner, long price) {
        if (freeLevel == NONE) {
            growLevels(levelPrice.length * 2);
            inlineGrowths++;
        }
        int level = freeLevel;
        freeLevel = levelHead[level];
        liveLevels++;
        levelPrice[level] = price;
        levelShares[level] = 0;
        levelOrders[level] = 0;
        levelHead[level] = NONE;
        levelTail[level] = NONE;
        levelOwner[level] = owner;
        return level;
    }

    private void growOrders(int capacity) {
        int old = orders.length / ORDER_STRIDE;
        orders = Arrays.copyOf(orders, capacity * ORDER_STRIDE);
        for (int i = capacity - 1; i >= old; i--) {
            links(i, NONE, freeOrder);
            freeOrder = i;
        }
        poolGrowths++;
    }

    private void growLevels(int capacity) {
        int old = levelPrice.length;
        levelPrice = Arrays.copyOf(levelPrice, capacity);
        levelShares = Arrays.copyOf(levelShares, capacity);
        levelOrders = Arrays.copyOf(levelOrders, capacity);
        levelHead = Arrays.copyOf(levelHead, capacity);
        levelTail = Arrays.copyOf(levelTail, capacity);
        levelOwner = Arrays.copyOf(levelOwner, capacity);
        for (int i = capacity - 1; i >= old; i--) {
            levelHead[i] = freeLevel;
            freeLevel = i;
        }
        poolGrowths++;
    }
}
