package dev.hft.book;

import java.lang.foreign.MemorySegment;
import java.util.function.Function;

import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.DataProvider;

import dev.hft.events.BookEvent;
import dev.hft.events.ItchEvent;
import dev.hft.pipeline.BatchEventStage;
import dev.hft.pipeline.Ring;
import dev.hft.wire.itch.ItchMessage;
import dev.hft.wire.net.BigEndian;

/**
 * One book shard: owns the books of the stock locates routed to it, applies each ITCH message from its input
 * ring, and publishes {@link BookEvent}s to the strategy ring.
 *
 * <p>Per packet ({@link ItchEvent#END_OF_PACKET}) it publishes, in order: the TRADE and TRADING_STATE facts of the
 * packet's messages, then for each symbol the packet changed at most one TOP and one DEPTH per side, then
 * END_OF_PACKET. TOP is skipped when the best bid and ask (price, shares, orders) equal the last TOP published for the
 * symbol; DEPTH goes out when a level within the configured depth changed. Nothing is published at the end of a
 * batch: a batch can end in the middle of a packet, and a top published there would show a half-applied packet.
 *
 * <p>The stage never waits on its output ring. Facts wait in a preallocated buffer and the packet's outputs are
 * claimed with {@link Ring#tryNext(int)} in chunks; when they do not fit, the stage stops taking input
 * ({@link #onEvents} returns early) and {@link #flush()} publishes them once the strategies have made room, so a
 * strategy stepped on the same thread is never waited for. Counters are refreshed once per batch.
 */
public final class BookShardStage implements BatchEventStage<ItchEvent>, BookObserver {

    /** Facts (trades, trading states) held per packet before they must be published. */
    static final int FACTS = 1024;
    /** Most events claimed at once (fewer on a small ring). */
    static final int CHUNK = 256;

    private static final byte TOP_DIRTY = 1;
    /** Shifted left by the side: 2 for bids, 4 for asks. */
    private static final byte DEPTH_DIRTY = 2;
    private static final int TOP_FIELDS = 6;
    private static final BookAnomaly[] ANOMALIES = BookAnomaly.values();

    private final String role;
    private final int shard;
    private final OrderBooks books;
    private final BookDecoder decoder;
    private final Ring<BookEvent> output;
    private final int depth;
    private final int chunk;

    private final byte[] dirty = new byte[OrderBooks.MAX_LOCATE + 1];
    private final int[] dirtyLocates = new int[OrderBooks.MAX_LOCATE + 1];
    private int dirtyCount;
    /** Dirty symbols of the ending packet already published. */
    private int dirtyPublished;
    /** Per locate: bid price, shares, orders, ask price, shares, orders of the last TOP published. */
    private final long[] publishedTop = new long[(OrderBooks.MAX_LOCATE + 1) * TOP_FIELDS];

    /** Facts of the current packet not yet published: TRADE or TRADING_STATE, with what each carries. */
    private final byte[] factKind = new byte[FACTS];
    private final int[] factLocate = new int[FACTS];
    private final long[] factStock = new long[FACTS];
    private final long[] factSequence = new long[FACTS];
    private final long[] factReceiveNanos = new long[FACTS];
    private final long[] factTimestamp = new long[FACTS];
    private final byte[] factType = new byte[FACTS];
    private final int[] factSide = new int[FACTS];
    private final long[] factPrice = new long[FACTS];
    private final long[] factShares = new long[FACTS];
    private final long[] factMatch = new long[FACTS];
    private int facts;
    private int factsPublished;

    /** The packet's END_OF_PACKET was consumed and its outputs are not all published yet. */
    private boolean packetEnding;
    /** The END_OF_PACKET's sequence (the packet's last), and this shard's last message in it (what TOP and DEPTH carry). */
    private long endSequence;
    private long endMessageSequence;
    private long endReceiveNanos;
    private long endTimestamp;

    private long sequence;
    private long receiveNanos;
    private long timestamp;
    private long published;
    private long controlsIgnored;
    private long fullRing;

    private final AtomicCounter messagesCounter;
    private final AtomicCounter badMessagesCounter;
    private final AtomicCounter publishedCounter;
    private final AtomicCounter poolGrowthCounter;
    private final AtomicCounter inlineGrowthCounter;
    private final AtomicCounter controlsCounter;
    private final AtomicCounter fullRingCounter;
    private final AtomicCounter[] anomalyCounters = new AtomicCounter[ANOMALIES.length];

    /**
     * @param output   the strategy ring, or null to publish nothing (replay without a strategy)
     * @param depth    levels per side a DEPTH event carries, 0..{@link BookEvent#MAX_DEPTH}; 0 publishes no DEPTH
     * @param counters makes this stage's counters by name (the runtime's {@code StageContext::counter})
     */
    public BookShardStage(String role, int shard, OrderBooks books, Ring<BookEvent> output, int depth,
            Function<String, AtomicCounter> counters) {
        if (depth < 0 || depth > BookEvent.MAX_DEPTH) {
            throw new IllegalArgumentException("depth " + depth + " is not in 0.." + BookEvent.MAX_DEPTH);
        }
        // a claim is a chunk plus one symbol's three events and the END_OF_PACKET
        this.chunk = output == null ? CHUNK : Math.min(CHUNK, output.maxRoom() - 4);
        if (chunk < 1) {
            throw new IllegalArgumentException("ring " + output.name() + " holds " + output.maxRoom() + " events per producer;"
                    + " a book shard needs at least 5");
        }
        this.role = role;
        this.shard = shard;
        this.books = books;
        this.decoder = new BookDecoder(books);
        this.output = output;
        this.depth = depth;
        messagesCounter = counters.apply("messages");
        badMessagesCounter = counters.apply("bad_messages");
        publishedCounter = counters.apply("published");
        poolGrowthCounter = counters.apply("pool_growth");
        inlineGrowthCounter = counters.apply("pool_growth_inline");
        controlsCounter = counters.apply("controls_ignored");
        fullRingCounter = counters.apply("output_full");
        for (BookAnomaly reason : ANOMALIES) {
            anomalyCounters[reason.ordinal()] = counters.apply(reason.counterName());
        }
        if (output != null) {
            books.observer(this);
        }
    }

    @Override
    public String role() {
        return role;
    }

    public OrderBooks books() {
        return books;
    }

    /** The decoder's counts: messages applied per type, unknown types, bad lengths. */
    public BookDecoder decoder() {
        return decoder;
    }

    /** BookEvents published so far. */
    public long published() {
        return published;
    }

    @Override
    public long onEvents(DataProvider<ItchEvent> events, long first, long last) {
        long s = first;
        for (; s <= last; s++) {
            if (!handle(events.get(s))) {
                break;
            }
        }
        refreshCounters();
        return s <= last ? (packetEnding ? s : s - 1) : last;
    }

    /**
     * Steps one event. Outputs that did not fit are published by the next call (or {@link #flush()}) before the event
     * is applied; when they still do not fit it throws, for a caller that ignored back-pressure.
     */
    @Override
    public void onEvent(ItchEvent event, long ringSequence, boolean endOfBatch) {
        if (!flush()) {
            throw new IllegalStateException(role + ": the output ring is full; step with onEvents, which waits for room");
        }
        handle(event);
        if (endOfBatch) {
            refreshCounters();
        }
    }

    /** Applies one event; false when the stage must stop taking input until {@link #flush()} succeeds. */
    private boolean handle(ItchEvent event) {
        switch (event.kind) {
            case ItchEvent.MESSAGE -> {
                if (facts == FACTS && !flushFacts()) {
                    return false;
                }
                apply(event.bytes, 0, event.length, event.sequence, event.receiveNanos);
                return true;
            }
            case ItchEvent.END_OF_PACKET -> {
                if (output == null) {
                    return true;
                }
                packetEnding = true;
                endSequence = event.sequence;
                endMessageSequence = sequence;
                endReceiveNanos = event.receiveNanos;
                endTimestamp = timestamp;
                return flush();
            }
            default -> {
                controlsIgnored++;
                return true;
            }
        }
    }

    /**
     * Applies one message: what the ring path does for each MESSAGE event, and what a source on this stage's own thread
     * calls with the message in place when no ring is between them ({@code kind: file-book}). Such a caller needs a
     * stage that publishes nothing ({@link #publishes()}): without an output a packet's end has nothing to publish. It
     * calls {@link #publishCounters()} per batch.
     */
    public void apply(MemorySegment bytes, long offset, int length, long messageSequence, long messageReceiveNanos) {
        sequence = messageSequence;
        receiveNanos = messageReceiveNanos;
        // the timestamp goes only into published events
        if (output != null && length >= ItchMessage.HEADER_LENGTH) {
            timestamp = (long) BigEndian.u16(bytes, offset + ItchMessage.TIMESTAMP_OFFSET) << 32
                    | Integer.toUnsignedLong(BigEndian.i32(bytes, offset + ItchMessage.TIMESTAMP_OFFSET + 2));
        }
        decoder.decode(bytes, offset, length);
    }

    /** Whether this stage publishes book events to an output ring. */
    public boolean publishes() {
        return output != null;
    }

    /** Publishes what was counted so far to the stage's counters; the ring-fed path does it once per batch. */
    public void publishCounters() {
        refreshCounters();
    }

    /** Publishes what the last packet left: facts, then tops and depths, then its END_OF_PACKET. */
    @Override
    public boolean flush() {
        if (output == null) {
            return true;
        }
        if (!flushFacts()) {
            return false;
        }
        while (packetEnding) {
            if (!publishChangesChunk()) {
                fullRing++;
                return false;
            }
        }
        return true;
    }

    /** Grows nearly full pools while the ring is idle, so growth stays off the hot path; publishes what waits first. */
    @Override
    public int onIdle() {
        if (!flush()) {
            return 0;
        }
        if (books.reserve()) {
            poolGrowthCounter.setRelease(books.poolGrowths());
            return 1;
        }
        return 0;
    }

    @Override
    public boolean readyToStop() {
        return flush();
    }

    @Override
    public void onStop() {
        refreshCounters();
    }

    private boolean flushFacts() {
        while (factsPublished < facts) {
            int n = Math.min(chunk, facts - factsPublished);
            long last = output.tryNext(n);
            if (last < 0) {
                fullRing++;
                return false;
            }
            long first = last - n + 1;
            for (long slot = first; slot <= last; slot++) {
                int f = factsPublished++;
                BookEvent e = output.get(slot);
                e.kind = factKind[f];
                e.shard = shard;
                e.locate = factLocate[f];
                e.stock = factStock[f];
                e.sequence = factSequence[f];
                e.receiveNanos = factReceiveNanos[f];
                e.timestamp = factTimestamp[f];
                if (e.kind == BookEvent.TRADE) {
                    e.tradeType = factType[f];
                    e.side = factSide[f];
                    e.tradePrice = factPrice[f];
                    e.tradeShares = factShares[f];
                    e.matchNumber = factMatch[f];
                } else {
                    e.tradingState = factType[f];
                    e.operationalHalt = (byte) factSide[f];
                }
            }
            output.publish(first, last);
            published += n;
        }
        facts = 0;
        factsPublished = 0;
        return true;
    }

    /**
     * Publishes the changes of the next dirty symbols, up to a chunk, and the END_OF_PACKET after the last; false
     * (nothing published, nothing changed) when the ring has no room for them.
     */
    private boolean publishChangesChunk() {
        int needed = 0;
        int end = dirtyPublished;
        while (end < dirtyCount && needed < chunk) {
            needed += changes(dirtyLocates[end++]);
        }
        boolean last = end == dirtyCount;
        int claim = needed + (last ? 1 : 0);
        if (claim == 0) {
            dirtyPublished = end;
            return true;
        }
        long lastSlot = output.tryNext(claim);
        if (lastSlot < 0) {
            return false;
        }
        long slot = lastSlot - claim + 1;
        long first = slot;
        for (int i = dirtyPublished; i < end; i++) {
            int locate = dirtyLocates[i];
            OrderBook book = books.book(locate);
            byte flags = dirty[locate];
            dirty[locate] = 0;
            if ((flags & TOP_DIRTY) != 0 && topChanged(book)) {
                publishTop(slot++, book);
            }
            for (int side = OrderBook.BID; side <= OrderBook.ASK; side++) {
                if ((flags & DEPTH_DIRTY << side) != 0) {
                    publishDepth(slot++, book, side);
                }
            }
        }
        dirtyPublished = end;
        if (last) {
            BookEvent e = output.get(slot);
            e.kind = BookEvent.END_OF_PACKET;
            e.shard = shard;
            e.locate = 0;
            e.stock = 0;
            e.sequence = endSequence;
            e.receiveNanos = endReceiveNanos;
            e.timestamp = endTimestamp;
            dirtyCount = 0;
            dirtyPublished = 0;
            packetEnding = false;
        }
        output.publish(first, lastSlot);
        published += claim;
        return true;
    }

    /** Events the dirty symbol {@code locate} publishes at the end of the packet. */
    private int changes(int locate) {
        byte flags = dirty[locate];
        int n = (flags & TOP_DIRTY) != 0 && topChanged(books.book(locate)) ? 1 : 0;
        for (int side = OrderBook.BID; side <= OrderBook.ASK; side++) {
            if ((flags & DEPTH_DIRTY << side) != 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void levelChanged(OrderBook book, int side, long price) {
        byte flags = 0;
        if (book.withinDepth(side, price, 1)) {
            flags |= TOP_DIRTY;
        }
        if (book.withinDepth(side, price, depth)) {
            flags |= (byte) (DEPTH_DIRTY << side);
        }
        if (flags != 0) {
            int locate = book.locate();
            if (dirty[locate] == 0) {
                dirtyLocates[dirtyCount++] = locate;
            }
            dirty[locate] |= flags;
        }
    }

    @Override
    public void trade(OrderBook book, byte type, int side, long price, long shares, long matchNumber) {
        int f = fact(BookEvent.TRADE, book);
        factType[f] = type;
        factSide[f] = side;
        factPrice[f] = price;
        factShares[f] = shares;
        factMatch[f] = matchNumber;
    }

    @Override
    public void tradingStateChanged(OrderBook book) {
        int f = fact(BookEvent.TRADING_STATE, book);
        factType[f] = book.tradingState();
        factSide[f] = book.operationalHalt();
    }

    /** The next fact slot; one message makes at most one fact, and a message is applied only with a slot free. */
    private int fact(byte kind, OrderBook book) {
        int f = facts++;
        factKind[f] = kind;
        factLocate[f] = book.locate();
        factStock[f] = book.stock();
        factSequence[f] = sequence;
        factReceiveNanos[f] = receiveNanos;
        factTimestamp[f] = timestamp;
        return f;
    }

    private boolean topChanged(OrderBook book) {
        int base = book.locate() * TOP_FIELDS;
        long[] top = publishedTop;
        return top[base] != book.bestPrice(OrderBook.BID) || top[base + 1] != book.bestShares(OrderBook.BID)
                || top[base + 2] != book.bestOrders(OrderBook.BID) || top[base + 3] != book.bestPrice(OrderBook.ASK)
                || top[base + 4] != book.bestShares(OrderBook.ASK) || top[base + 5] != book.bestOrders(OrderBook.ASK);
    }

    private void publishTop(long slot, OrderBook book) {
        int base = book.locate() * TOP_FIELDS;
        long[] top = publishedTop;
        BookEvent e = claim(slot, BookEvent.TOP, book);
        e.bidPrice = top[base] = book.bestPrice(OrderBook.BID);
        e.bidShares = top[base + 1] = book.bestShares(OrderBook.BID);
        e.bidOrders = book.bestOrders(OrderBook.BID);
        top[base + 2] = e.bidOrders;
        e.askPrice = top[base + 3] = book.bestPrice(OrderBook.ASK);
        e.askShares = top[base + 4] = book.bestShares(OrderBook.ASK);
        e.askOrders = book.bestOrders(OrderBook.ASK);
        top[base + 5] = e.askOrders;
    }

    private void publishDepth(long slot, OrderBook book, int side) {
        BookEvent e = claim(slot, BookEvent.DEPTH, book);
        e.side = side;
        e.levels = book.depth(side, depth, e.prices, e.shares, e.orders);
    }

    private BookEvent claim(long slot, byte kind, OrderBook book) {
        BookEvent e = output.get(slot);
        e.kind = kind;
        e.shard = shard;
        e.locate = book.locate();
        e.stock = book.stock();
        e.sequence = endMessageSequence;
        e.receiveNanos = endReceiveNanos;
        e.timestamp = endTimestamp;
        return e;
    }

    private void refreshCounters() {
        messagesCounter.setRelease(decoder.messages());
        badMessagesCounter.setRelease(decoder.unknownTypes() + decoder.badLengths());
        publishedCounter.setRelease(published);
        poolGrowthCounter.setRelease(books.poolGrowths());
        inlineGrowthCounter.setRelease(books.inlineGrowths());
        controlsCounter.setRelease(controlsIgnored);
        fullRingCounter.setRelease(fullRing);
        for (BookAnomaly reason : ANOMALIES) {
            anomalyCounters[reason.ordinal()].setRelease(books.anomalies(reason));
        }
    }
}
