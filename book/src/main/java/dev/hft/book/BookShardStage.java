package dev.hft.book;

import java.util.function.Function;

import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.ingress.ItchEvent;
import dev.hft.ingress.itch.ItchMessage;
import dev.hft.ingress.net.BigEndian;
import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.Ring;

/**
 * One book shard: owns the books of the stock locates routed to it, applies each ITCH message from its input
 * ring, and publishes {@link BookEvent}s to the strategy ring.
 *
 * <p>Coalescing: TOP and DEPTH are published once per packet per symbol, when the input ring delivers
 * {@link ItchEvent#END_OF_PACKET}, never on {@code endOfBatch}: a batch can end in the middle of a packet
 * (the router has not published the rest yet), and a top published there would show a half-applied packet.
 * TOP is skipped when the best bid and ask (price, shares, orders) equal the last TOP published for the
 * symbol; DEPTH goes out when a level within the configured depth changed. TRADE and TRADING_STATE are facts,
 * published as their messages are applied. Counters are refreshed on {@code endOfBatch}.
 */
public final class BookShardStage implements EventStage<ItchEvent>, BookObserver {

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

    private final byte[] dirty = new byte[OrderBooks.MAX_LOCATE + 1];
    private final int[] dirtyLocates = new int[OrderBooks.MAX_LOCATE + 1];
    private int dirtyCount;
    /** Per locate: bid price, shares, orders, ask price, shares, orders of the last TOP published. */
    private final long[] publishedTop = new long[(OrderBooks.MAX_LOCATE + 1) * TOP_FIELDS];

    private long sequence;
    private long receiveNanos;
    private long timestamp;
    private long published;
    private long controlsIgnored;

    private final AtomicCounter messagesCounter;
    private final AtomicCounter badMessagesCounter;
    private final AtomicCounter publishedCounter;
    private final AtomicCounter poolGrowthCounter;
    private final AtomicCounter inlineGrowthCounter;
    private final AtomicCounter controlsCounter;
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
        this.role = role;
        this.shard = shard;
        this.books = books;
        this.decoder = new BookDecoder(books);
        this.output = output;
        this.depth = depth;
        messagesCounter = counters.apply("messages");
        badMessagesCounter = counters.apply("bad-messages");
        publishedCounter = counters.apply("published");
        poolGrowthCounter = counters.apply("pool-growth");
        inlineGrowthCounter = counters.apply("pool-growth-inline");
        controlsCounter = counters.apply("controls-ignored");
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
    public void onEvent(ItchEvent event, long ringSequence, boolean endOfBatch) {
        switch (event.kind) {
            case ItchEvent.MESSAGE -> {
                sequence = event.sequence;
                receiveNanos = event.receiveNanos;
                if (event.length >= ItchMessage.HEADER_LENGTH) {
                    timestamp = (long) BigEndian.u16(event.bytes, ItchMessage.TIMESTAMP_OFFSET) << 32
                            | Integer.toUnsignedLong(BigEndian.i32(event.bytes, ItchMessage.TIMESTAMP_OFFSET + 2));
                }
                decoder.decode(event.bytes, 0, event.length);
            }
            case ItchEvent.END_OF_PACKET -> endOfPacket(event);
            default -> controlsIgnored++;
        }
        if (endOfBatch) {
            refreshCounters();
        }
    }

    /** Grows nearly full pools while the ring is idle, so growth stays off the hot path. */
    @Override
    public int onIdle() {
        if (books.reserve()) {
            poolGrowthCounter.setRelease(books.poolGrowths());
            return 1;
        }
        return 0;
    }

    @Override
    public void onStop() {
        refreshCounters();
    }

    private void endOfPacket(ItchEvent marker) {
        if (output == null) {
            return;
        }
        for (int i = 0; i < dirtyCount; i++) {
            int locate = dirtyLocates[i];
            OrderBook book = books.book(locate);
            byte flags = dirty[locate];
            dirty[locate] = 0;
            if ((flags & TOP_DIRTY) != 0) {
                publishTopIfChanged(book);
            }
            for (int side = OrderBook.BID; side <= OrderBook.ASK; side++) {
                if ((flags & DEPTH_DIRTY << side) != 0) {
                    publishDepth(book, side);
                }
            }
        }
        dirtyCount = 0;
        long seq = output.next();
        BookEvent e = output.get(seq);
        e.kind = BookEvent.END_OF_PACKET;
        e.shard = shard;
        e.locate = 0;
        e.stock = 0;
        e.sequence = marker.sequence;
        e.receiveNanos = marker.receiveNanos;
        e.timestamp = timestamp;
        publish(seq);
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
        long seq = output.next();
        BookEvent e = claim(seq, BookEvent.TRADE, book);
        e.tradeType = type;
        e.side = side;
        e.tradePrice = price;
        e.tradeShares = shares;
        e.matchNumber = matchNumber;
        publish(seq);
    }

    @Override
    public void tradingStateChanged(OrderBook book) {
        long seq = output.next();
        BookEvent e = claim(seq, BookEvent.TRADING_STATE, book);
        e.tradingState = book.tradingState();
        e.operationalHalt = book.operationalHalt();
        publish(seq);
    }

    private void publishTopIfChanged(OrderBook book) {
        int base = book.locate() * TOP_FIELDS;
        long bidPrice = book.bestPrice(OrderBook.BID);
        long bidShares = book.bestShares(OrderBook.BID);
        int bidOrders = book.bestOrders(OrderBook.BID);
        long askPrice = book.bestPrice(OrderBook.ASK);
        long askShares = book.bestShares(OrderBook.ASK);
        int askOrders = book.bestOrders(OrderBook.ASK);
        long[] top = publishedTop;
        if (top[base] == bidPrice && top[base + 1] == bidShares && top[base + 2] == bidOrders
                && top[base + 3] == askPrice && top[base + 4] == askShares && top[base + 5] == askOrders) {
            return;
        }
        top[base] = bidPrice;
        top[base + 1] = bidShares;
        top[base + 2] = bidOrders;
        top[base + 3] = askPrice;
        top[base + 4] = askShares;
        top[base + 5] = askOrders;
        long seq = output.next();
        BookEvent e = claim(seq, BookEvent.TOP, book);
        e.bidPrice = bidPrice;
        e.bidShares = bidShares;
        e.bidOrders = bidOrders;
        e.askPrice = askPrice;
        e.askShares = askShares;
        e.askOrders = askOrders;
        publish(seq);
    }

    private void publishDepth(OrderBook book, int side) {
        long seq = output.next();
        BookEvent e = claim(seq, BookEvent.DEPTH, book);
        e.side = side;
        e.levels = book.depth(side, depth, e.prices, e.shares, e.orders);
        publish(seq);
    }

    private BookEvent claim(long seq, byte kind, OrderBook book) {
        BookEvent e = output.get(seq);
        e.kind = kind;
        e.shard = shard;
        e.locate = book.locate();
        e.stock = book.stock();
        e.sequence = sequence;
        e.receiveNanos = receiveNanos;
        e.timestamp = timestamp;
        return e;
    }

    private void publish(long seq) {
        output.publish(seq);
        published++;
    }

    private void refreshCounters() {
        messagesCounter.setRelease(decoder.messages());
        badMessagesCounter.setRelease(decoder.unknownTypes() + decoder.badLengths());
        publishedCounter.setRelease(published);
        poolGrowthCounter.setRelease(books.poolGrowths());
        inlineGrowthCounter.setRelease(books.inlineGrowths());
        controlsCounter.setRelease(controlsIgnored);
        for (BookAnomaly reason : ANOMALIES) {
            anomalyCounters[reason.ordinal()].setRelease(books.anomalies(reason));
        }
    }
}
