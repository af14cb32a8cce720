package dev.hft.strategy.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

import dev.hft.events.BookEvent;
import dev.hft.events.OrderCommand;
import dev.hft.events.OrderResponse;
import dev.hft.journal.Journal;
import dev.hft.journal.JournalWriter;
import dev.hft.pipeline.Control;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.Ring;
import dev.hft.strategy.RejectReason;
import dev.hft.strategy.RiskLimits;
import dev.hft.strategy.Strategy;
import dev.hft.strategy.StrategyContext;
import dev.hft.strategy.StrategyStage;
import dev.hft.wire.ouch.OrderTokens;
import dev.hft.wire.ouch.OuchTypes;

/**
 * The real {@link StrategyStage} (pre-trade risk, open orders, positions, timer) around a strategy, stepped on the
 * calling thread: no pipeline, no threads, no network. A test feeds book events and venue responses, advances a
 * hand-driven clock, and reads back the orders the strategy sent, the risk rejections and the stage's counters.
 *
 * <pre>
 *   StrategyHarness h = new StrategyHarness(Map.of("locate", StrategyHarness.LOCATE), MyStrategy::new);
 *   h.packet(StrategyHarness.BID, 500, StrategyHarness.ASK, 700);    // TOP then END_OF_PACKET
 *   assertEquals(List.of("ENTER 0 B 100 ACME 1000000 99998"), h.commands());
 *   h.accepted(0, 100, 1_000_000);                                   // the venue's answer...
 *   h.idle();                                                        // ...read by the stage when idle
 *   assertEquals(0, h.rejected(RejectReason.POSITION));
 *   h.assertAccounted();
 * </pre>
 *
 * <p>Book events name {@link #LOCATE} as {@link #SYMBOL} unless {@link #symbol(int, String)} says otherwise. Tokens
 * are the session's counters (0, 1, 2...), as {@link dev.hft.strategy.Orders} returns them. Responses are read by
 * the stage before the next book event and in {@link #idle()}, as in a pipeline. Depends on nothing but the
 * strategy API: use it from JUnit or any other test framework.
 */
public final class StrategyHarness {

    public static final String PREFIX = "TT";
    public static final int LOCATE = 7;
    public static final String SYMBOL = "ACME";
    public static final long STOCK = OuchTypes.stock(SYMBOL);
    /** $100.00, the best bid the examples use (prices have 4 implied decimals). */
    public static final long BID = 1_000_000;
    /** $100.10. */
    public static final long ASK = 1_001_000;

    /** The stage's clock, in nanoseconds; {@link #advanceNanos} moves it. */
    public long now = 1_000_000_000L;
    /** The stage around the strategy: its orders, books, open orders, kill switch. */
    public final StrategyStage stage;

    private final RingBuffer<OrderCommand> egress;
    private final RingBuffer<OrderResponse> responses = RingBuffer.createSingleProducer(OrderResponse::new, 256);
    private final EventPoller<OrderCommand> commandPoller;
    private final EventPoller.Handler<OrderCommand> recorder = this::record;
    private final OrderTokens codec = new OrderTokens(PREFIX, 0);
    private final Map<String, AtomicCounter> counters = new LinkedHashMap<>();
    private final long[] stocks = new long[1 << 16];
    private final BookEvent event = new BookEvent();
    private final CountersManager manager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(256 * CountersReader.METADATA_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(256 * CountersReader.COUNTER_LENGTH)), StandardCharsets.US_ASCII);
    private final List<Object> recorded = new ArrayList<>();
    private long eventSequence;
    private long responseSequence;
    private long nextMatchNumber = 1;
    private final JournalWriter responseJournal;

    /** One command the strategy stage put on the egress ring, as a test reads it. */
    public record SentOrder(OrderCommand.Kind kind, long token, long replacementToken, char side, int shares, String symbol,
                            int price, int timeInForce, int locate) {
        /**
         * {@code ENTER 0 B 100 ACME 1000000 99998}, {@code REPLACE 0->1 100 1000100}, {@code CANCEL 1 0}: kind,
         * token(s), then what the message carries.
         */
        @Override
        public String toString() {
            return switch (kind) {
                case ENTER -> "ENTER " + token + " " + side + " " + shares + " " + symbol + " " + price + " " + timeInForce;
                case REPLACE -> "REPLACE " + token + "->" + replacementToken + " " + shares + " " + price;
                case CANCEL -> "CANCEL " + token + " " + shares;
                case MODIFY -> "MODIFY " + token;
            };
        }
    }

    /**
     * @param params   the stage's {@code params:} as the topology would give them (the strategy's own keys,
     *                 {@code risk:}, {@code first_token}, {@code stocks}...)
     * @param strategy builds the strategy from its context, e.g. {@code MyStrategy::new}
     */
    public StrategyHarness(Map<String, Object> params, Function<StrategyContext, Strategy> strategy) {
        this(params, 1024, strategy);
    }

    /** @param egressSize slots of the egress ring (a power of two); a full ring is the reject {@code EGRESS_FULL} */
    public StrategyHarness(Map<String, Object> params, int egressSize, Function<StrategyContext, Strategy> strategy) {
        this(params, egressSize, null, strategy);
    }

    /**
     * @param journal the session journal the stage rebuilds from and records to (null: none); the harness also
     *                journals every response it publishes, as egress does
     */
    public StrategyHarness(Map<String, Object> params, int egressSize, Journal journal,
                           Function<StrategyContext, Strategy> strategy) {
        this.responseJournal = journal == null ? null : journal.writer();
        stocks[LOCATE] = STOCK;
        egress = RingBuffer.createSingleProducer(OrderCommand::new, egressSize);
        commandPoller = egress.newPoller();
        egress.addGatingSequences(commandPoller.getSequence());
        Params p = new Params("params", params);
        stage = new StrategyStage("strategy", p, RiskLimits.from(p.child("risk")),
                new OrderTokens(PREFIX, p.longValue("first_token", 0)), new Ring<>("orders", egress), responses,
                () -> now, name -> counters.computeIfAbsent(name, manager::newCounter), strategy, journal);
        stage.onStart();
    }

    /** Stage params with only {@code risk:} set. */
    public static Map<String, Object> params(Map<String, Object> risk) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("risk", risk);
        return p;
    }

    public Strategy strategy() {
        return stage.strategy();
    }

    /** The stage counter {@code name} (0 when it was never created), e.g. {@code sent}, {@code rejected.throttle}. */
    public long counter(String name) {
        AtomicCounter c = counters.get(name);
        return c == null ? 0 : c.get();
    }

    /**
     * Writes the stage counter {@code name} as another process would through the counters file, e.g.
     * {@code kill_switch} 1 engages the kill switch at the stage's next step.
     */
    public void writeCounter(String name, long value) {
        AtomicCounter c = counters.get(name);
        if (c == null) {
            throw new IllegalArgumentException("the stage has no counter '" + name + "'; it has " + counters.keySet());
        }
        c.setRelease(value);
    }

    /** Intents pre-trade risk refused for {@code reason} so far. */
    public long rejected(RejectReason reason) {
        return counter(reason.counterName());
    }

    /** intents = sent + rejected by risk: throws an {@link AssertionError} saying the counts when it does not hold. */
    public void assertAccounted() {
        long intents = counter("intents");
        long sent = counter("sent");
        long rejected = counter("rejected");
        if (intents != sent + rejected) {
            throw new AssertionError("intents " + intents + " != sent " + sent + " + rejected " + rejected);
        }
    }

    public void advanceNanos(long nanos) {
        now += nanos;
    }

    /** The stage's idle step: reads venue responses, fires the timer when due. */
    public void idle() {
        stage.onIdle();
    }

    // ---- book events ----

    /** Book events for {@code locate} carry {@code symbol} (events for {@link #LOCATE} carry {@link #SYMBOL} by default). */
    public void symbol(int locate, String symbol) {
        stocks[locate] = OuchTypes.stock(symbol);
    }

    public void top(int locate, long bid, long bidShares, long ask, long askShares) {
        BookEvent e = reset(BookEvent.TOP, locate);
        e.bidPrice = bid;
        e.bidShares = bidShares;
        e.bidOrders = bidShares > 0 ? 1 : 0;
        e.askPrice = ask;
        e.askShares = askShares;
        e.askOrders = askShares > 0 ? 1 : 0;
        step(e);
    }

    public void top(long bid, long bidShares, long ask, long askShares) {
        top(LOCATE, bid, bidShares, ask, askShares);
    }

    /** A trade on the book of {@code locate}: {@code side} {@link BookEvent#BID} or {@link BookEvent#ASK} (the resting side). */
    public void trade(int locate, int side, long shares, long price) {
        BookEvent e = reset(BookEvent.TRADE, locate);
        e.side = side;
        e.tradeType = 'E';
        e.tradeShares = shares;
        e.tradePrice = price;
        e.matchNumber = nextMatchNumber++;
        step(e);
    }

    public void tradingState(int locate, byte state, byte halt) {
        BookEvent e = reset(BookEvent.TRADING_STATE, locate);
        e.tradingState = state;
        e.operationalHalt = halt;
        step(e);
    }

    /** ITCH H state ({@code H P Q T}) and h action ({@code H T}, or a blank) of {@link #LOCATE}. */
    public void tradingState(byte state, byte halt) {
        tradingState(LOCATE, state, halt);
    }

    public void endOfPacket() {
        step(reset(BookEvent.END_OF_PACKET, LOCATE));
    }

    /** A TOP then END_OF_PACKET: one packet that moved the BBO of {@link #LOCATE}. */
    public void packet(long bid, long bidShares, long ask, long askShares) {
        top(bid, bidShares, ask, askShares);
        endOfPacket();
    }

    /** The harness's one event, cleared to {@code kind} for {@code locate} and stamped now; fill it, then {@link #step}. */
    public BookEvent reset(byte kind, int locate) {
        event.kind = kind;
        event.locate = locate;
        event.stock = kind == BookEvent.END_OF_PACKET ? 0 : stocks[locate];
        event.receiveNanos = now;
        return event;
    }

    /** Hands {@code e} to the stage as the last event of a batch. */
    public void step(BookEvent e) {
        stage.onEvent(e, eventSequence++, true);
    }

    // ---- venue responses: published now, read by the stage at its next event or idle step ----

    public void accepted(long token, int shares, int price) {
        OrderResponse r = claim(OrderResponse.Kind.ACCEPTED, token);
        r.shares = shares;
        r.price = price;
        r.orderState = OuchTypes.ORDER_STATE_LIVE;
        publish();
    }

    /** An execution with match number 42 (the one {@link #broken(long, long)} names to break it). */
    public void executed(long token, int shares, int price) {
        executed(token, shares, price, 42);
    }

    public void executed(long token, int shares, int price, long matchNumber) {
        OrderResponse r = claim(OrderResponse.Kind.EXECUTED, token);
        r.shares = shares;
        r.price = price;
        r.liquidityFlag = 'A';
        r.matchNumber = matchNumber;
        publish();
    }

    /** {@code decrement} shares canceled (reason U, user requested). */
    public void canceled(long token, int decrement) {
        OrderResponse r = claim(OrderResponse.Kind.CANCELED, token);
        r.shares = decrement;
        r.reason = 'U';
        publish();
    }

    public void replaced(long previous, long token, int shares, int price) {
        OrderResponse r = claim(OrderResponse.Kind.REPLACED, token);
        codec.write(previous, r.previousToken);
        r.shares = shares;
        r.price = price;
        r.orderState = OuchTypes.ORDER_STATE_LIVE;
        publish();
    }

    /** The venue refuses {@code token} with the OUCH reason byte. */
    public void rejected(long token, byte reason) {
        OrderResponse r = claim(OrderResponse.Kind.REJECTED, token);
        r.reason = reason;
        publish();
    }

    public void broken(long token, long matchNumber) {
        OrderResponse r = claim(OrderResponse.Kind.BROKEN, token);
        r.matchNumber = matchNumber;
        r.reason = 'E';
        publish();
    }

    public void cancelReject(long token) {
        claim(OrderResponse.Kind.CANCEL_REJECT, token);
        publish();
    }

    /** Egress's notice that the command of {@code ouchType} (O, U, X) for {@code token} never left. */
    public void notSent(long token, char ouchType) {
        OrderResponse r = claim(OrderResponse.Kind.NOT_SENT, token);
        r.reason = (byte) ouchType;
        publish();
    }

    /** Egress's notice that the venue session dropped: orders with a command in flight are of unknown fate. */
    public void linkDown() {
        claim(OrderResponse.Kind.LINK_DOWN, 0);
        publish();
    }

    /** Egress's notice that the venue session is back. */
    public void linkUp() {
        claim(OrderResponse.Kind.LINK_UP, 0);
        publish();
    }

    /**
     * The venue says yes to every command not yet read: Accepted for an enter, Replaced for a replace, Canceled
     * (all open shares) for a cancel, each at the command's size and price; the commands are consumed. Allocates
     * nothing, so an allocation test can loop on it.
     */
    public void venueConfirmsAll() {
        long cursor = egress.getCursor();
        for (long s = commandPoller.getSequence().get() + 1; s <= cursor; s++) {
            OrderCommand c = egress.get(s);
            if (c.control != Control.NONE) {
                continue;
            }
            long token = codec.counter(c.token);
            switch (c.kind) {
                case ENTER -> accepted(token, c.shares, c.price);
                case REPLACE -> replaced(token, codec.counter(c.replacementToken), c.shares, c.price);
                case CANCEL -> canceled(token, stage.openOrders().shares(token));
                case MODIFY -> { }
            }
        }
        commandPoller.getSequence().set(cursor);
    }

    private OrderResponse claim(OrderResponse.Kind kind, long token) {
        if (token < 0) {
            throw new IllegalArgumentException("token " + token + " is no order: the intent was rejected ("
                    + RejectReason.of(token) + ")");
        }
        responseSequence = responses.next();
        OrderResponse r = responses.get(responseSequence);
        r.clear();
        r.kind = kind;
        codec.write(token, r.token);
        return r;
    }

    private void publish() {
        if (responseJournal != null) {
            responseJournal.response(responses.get(responseSequence));
        }
        responses.publish(responseSequence);
    }

    // ---- what the strategy sent ----

    /** The orders sent since the last call (control events, such as the kill switch forwarded to egress, left out). */
    public List<SentOrder> orders() {
        List<SentOrder> out = new ArrayList<>();
        for (Object c : poll()) {
            if (c instanceof SentOrder order) {
                out.add(order);
            }
        }
        return out;
    }

    /**
     * The commands sent since the last call as text ({@link SentOrder#toString()}), control events as
     * {@code CONTROL <NAME>}.
     */
    public List<String> commands() {
        List<String> out = new ArrayList<>();
        for (Object c : poll()) {
            out.add(c instanceof Integer control ? "CONTROL " + Control.name(control) : c.toString());
        }
        return out;
    }

    /** Consumes the published commands without reading them. */
    public void discardCommands() {
        commandPoller.getSequence().set(egress.getCursor());
    }

    /** The unread commands, each a {@link SentOrder} or an Integer control code, in ring order. */
    private List<Object> poll() {
        recorded.clear();
        try {
            commandPoller.poll(recorder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(recorded);
    }

    /** What the command carries: an enter all of it, a replace no side, a cancel its token, shares and locate. */
    private boolean record(OrderCommand c, long sequence, boolean endOfBatch) {
        if (c.control != Control.NONE) {
            recorded.add(c.control);
            return true;
        }
        long token = codec.counter(c.token);
        recorded.add(switch (c.kind) {
            case ENTER -> new SentOrder(c.kind, token, -1, (char) c.side, c.shares, OuchTypes.alpha(c.stock, 8), c.price,
                    c.timeInForce, c.stockLocate);
            case REPLACE -> new SentOrder(c.kind, token, codec.counter(c.replacementToken), '\0', c.shares,
                    OuchTypes.alpha(c.stock, 8), c.price, c.timeInForce, c.stockLocate);
            case CANCEL, MODIFY -> new SentOrder(c.kind, token, -1, '\0', c.shares, "", 0, 0, c.stockLocate);
        });
        return true;
    }
}
