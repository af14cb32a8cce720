package dev.hft.book;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The books of one shard and the pools they share, applying the ITCH 5.0 book semantics. One thread owns it.
 *
 * <p>Three flat {@code long[]} pools, preallocated from the order capacity:
 * <ul>
 * <li><b>orders</b>, 4 longs per order (reference, shares, level, queue links), <em>stored at the reference</em>:
 * the home slot of a reference is the reference itself folded into the table, so looking an order up is one
 * read of one record (no separate map). A reference whose home slot holds another live order goes to an
 * overflow area at the end of the same array, found through a {@link RefMap}.</li>
 * <li><b>levels</b>, 4 longs per level (shares, price, queue head and tail, owner and order count): one record
 * per level, each level a FIFO doubly linked queue of its orders (time priority).</li>
 * <li><b>the side arena</b>: per book and side, a block of entries {@code key << 31 | level} sorted by price with
 * the best level last (see {@link OrderBook}); a side that fills its block moves to one twice as large in the
 * same arena, so books never allocate on their own.</li>
 * </ul>
 * Something allocates only when one of the three (or the overflow map) is full; that is counted in
 * {@link #poolGrowths()}, and done ahead of need by {@link #reserve()}.
 *
 * <p>Bad input never throws: it is counted by {@link BookAnomaly} and skipped (or clamped) so no book is
 * corrupted. Stock locates are 0..65535; books are created on first use. Prices are as on the wire, 0..2^32-1.
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

    /** Order record: 4 longs, so one order is half a cache line. */
    private static final int ORDER_LONGS = 4;
    private static final int REF = 0;
    private static final int SHARES = 1;
    /** Level id; 0 for a free slot (level 0 is never used). */
    private static final int LEVEL = 2;
    /** prev << 32 | next (order ids); for a free overflow slot, next is the next free one. */
    private static final int LINKS = 3;

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
    private long[] orders;
    /** Order ids below this are home slots; the overflow area follows. */
    private int homeSlots;
    private int homeMask;
    private int homeBits;
    private int overflowSlots;
    private int freeOverflow;
    private int overflowLive;
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
        return ((long) orders.length + levels.length + sideArena.length) * Long.BYTES
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
     * {@code price} is Price(4) as on the wire, 0..2^32-1.
     */
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
        return find(ref) != NONE;
    }

    /** Resting shares of the order, or -1 if it is not resting. */
    public long orderShares(long ref) {
        int order = find(ref);
        return order == NONE ? -1 : orders[order * ORDER_LONGS + SHARES];
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
            ahead += orders[o * ORDER_LONGS + SHARES];
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
            refs[n++] = orders[o * ORDER_LONGS + REF];
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

    private int homeSlot(long ref) {
        return (int) (ref ^ ref >>> homeBits) & homeMask;
    }

    /** The order id of a resting {@code ref}, or NONE. */
    private int find(long ref) {
        int slot = homeSlot(ref);
        long[] o = orders;
        if (o[slot * ORDER_LONGS + REF] == ref && o[slot * ORDER_LONGS + LEVEL] != 0) {
            return slot;
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
        long resting = orders[order * ORDER_LONGS + SHARES];
        if (shares >= resting) {
            if (shares > resting) {
                count(oversize);
            }
            remove(order);
        } else if (shares > 0) {
            int level = level(order);
            orders[order * ORDER_LONGS + SHARES] = resting - shares;
            levels[level * LEVEL_LONGS + L_SHARES] -= shares;
            int owner = owner(level);
            observer.levelChanged(books[owner >>> 1], owner & 1, levels[level * LEVEL_LONGS + L_PRICE]);
        }
    }

    /** Adds the order unless {@code ref} is live, which is counted as {@code live}. */
    private void insert(OrderBook book, long ref, int side, long shares, long price, BookAnomaly live) {
        int order = homeSlot(ref);
        long[] o = orders;
        if (o[order * ORDER_LONGS + LEVEL] == 0) {
            if (overflowLive != 0 && overflowMap.get(ref) != RefMap.MISSING) {
                count(live);
                return;
            }
        } else if (o[order * ORDER_LONGS + REF] == ref) {
            count(live);
            return;
        } else {
            order = insertOverflow(ref);
            if (order == NONE) {
                count(live);
                return;
            }
            o = orders;
        }
        book.active = true;
        int level = findOrAddLevel(book.locate << 1 | side, price);
        long[] l = levels;
        int at = order * ORDER_LONGS;
        int la = level * LEVEL_LONGS;
        o[at + REF] = ref;
        o[at + SHARES] = shares;
        o[at + LEVEL] = level;
        long queue = l[la + L_QUEUE];
        int tail = (int) queue;
        o[at + LINKS] = (long) tail << 32 | LOW;
        if (tail == NONE) {
            l[la + L_QUEUE] = (long) order << 32 | order & LOW;
        } else {
            o[tail * ORDER_LONGS + LINKS] = o[tail * ORDER_LONGS + LINKS] & HIGH | order & LOW;
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
        int low = base;
        int high = base + count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long entry = a[mid];
            long k = entry >>> OrderBook.KEY_SHIFT;
            if (k < key) {
                low = mid + 1;
            } else if (k > key) {
                high = mid - 1;
            } else {
                return (int) (entry & OrderBook.LEVEL_MASK);
            }
        }
        int level = allocateLevel(owner, price);
        int block = sides[s + BLOCK];
        if (count == block) {
            int index = low - base;
            block = Math.max(minBlock, 2 * count);
            moveSide(s, block);
            a = sideArena;
            base = sides[s + BASE];
            low = base + index;
        }
        System.arraycopy(a, low, a, low + 1, base + count - low);
        a[low] = key << OrderBook.KEY_SHIFT | level;
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
        long[] o = orders;
        long[] l = levels;
        int at = order * ORDER_LONGS;
        int level = (int) o[at + LEVEL];
        int la = level * LEVEL_LONGS;
        long links = o[at + LINKS];
        int prev = (int) (links >> 32);
        int next = (int) links;
        if (prev == NONE) {
            l[la + L_QUEUE] = (long) next << 32 | l[la + L_QUEUE] & LOW;
        } else {
            o[prev * ORDER_LONGS + LINKS] = o[prev * ORDER_LONGS + LINKS] & HIGH | next & LOW;
        }
        if (next == NONE) {
            l[la + L_QUEUE] = l[la + L_QUEUE] & HIGH | prev & LOW;
        } else {
            o[next * ORDER_LONGS + LINKS] = (long) prev << 32 | o[next * ORDER_LONGS + LINKS] & LOW;
        }
        l[la + L_SHARES] -= o[at + SHARES];
        long ownerOrders = --l[la + L_OWNER];
        o[at + LEVEL] = 0;
        if (order >= homeSlots) {
            overflowMap.remove(o[at + REF]);
            o[at + LINKS] = freeOverflow;
            freeOverflow = order;
            overflowLive--;
        }
        liveOrders--;
        int owner = (int) (ownerOrders >>> 32);
        OrderBook book = books[owner >>> 1];
        int side = owner & 1;
        long price = l[la + L_PRICE];
        if ((int) ownerOrders == 0) {
            removeLevel(owner, price);
            l[la + L_QUEUE] = freeLevel;
            freeLevel = level;
            liveLevels--;
        }
        observer.levelChanged(book, side, price);
    }

    private void removeLevel(int owner, long price) {
        long key = OrderBook.key(owner & 1, price);
        long[] a = sideArena;
        int s = owner * 4;
        int base = sides[s + BASE];
        int end = base + sides[s + COUNT] - 1;
        int low = base;
        int high = end;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long k = a[mid] >>> OrderBook.KEY_SHIFT;
            if (k < key) {
                low = mid + 1;
            } else if (k > key) {
                high = mid - 1;
            } else {
                System.arraycopy(a, mid + 1, a, mid, end - mid);
                sides[s + COUNT]--;
                return;
            }
        }
        throw new IllegalStateException("level " + price + " missing from book " + (owner >>> 1) + " side " + (owner & 1));
    }

    private int level(int order) {
        return (int) orders[order * ORDER_LONGS + LEVEL];
    }

    private int owner(int level) {
        return (int) (levels[level * LEVEL_LONGS + L_OWNER] >>> 32);
    }

    private int prev(int order) {
        return (int) (orders[order * ORDER_LONGS + LINKS] >> 32);
    }

    private int next(int order) {
        return (int) orders[order * ORDER_LONGS + LINKS];
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
        homeSlots = (int) Math.min(1 << 28, slots);
        homeMask = homeSlots - 1;
        homeBits = Integer.numberOfTrailingZeros(homeSlots);
        overflowSlots = Math.max(MIN_OVERFLOW, homeSlots / 8);
        orders = new long[(homeSlots + overflowSlots) * ORDER_LONGS];
        freeOverflow = NONE;
        for (int i = homeSlots + overflowSlots - 1; i >= homeSlots; i--) {
            orders[i * ORDER_LONGS + LINKS] = freeOverflow;
            freeOverflow = i;
        }
        overflowLive = 0;
        overflowMap = new RefMap(overflowSlots, LOAD_FACTOR);
        mapCapacity = overflowMap.capacity();
    }

    /** Takes an overflow slot for {@code ref}, whose home slot is taken; NONE if {@code ref} is already there. */
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
        freeOverflow = (int) orders[order * ORDER_LONGS + LINKS];
        overflowLive++;
        return order;
    }

    /** Doubles the overflow area (order ids do not change) and sizes its map to match. */
    private void growOverflow() {
        int old = overflowSlots;
        overflowSlots = 2 * old;
        orders = Arrays.copyOf(orders, (homeSlots + overflowSlots) * ORDER_LONGS);
        for (int i = homeSlots + overflowSlots - 1; i >= homeSlots + old; i--) {
            orders[i * ORDER_LONGS + LINKS] = freeOverflow;
            freeOverflow = i;
        }
        overflowMap.reserve(overflowSlots);
        mapCapacity = overflowMap.capacity();
        poolGrowths++;
    }

    /**
     * A new order table for {@code orderCapacity} live orders: every resting order is placed again (order ids
     * change) and each level's queue is relinked in the same order.
     */
    private void rebuildOrders(int orderCapacity) {
        long[] old = orders;
        long inline = inlineGrowths;
        allocateOrders(orderCapacity);
        long[] l = levels;
        for (int level = 1; level < l.length / LEVEL_LONGS; level++) {
            int la = level * LEVEL_LONGS;
            if ((int) l[la + L_OWNER] == 0) {
                continue;
            }
            int head = NONE;
            int tail = NONE;
            for (int from = (int) (l[la + L_QUEUE] >> 32); from != NONE; from = (int) old[from * ORDER_LONGS + LINKS]) {
                long ref = old[from * ORDER_LONGS + REF];
                int order = homeSlot(ref);
                if (orders[order * ORDER_LONGS + LEVEL] != 0) {
                    order = insertOverflow(ref);
                }
                long[] o = orders;
                o[order * ORDER_LONGS + REF] = ref;
                o[order * ORDER_LONGS + SHARES] = old[from * ORDER_LONGS + SHARES];
                o[order * ORDER_LONGS + LEVEL] = level;
                o[order * ORDER_LONGS + LINKS] = (long) tail << 32 | LOW;
                if (tail == NONE) {
                    head = order;
                } else {
                    o[tail * ORDER_LONGS + LINKS] = o[tail * ORDER_LONGS + LINKS] & HIGH | order & LOW;
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
