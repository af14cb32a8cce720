package dev.hft.strategy;

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
import dev.hft.pipeline.Control;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.Ring;
import dev.hft.wire.ouch.OrderTokens;
import dev.hft.wire.ouch.OuchTypes;

/**
 * A strategy stage stepped on the test thread: a hand-driven clock, an egress ring whose commands are recorded
 * as text, a response ring the test publishes venue answers into, and book events built in place.
 */
public final class StrategyHarness {

    public static final String PREFIX = "TT";
    public static final int LOCATE = 7;
    public static final long STOCK = OuchTypes.stock("ACME");
    /** $100.00 x 500 / $100.10 x 700 */
    public static final long BID = 1_000_000;
    public static final long ASK = 1_001_000;

    public long now = 1_000_000_000L;
    final RingBuffer<OrderCommand> egress;
    final RingBuffer<OrderResponse> responses = RingBuffer.createSingleProducer(OrderResponse::new, 256);
    final EventPoller<OrderCommand> commandPoller;
    final OrderTokens codec = new OrderTokens(PREFIX, 0);
    final Map<String, AtomicCounter> counters = new LinkedHashMap<>();
    public final StrategyStage stage;
    final BookEvent event = new BookEvent();
    private final CountersManager manager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(256 * CountersReader.METADATA_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(256 * CountersReader.COUNTER_LENGTH)), StandardCharsets.US_ASCII);
    private final List<String> recorded = new ArrayList<>();
    private final dev.hft.journal.JournalWriter responseJournal;
    private long eventSequence;

    public StrategyHarness(Map<String, Object> params, Function<StrategyContext, Strategy> strategy) {
        this(params, 1024, strategy);
    }

    public StrategyHarness(Map<String, Object> params, int egressSize, Function<StrategyContext, Strategy> strategy) {
        this(params, egressSize, null, strategy);
    }

    /**
     * @param journal the session journal the stage rebuilds from and records to; the harness also journals every
     *                response it publishes, as egress does
     */
    public StrategyHarness(Map<String, Object> params, int egressSize, dev.hft.journal.Journal journal,
                           Function<StrategyContext, Strategy> strategy) {
        this.responseJournal = journal == null ? null : journal.writer();
        egress = RingBuffer.createSingleProducer(OrderCommand::new, egressSize);
        commandPoller = egress.newPoller();
        egress.addGatingSequences(commandPoller.getSequence());
        Params p = new Params("params", params);
        stage = new StrategyStage("strategy", p, RiskLimits.from(p.child("risk")),
                new OrderTokens(PREFIX, p.longValue("first_token", 0)), new Ring<>("orders", egress), responses,
                () -> now, name -> counters.computeIfAbsent(name, manager::newCounter), strategy, journal);
        stage.onStart();
    }

    public static Map<String, Object> params(Map<String, Object> risk) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("risk", risk);
        return p;
    }

    public long counter(String name) {
        return counters.get(name).get();
    }

    /** intents = sent + rejected by risk, the invariant every test ends on. */
    public void assertAccounted() {
        org.junit.jupiter.api.Assertions.assertEquals(counter("intents"), counter("sent") + counter("rejected"),
                "intents = sent + rejected");
    }

    // ---- book events ----

    public void top(int locate, long bid, long bidShares, long ask, long askShares) {
        BookEvent e = reset(BookEvent.TOP, locate);
        e.bidPrice = bid;
        e.bidShares = bidShares;
        e.askPrice = ask;
        e.askShares = askShares;
        step(e);
    }

    public void top(long bid, long bidShares, long ask, long askShares) {
        top(LOCATE, bid, bidShares, ask, askShares);
    }

    public void tradingState(byte state, byte halt) {
        BookEvent e = reset(BookEvent.TRADING_STATE, LOCATE);
        e.tradingState = state;
        e.operationalHalt = halt;
        step(e);
    }

    public void endOfPacket() {
        step(reset(BookEvent.END_OF_PACKET, LOCATE));
    }

    /** A TOP then END_OF_PACKET: one packet that moved the BBO. */
    public void packet(long bid, long bidShares, long ask, long askShares) {
        top(bid, bidShares, ask, askShares);
        endOfPacket();
    }

    public BookEvent reset(byte kind, int locate) {
        event.kind = kind;
        event.locate = locate;
        event.stock = kind == BookEvent.END_OF_PACKET ? 0 : STOCK;
        event.receiveNanos = now;
        return event;
    }

    public void step(BookEvent e) {
        stage.onEvent(e, eventSequence++, true);
    }

    public void advanceNanos(long nanos) {
        now += nanos;
    }

    public void idle() {
        stage.onIdle();
    }

    // ---- venue responses ----

    public void accepted(long token, int shares, int price) {
        OrderResponse r = claim(OrderResponse.Kind.ACCEPTED, token);
        r.shares = shares;
        r.price = price;
        r.orderState = OuchTypes.ORDER_STATE_LIVE;
        publish();
    }

    public void executed(long token, int shares, int price) {
        OrderResponse r = claim(OrderResponse.Kind.EXECUTED, token);
        r.shares = shares;
        r.price = price;
        r.liquidityFlag = 'A';
        r.matchNumber = 42;
        publish();
    }

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

    public void linkDown() {
        claim(OrderResponse.Kind.LINK_DOWN, 0);
        publish();
    }

    public void linkUp() {
        claim(OrderResponse.Kind.LINK_UP, 0);
        publish();
    }

    private long responseSequence;

    private OrderResponse claim(OrderResponse.Kind kind, long token) {
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

    // ---- emitted commands ----

    /** The commands published since the last call, as text, e.g. {@code ENTER 0 B 100 ACME 1000000 99998}. */
    public List<String> commands() {
        recorded.clear();
        try {
            commandPoller.poll((c, seq, end) -> {
                recorded.add(describe(c));
                return true;
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return List.copyOf(recorded);
    }

    /** Consumes the published commands without describing them (the allocation test's drain). */
    public void discardCommands() {
        commandPoller.getSequence().set(egress.getCursor());
    }

    private String describe(OrderCommand c) {
        if (c.control != Control.NONE) {
            return "CONTROL " + Control.name(c.control);
        }
        long token = codec.counter(c.token);
        return switch (c.kind) {
            case ENTER -> "ENTER " + token + " " + (char) c.side + " " + c.shares + " " + OuchTypes.alpha(c.stock, 8)
                    + " " + c.price + " " + c.timeInForce;
            case REPLACE -> "REPLACE " + token + "->" + codec.counter(c.replacementToken) + " " + c.shares + " " + c.price;
            case CANCEL -> "CANCEL " + token + " " + c.shares;
            case MODIFY -> "MODIFY " + token;
        };
    }
}
