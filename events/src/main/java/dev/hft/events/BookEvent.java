package dev.hft.events;

import com.lmax.disruptor.EventFactory;

import dev.hft.pipeline.EventType;

/**
 * The event on a book-shard → strategy ring: a preallocated, mutable record whose {@link #kind} says which
 * fields are meaningful. Per packet a shard publishes, in order: TRADE and TRADING_STATE events as their
 * messages are applied, then for each symbol the packet changed at most one TOP and one DEPTH per side, then
 * END_OF_PACKET. A strategy that acts only on END_OF_PACKET never sees a half-applied packet.
 */
public final class BookEvent {

    /** {@link #side} of a bid. */
    public static final int BID = 0;
    /** {@link #side} of an ask. */
    public static final int ASK = 1;

    /** Most levels a DEPTH event carries: the ceiling of the {@code depth} parameter. */
    public static final int MAX_DEPTH = 10;

    /** Best bid and ask changed (price, shares or order count) since the last TOP of the symbol. */
    public static final byte TOP = 1;
    /** A level within the configured depth of one side changed: the side's best {@link #levels} levels. */
    public static final byte DEPTH = 2;
    /** E, C (resting order executed) or P (non-displayed trade): see {@link #tradeType}. */
    public static final byte TRADE = 3;
    /** An H or h message: {@link #tradingState}, {@link #operationalHalt}. */
    public static final byte TRADING_STATE = 4;
    /** Every message of the packet routed to this shard has been applied and its events published. */
    public static final byte END_OF_PACKET = 5;

    public byte kind;
    /** The publishing book shard (several shards may feed one strategy ring). */
    public int shard;
    public int locate;
    /** The 8-byte stock field from R as a big-endian long, 0 if no R was seen. */
    public long stock;
    /** Sequence of the ITCH message that caused the event (TOP, DEPTH, END_OF_PACKET: the packet's last one). */
    public long sequence;
    /** Receipt time of the packet ({@link System#nanoTime()} clock), for tick-to-trade. */
    public long receiveNanos;
    /** ITCH timestamp, nanoseconds since midnight. */
    public long timestamp;

    public long bidPrice;
    public long bidShares;
    public int bidOrders;
    public long askPrice;
    public long askShares;
    public int askOrders;

    /** DEPTH: {@link #BID} or {@link #ASK}; TRADE: side of the resting order. */
    public int side;
    /** DEPTH: how many entries of the arrays below are valid, best first. */
    public int levels;
    public final long[] prices = new long[MAX_DEPTH];
    public final long[] shares = new long[MAX_DEPTH];
    public final int[] orders = new int[MAX_DEPTH];

    /** TRADE: 'E', 'C' or 'P'. */
    public byte tradeType;
    public long tradePrice;
    public long tradeShares;
    public long matchNumber;

    public byte tradingState;
    public byte operationalHalt;

    public static final EventType<BookEvent> TYPE = new Provider();

    /** Registered through {@link java.util.ServiceLoader}: {@code event: book}. */
    public static final class Provider implements EventType<BookEvent> {
        @Override
        public long bytesPerEvent() {
            return 400;
        }

        @Override
        public String name() {
            return "book";
        }

        @Override
        public Class<BookEvent> eventClass() {
            return BookEvent.class;
        }

        @Override
        public EventFactory<BookEvent> factory(int ringSize) {
            return BookEvent::new;
        }
    }
}
