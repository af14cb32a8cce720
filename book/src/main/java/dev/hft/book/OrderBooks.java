package dev.hft.book;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The books of one shard and the pools they share, applying the ITCH 5.0 book semantics. One thread owns it.
 *
 * <p>Three flat pools, preallocated from the order capacity:
 * <ul>
 * <li><b>orders</b>, 16 bytes each in an {@code int[]} (shares, level, queue links), <em>indexed by the
 * reference</em>: a ring of
 * 2^k slots holds the orders of the references in a window {@code [base, base + 2^k)}, each at slot
 * {@code ref mod 2^k}, so an order is found with one read and no stored key. NASDAQ assigns references in
 * increasing order through the day; the window follows the newest reference, and an order the window leaves
 * behind (still resting) moves to an overflow area at the end of the same array, found through a
 * {@link RefMap}, as does a reference that is older than the window or far ahead of it.</li>
 * <li><b>levels</b>, a {@code long[]}, 4 longs per level (shares, price, queue head and tail, owner and order count): one record
 * per level, each level a FIFO doubly linked queue of its orders (time priority).</li>
 * <li><b>the side arena</b>, a {@code long[]}: per book and side, a block of entries {@code key << 31 | level} sorted by price with
 * the best level last (see {@link OrderBook}); a side that fills its block moves to one twice as large in the
 * same arena, so books never allocate on their own.</li>
 * </ul>
 * Something allocates only when one of the three (or the overflow map) is full; that is counted in
 * {@link #poolGrowths()}, and done ahead of need by {@link #reserve()}.
 *
 * <p>Bad input never throws: it is counted by {@link BookAnomaly} and skipped (or clamped) so no book is
 * corrupted. Stock locates are 0..65535; books are created on first use. Prices are as on the wire, 0..2^32-1;
 * shares are as on the wire, 1..2^32-1.
 */
public final class OrderBooks {

    public static final int MAX_LOCATE = 65535;
    /** Initial block of each book side in the side arena, in levels (rounded up to a power of two). */
    public static final int DEFAULT_LEVELS_PER_SIDE = 16;

    private static final int NONE = -1;
    private static final float LOAD_FACTOR = 0.65f;
    private static final int MIN_OVERFLOW = 16;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long HIGH = ~LOW;

    /**
     * Order record, 4 ints: shares (unsigned), level (0 for a free slot: level 0 is never used), and the queue
     * links, order ids (for a free overflow slot, next is the next free one). Separate ints, so unlinking an
     * order writes its neighbours with plain stores: a cache miss on a neighbour then does not stall the way a
     * read-modify-write of a packed long does.
     */
    private static final int ORDER_INTS = 4;
    private static final int SHARES = 0;
    private static final int LEVEL = 1;
    private static final int PREV = 2;
    private static final int NEXT = 3;

    /** Level record: 4 longs. */
    private static final int LEVEL_LONGS = 4;
    private static final int L_SHARES = 0;
    private static final int L_PRICE = 1;
    /** head << 32 | tail (order ids); for a free level, the next free level. */
    private static final int L_QUEUE = 2;
    /** owner << 32 | orders, owner = locate << 1 | side: adding an order is {@code += 1}. */
    private static final int L_OWNER = 3;

    private final OrderBook[] books = new OrderBook[MAX_LOCATE + 1];
    private final long[] anomalies = new long[BookAnomaly.values().length];
    private BookObserver observer = BookObserver.NONE;
    private long poolGrowths;
    private long inlineGrowths;
    /** Locates of books with a side more than 3/4 of its block, moved to a bigger one by {@link #reserve()}. */
    private final int[] pendingBooks = new int[MAX_LOCATE + 1];
    private int pendingBookCount;

    /** Live orders the order table is sized for; {@link #reserve()} doubles it when 3/4 are used. */
    private int capacity;
    private int[] orders;
    /** Order ids below this are ring slots; the overflow area follows. */
    private int ringSlots;
    private int ringMask;
    private int ringBits;
    /** The references {@code [base, base + ringSlots)} rest in the ring. */
    private long base;
    private int ringLive;
    private int overflowSlots;
    private int freeOverflow;
    private int overflowLive;
    /** The reference of each overflow order, at {@code id - ringSlots}. */
    private long[] overflowRefs;
    private RefMap overflowMap;
    private int mapCapacity;
    private int liveOrders;

    private long[] levels;
    private int freeLevel;
    private int liveLevels;

    long[] sideArena;
    /**
     * Per book side, at {@code (locate << 1 | side) * 4}: first entry of its block in {@link #sideArena}, entries
     * in use, block length.
     */
    final int[] sides = new int[(MAX_LOCATE + 1) * 2 * 4];
    static final int BASE = 0;
    static final int COUNT = 1;
    static final int BLOCK = 2;
    private int arenaTop;
    /** Per block size (log2): first free block, or NONE; a free block's first entry holds the next one. */
    private final int[] freeBlocks = new int[32];
    private final int minBlock;

    /**
     * @param orderCapacity resting orders held before the order table grows
     * @param levelCapacity price levels (all books, both sides) held before the level pool grows
     */
    public OrderBooks(int orderCapacity, int levelCapacity) {
        this(orderCapacity, levelCapacity, DEFAULT_LEVELS_PER_SIDE);
    }

    /**
     * @param orderCapacity resting orders held before the order table grows
     * @param levelCapacity price levels (all books, both sides) held before the level pool grows; the side arena
     *                      holds four entries per level
     * @param levelsPerSide levels a book side holds before it moves to a bigger block of the side arena
     */
    public OrderBooks(int orderCapacity, int levelCapacity, int levelsPerSide) {
        if (orderCapacity < 1 || levelCapacity < 1 || levelsPerSide < 1) {
            throw new IllegalArgumentException("capacities must be positive: orders " + orderCapacity + ", levels "
                    + levelCapacity + ", levels per side " + levelsPerSide);
        }
        allocateOrders(orderCapacity);
        levels = new long[0];
        freeLevel = NONE;
        growLevels(levelCapacity);
        minBlock = Integer.highestOneBit(Math.max(2, levelsPerSide) * 2 - 1);
        Arrays.fill(freeBlocks, NONE);
        sideArena = new long[Math.max(64 * minBlock, 4 * levelCapacity)];
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

    /** Times the order table, its overflow map, the level pool or the side arena had to grow (each allocates). */
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

    /** Bytes held by the order table, its overflow map, the level pool and the side arena (array payloads). */
    public long footprintBytes() {
        return (long) orders.length * Integer.BYTES
                + ((long) overflowRefs.length + levels.length + sideArena.length) * Long.BYTES
                + 2L * overflowMap.capacity() * Long.BYTES;
    }

    /**
     * Grows, ahead of need, whatever is more than 3/4 full: the order table (rebuilt for twice the live orders),
     * its overflow area and map, the level pool, the side arena; and moves each book side more than 3/4 of its
     * block to a block twice as large, so the hot path rarely has to. Call off the hot path: the stage calls it
     * when its input ring is idle.
     *
     * @return true if something grew (allocated)
     */
    public boolean reserve() {
        long before = poolGrowths;
        if (liveOrders > capacity - capacity / 4) {
            rebuildOrders(capacity * 2);
            poolGrowths++;
        } else if (overflowLive > overflowSlots - overflowSlots / 4) {
            growOverflow();
        }
        if (overflowMap.reserveSpill()) {
            mapCapacity = overflowMap.capacity();
            poolGrowths++;
        }
        int levelCapacity = levels.length / LEVEL_LONGS - 1;
        if (liveLevels > levelCapacity - levelCapacity / 4) {
            growLevels(levelCapacity * 2);
        }
        for (int i = 0; i < pendingBookCount; i++) {
            OrderBook book = books[pendingBooks[i]];
            book.growPending = false;
            for (int s = (book.locate << 1) * 4; s <= (book.locate << 1 | 1) * 4; s += 4) {
                if (sides[s + COUNT] > sides[s + BLOCK] - sides[s + BLOCK] / 4) {
                    moveSide(s, sides[s + BLOCK] * 2);
                }
            }
        }
        pendingBookCount = 0;
        levelCapacity = levels.length / LEVEL_LONGS - 1;
        if (arenaTop > sideArena.length - sideArena.length / 4 || sideArena.length < 4 * levelCapacity) {
            growArena(Math.max(2 * sideArena.length, 4 * levelCapacity));
        }
        return poolGrowths != before;
    }

    /** Live orders the order table is sized for before {@link #reserve()} grows it. */
    public int orderCapacity() {
        return capacity;
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

    /**
     * A and F. {@code side} is {@link OrderBook#BID} or {@link OrderBook#ASK}; see {@link #side(byte)}.
     * {@code shares} and {@code price} are as on the wire (Integer, Price(4)): 0..2^32-1; shares outside
     * 1..2^32-1 are counted as {@link BookAnomaly#ZERO_SHARES} and nothing is added.
     */
    public void add(int locate, long ref, int side, long shares, long price) {
        if (side != OrderBook.BID && side != OrderBook.ASK) {
            count(BookAnomaly.INVALID_SIDE);
        } else if (shares <= 0 || shares > LOW) {
            count(BookAnomaly.ZERO_SHARES);
        } else {
            insert(bookFor(locate), ref, side, shares, price, BookAnomaly.DUPLICATE_ADD);
        }
    }

    /** E: executes shares of a resting order at its price. */
    public void execute(int locate, long ref, long shares, long matchNumber) {
        int order = lookup(locate, ref, BookAnomaly.UNKNOWN_ORDER_E);
        if (order != NONE) {
            executed(order, (byte) 'E', levels[level(order) * LEVEL_LONGS + L_PRICE], shares, matchNumber);
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
        int side = owner(level(order)) & 1;
        remove(order);
        if (shares <= 0 || shares > LOW) {
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
        return find(ref) != NONE;
    }

    /** Resting shares of the order, or -1 if it is not resting. */
    public long orderShares(long ref) {
        int order = find(ref);
        return order == NONE ? -1 : shares(order);
    }

    /** Price of the resting order, or -1 if it is not resting. */
    public long orderPrice(long ref) {
        int order = find(ref);
        return order == NONE ? -1 : levels[level(order) * LEVEL_LONGS + L_PRICE];
    }

    /** Side of the resting order, or -1 if it is not resting. */
    public int orderSide(long ref) {
        int order = find(ref);
        return order == NONE ? -1 : owner(level(order)) & 1;
    }

    /** Queue position: shares of the orders ahead of it at its level, or -1 if it is not resting. O(position). */
    public long sharesAhead(long ref) {
        int order = find(ref);
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
        for (int o = head(book.level(side, rank)); o != NONE && n < refs.length; o = next(o)) {
            refs[n++] = ref(o);
        }
        return n;
    }

    // ---- read side for OrderBook ------------------------------------------------------------------------

    long levelPrice(int level) {
        return levels[level * LEVEL_LONGS + L_PRICE];
    }

    long levelShares(int level) {
        return levels[level * LEVEL_LONGS + L_SHARES];
    }

    int levelOrders(int level) {
        return (int) levels[level * LEVEL_LONGS + L_OWNER];
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
        OrderBook book = new OrderBook(this, locate);
        books[locate] = book;
        return book;
    }

    private void count(BookAnomaly reason) {
        anomalies[reason.ordinal()]++;
    }

    /** The order id of a resting {@code ref}, or NONE. */
    private int find(long ref) {
        if ((ref - base) >>> ringBits == 0) {
            int slot = (int) ref & ringMask;
            if (orders[slot * ORDER_INTS + LEVEL] != 0) {
                return slot;
            }
        }
        return overflowLive == 0 ? NONE : overflowMap.get(ref);
    }

    private int lookup(int locate, long ref, BookAnomaly unknown) {
        int order = find(ref);
        if (order == NONE) {
            count(unknown);
            return NONE;
        }
        if (owner(level(order)) >>> 1 != locate) {
            count(BookAnomaly.LOCATE_MISMATCH);
            return NONE;
        }
        return order;
    }

    private void executed(int order, byte type, long price, long shares, long matchNumber) {
        int owner = owner(level(order));
        OrderBook book = books[owner >>> 1];
        book.executedShares += shares;
        reduce(order, shares, BookAnomaly.EXECUTE_OVERSIZE);
        observer.trade(book, type, owner & 1, price, shares, matchNumber);
    }

    private void reduce(int order, long shares, BookAnomaly oversize) {
        long resting = orders[order * ORDER_INTS + SHARES] & LOW;
        if (shares >= resting) {
            if (shares > resting) {
                count(oversize);
            }
            remove(order);
        } else if (shares > 0) {
            int level = orders[order * ORDER_INTS + LEVEL];
            orders[order * ORDER_INTS + SHARES] = (int) (resting - shares);
            levels[level * LEVEL_LONGS + L_SHARES] -= shares;
            int owner = owner(level);
            observer.levelChanged(books[owner >>> 1], owner & 1, levels[level * LEVEL_LONGS + L_PRICE]);
        }
    }

    /** Adds the order unless {@code ref} is live, which is counted as {@code live}. */
    private void insert(OrderBook book, long ref, int side, long shares, long price, BookAnomaly live) {
        int order = place(ref);
        if (order == NONE) {
            count(live);
            return;
        }
        int[] o = orders;
        book.active = true;
        int level = findOrAddLevel(book.locate << 1 | side, price);
        long[] l = levels;
        int at = order * ORDER_INTS;
        int la = level * LEVEL_LONGS;
        long queue = l[la + L_QUEUE];
        int tail = (int) queue;
        o[at + SHARES] = (int) shares;
        o[at + LEVEL] = level;
        o[at + PREV] = tail;
        o[at + NEXT] = NONE;
        if (tail == NONE) {
            l[la + L_QUEUE] = (long) order << 32 | order & LOW;
        } else {
            o[tail * ORDER_INTS + NEXT] = order;
            l[la + L_QUEUE] = queue & HIGH | order & LOW;
        }
        l[la + L_SHARES] += shares;
        l[la + L_OWNER]++;
        liveOrders++;
        observer.levelChanged(book, side, price);
    }

    /** The level at {@code price} on the owner's side, created (empty, in price order) if there is none. */
    private int findOrAddLevel(int owner, long price) {
        long key = OrderBook.key(owner & 1, price);
        long[] a = sideArena;
        int s = owner * 4;
        int base = sides[s + BASE];
        int count = sides[s + COUNT];
        int at = lowerBound(a, base, count, key);
        if (at < base + count) {
            long entry = a[at];
            if (entry >>> OrderBook.KEY_SHIFT == key) {
                return (int) (entry & OrderBook.LEVEL_MASK);
            }
        }
        return addLevel(owner, price, key, at - base);
    }

    /**
     * The first index of {@code a[from, from + count)} whose key is not below {@code key}, or {@code from + count}.
     * No early exit: one compare per halving, which C2 turns into a conditional move.
     */
    private static int lowerBound(long[] a, int from, int count, long key) {
        int at = from;
        for (int n = count; n > 1; ) {
            int half = n >>> 1;
            at = a[at + half - 1] >>> OrderBook.KEY_SHIFT < key ? at + half : at;
            n -= half;
        }
        return count > 0 && a[at] >>> OrderBook.KEY_SHIFT < key ? at + 1 : at;
    }

    /** A new level at {@code index} of the owner's side (its place in price order). */
    private int addLevel(int owner, long price, long key, int index) {
        int level = allocateLevel(owner, price);
        int s = owner * 4;
        int count = sides[s + COUNT];
        int block = sides[s + BLOCK];
        if (count == block) {
            block = Math.max(minBlock, 2 * count);
            moveSide(s, block);
        }
        long[] a = sideArena;
        int at = sides[s + BASE] + index;
        System.arraycopy(a, at, a, at + 1, count - index);
        a[at] = key << OrderBook.KEY_SHIFT | level;
        sides[s + COUNT] = ++count;
        if (count > block - block / 4) {
            OrderBook book = books[owner >>> 1];
            if (!book.growPending) {
                book.growPending = true;
                pendingBooks[pendingBookCount++] = book.locate;
            }
        }
        return level;
    }

    private void remove(int order) {
        int[] o = orders;
        long[] l = levels;
        int at = order * ORDER_INTS;
        int level = o[at + LEVEL];
        int la = level * LEVEL_LONGS;
        int prev = o[at + PREV];
        int next = o[at + NEXT];
        if (prev == NONE) {
            l[la + L_QUEUE] = (long) next << 32 | l[la + L_QUEUE] & LOW;
        } else {
            o[prev * ORDER_INTS + NEXT] = next;
        }
        if (next == NONE) {
            l[la + L_QUEUE] = l[la + L_QUEUE] & HIGH | prev & LOW;
        } else {
            o[next * ORDER_INTS + PREV] = prev;
        }
        l[la + L_SHARES] -= o[at + SHARES] & LOW;
        long ownerOrders = --l[la + L_OWNER];
        o[at + LEVEL] = 0;
        if (order >= ringSlots) {
            releaseOverflow(order);
        } else {
            ringLive--;
        }
        liveOrders--;
        int owner = (int) (ownerOrders >>> 32);
        long price = l[la + L_PRICE];
        if ((int) ownerOrders == 0) {
            removeLevel(owner, price, level);
        }
        observer.levelChanged(books[owner >>> 1], owner & 1, price);
    }

    private void releaseOverflow(int order) {
        overflowMap.remove(overflowRefs[order - ringSlots]);
        orders[order * ORDER_INTS + NEXT] = freeOverflow;
        freeOverflow = order;
        overflowLive--;
    }

    /** Takes the emptied {@code level} out of its side and frees it. */
    private void removeLevel(int owner, long price, int level) {
        long key = OrderBook.key(owner & 1, price);
        long[] a = sideArena;
        int s = owner * 4;
        int base = sides[s + BASE];
        int count = sides[s + COUNT];
        int at = lowerBound(a, base, count, key);
        if (at == base + count || a[at] >>> OrderBook.KEY_SHIFT != key) {
            throw new IllegalStateException("level " + price + " missing from book " + (owner >>> 1) + " side " + (owner & 1));
        }
        System.arraycopy(a, at + 1, a, at, base + count - 1 - at);
        sides[s + COUNT] = count - 1;
        levels[level * LEVEL_LONGS + L_QUEUE] = freeLevel;
        freeLevel = level;
        liveLevels--;
    }

    private int level(int order) {
        return orders[order * ORDER_INTS + LEVEL];
    }

    private long shares(int order) {
        return orders[order * ORDER_INTS + SHARES] & LOW;
    }

    /** The reference of a resting order. */
    private long ref(int order) {
        if (order >= ringSlots) {
            return overflowRefs[order - ringSlots];
        }
        // The one reference in [base, base + ringSlots) whose slot is this one.
        return base + ((order - base) & ringMask);
    }

    private int owner(int level) {
        return (int) (levels[level * LEVEL_LONGS + L_OWNER] >>> 32);
    }

    private int prev(int order) {
        return orders[order * ORDER_INTS + PREV];
    }

    private int next(int order) {
        return orders[order * ORDER_INTS + NEXT];
    }

    private int head(int level) {
        return (int) (levels[level * LEVEL_LONGS + L_QUEUE] >> 32);
    }

    private int allocateLevel(int owner, long price) {
        if (freeLevel == NONE) {
            growLevels(2 * (levels.length / LEVEL_LONGS - 1));
            inlineGrowths++;
        }
        int level = freeLevel;
        int la = level * LEVEL_LONGS;
        freeLevel = (int) levels[la + L_QUEUE];
        liveLevels++;
        levels[la + L_SHARES] = 0;
        levels[la + L_PRICE] = price;
        levels[la + L_QUEUE] = -1L;
        levels[la + L_OWNER] = (long) owner << 32;
        return level;
    }

    /** Grows the level pool to hold {@code capacity} levels (ids 1..capacity; 0 is never used). */
    private void growLevels(int capacity) {
        int old = levels.length / LEVEL_LONGS;
        levels = Arrays.copyOf(levels, (capacity + 1) * LEVEL_LONGS);
        for (int i = capacity; i >= Math.max(1, old); i--) {
            levels[i * LEVEL_LONGS + L_QUEUE] = freeLevel;
            freeLevel = i;
        }
        poolGrowths++;
    }

    // ---- order table ------------------------------------------------------------------------------------

    private void allocateOrders(int orderCapacity) {
        capacity = orderCapacity;
        long slots = Long.highestOneBit(Math.max(2, (long) Math.ceil(orderCapacity / (double) LOAD_FACTOR)) * 2 - 1);
        ringSlots = (int) Math.min(1 << 28, slots);
        ringMask = ringSlots - 1;
        ringBits = Integer.numberOfTrailingZeros(ringSlots);
        ringLive = 0;
        overflowSlots = Math.max(MIN_OVERFLOW, ringSlots / 16);
        orders = new int[(ringSlots + overflowSlots) * ORDER_INTS];
        overflowRefs = new long[overflowSlots];
        freeOverflow = NONE;
        for (int i = ringSlots + overflowSlots - 1; i >= ringSlots; i--) {
            orders[i * ORDER_INTS + NEXT] = freeOverflow;
            freeOverflow = i;
        }
        overflowLive = 0;
        overflowMap = new RefMap(overflowSlots, LOAD_FACTOR);
        mapCapacity = overflowMap.capacity();
    }

    /**
     * The slot for a new order of {@code ref}, or NONE if {@code ref} is resting. A reference ahead of the window
     * moves the window up to it (orders it leaves behind move to the overflow area), unless it is so far ahead
     * that the move would cost more than a few slots while orders rest in the ring: then it goes to the overflow.
     */
    private int place(long ref) {
        long ahead = ref - base - ringSlots;
        if (ahead >= 0 && (ahead < Math.max(64, ringSlots >>> 3) || ringLive == 0)) {
            advance(ref - ringSlots + 1);
        }
        if ((ref - base) >>> ringBits == 0) {
            int slot = (int) ref & ringMask;
            if (orders[slot * ORDER_INTS + LEVEL] != 0) {
                return NONE;
            }
            if (overflowLive != 0 && overflowMap.get(ref) != RefMap.MISSING) {
                return NONE;
            }
            ringLive++;
            return slot;
        }
        return insertOverflow(ref);
    }

    /** Moves the window up to start at {@code newBase}: each resting order it leaves behind moves to the overflow. */
    private void advance(long newBase) {
        long end = Math.min(newBase, base + ringSlots);
        for (long ref = base; ref < end && ringLive > 0; ref++) {
            int slot = (int) ref & ringMask;
            if (orders[slot * ORDER_INTS + LEVEL] != 0) {
                evict(slot, ref);
            }
        }
        base = newBase;
    }

    /** Moves the resting order at ring {@code slot} (of {@code ref}) to an overflow slot; its queue is relinked. */
    private void evict(int slot, long ref) {
        int order = insertOverflow(ref);
        int[] o = orders;
        int from = slot * ORDER_INTS;
        int to = order * ORDER_INTS;
        System.arraycopy(o, from, o, to, ORDER_INTS);
        o[from + LEVEL] = 0;
        ringLive--;
        int prev = o[to + PREV];
        int next = o[to + NEXT];
        int la = o[to + LEVEL] * LEVEL_LONGS;
        if (prev == NONE) {
            levels[la + L_QUEUE] = (long) order << 32 | levels[la + L_QUEUE] & LOW;
        } else {
            o[prev * ORDER_INTS + NEXT] = order;
        }
        if (next == NONE) {
            levels[la + L_QUEUE] = levels[la + L_QUEUE] & HIGH | order & LOW;
        } else {
            o[next * ORDER_INTS + PREV] = order;
        }
    }

    /** Takes an overflow slot for {@code ref}; NONE if {@code ref} is already there. */
    private int insertOverflow(long ref) {
        if (freeOverflow == NONE) {
            growOverflow();
            inlineGrowths++;
        }
        int order = freeOverflow;
        if (overflowMap.putIfAbsent(ref, order) != RefMap.MISSING) {
            return NONE;
        }
        if (overflowMap.capacity() != mapCapacity) {
            mapCapacity = overflowMap.capacity();
            poolGrowths++;
            inlineGrowths++;
        }
        freeOverflow = orders[order * ORDER_INTS + NEXT];
        overflowRefs[order - ringSlots] = ref;
        overflowLive++;
        return order;
    }

    /** Doubles the overflow area (order ids do not change) and sizes its map to match. */
    private void growOverflow() {
        int old = overflowSlots;
        overflowSlots = 2 * old;
        orders = Arrays.copyOf(orders, (ringSlots + overflowSlots) * ORDER_INTS);
        overflowRefs = Arrays.copyOf(overflowRefs, overflowSlots);
        for (int i = ringSlots + overflowSlots - 1; i >= ringSlots + old; i--) {
            orders[i * ORDER_INTS + NEXT] = freeOverflow;
            freeOverflow = i;
        }
        overflowMap.reserve(overflowSlots);
        mapCapacity = overflowMap.capacity();
        poolGrowths++;
    }

    /**
     * A new order table for {@code orderCapacity} live orders, its window starting at the oldest reference that
     * fits below the newest: every resting order is placed again (order ids change) and each level's queue is
     * relinked in the same order.
     */
    private void rebuildOrders(int orderCapacity) {
        int[] old = orders;
        long[] oldRefs = overflowRefs;
        int oldRing = ringSlots;
        int oldMask = ringMask;
        long oldBase = base;
        long inline = inlineGrowths;
        allocateOrders(orderCapacity);
        base = oldBase;
        long[] l = levels;
        for (int level = 1; level < l.length / LEVEL_LONGS; level++) {
            int la = level * LEVEL_LONGS;
            if ((int) l[la + L_OWNER] == 0) {
                continue;
            }
            int head = NONE;
            int tail = NONE;
            for (int from = (int) (l[la + L_QUEUE] >> 32); from != NONE; from = old[from * ORDER_INTS + NEXT]) {
                long ref = from >= oldRing ? oldRefs[from - oldRing] : oldBase + ((from - oldBase) & oldMask);
                int order;
                if ((ref - base) >>> ringBits == 0) {
                    order = (int) ref & ringMask;
                    ringLive++;
                } else {
                    order = insertOverflow(ref);
                }
                int[] o = orders;
                o[order * ORDER_INTS + SHARES] = old[from * ORDER_INTS + SHARES];
                o[order * ORDER_INTS + LEVEL] = level;
                o[order * ORDER_INTS + PREV] = tail;
                o[order * ORDER_INTS + NEXT] = NONE;
                if (tail == NONE) {
                    head = order;
                } else {
                    o[tail * ORDER_INTS + NEXT] = order;
                }
                tail = order;
            }
            l[la + L_QUEUE] = (long) head << 32 | tail & LOW;
        }
        // The overflow area may have grown while placing; that was in reserve(), not inside a message.
        inlineGrowths = inline;
    }

    // ---- side arena -------------------------------------------------------------------------------------

    /** Moves the entries of the side at {@code s} in {@link #sides} to a free block of {@code size} entries. */
    private void moveSide(int s, int size) {
        int block = allocateBlock(size);
        int old = sides[s + BASE];
        int oldSize = sides[s + BLOCK];
        System.arraycopy(sideArena, old, sideArena, block, sides[s + COUNT]);
        if (oldSize > 0) {
            int log = Integer.numberOfTrailingZeros(oldSize);
            sideArena[old] = freeBlocks[log];
            freeBlocks[log] = old;
        }
        sides[s + BASE] = block;
        sides[s + BLOCK] = size;
    }

    private int allocateBlock(int size) {
        int log = Integer.numberOfTrailingZeros(size);
        int block = freeBlocks[log];
        if (block != NONE) {
            freeBlocks[log] = (int) sideArena[block];
            return block;
        }
        if (arenaTop + size > sideArena.length) {
            growArena(Math.max(2 * sideArena.length, arenaTop + size));
            inlineGrowths++;
        }
        block = arenaTop;
        arenaTop += size;
        return block;
    }

    private void growArena(int length) {
        sideArena = Arrays.copyOf(sideArena, length);
        poolGrowths++;
    }
}
