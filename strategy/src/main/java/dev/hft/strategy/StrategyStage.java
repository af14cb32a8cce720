package dev.hft.strategy;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

import dev.hft.events.BookEvent;
import dev.hft.events.OrderCommand;
import dev.hft.events.OrderResponse;
import dev.hft.journal.Journal;
import dev.hft.journal.JournalRecord;
import dev.hft.journal.JournalWriter;
import dev.hft.pipeline.Control;
import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.TopologyException;
import dev.hft.wire.ouch.OrderTokens;
import dev.hft.wire.ouch.OuchTypes;

/**
 * Runs one {@link Strategy} on the strategy ring ({@link BookEvent}s from the book shards). Before each book
 * event and when idle it drains the venue's {@link OrderResponse}s from its own poller on the response ring,
 * keeping {@link OpenOrders} and positions; it reads the kill switch counter, fires the strategy's timer from
 * the injected clock, and hands the strategy {@link Orders} guarded by pre-trade risk.
 *
 * <p>The kill switch is the counter {@code <role>.kill_switch}: once non-zero (set from the topology's
 * {@code risk.kill_switch}, by {@link #engageKillSwitch()} from any thread, or by anything that writes the
 * counter) the stage latches it until restart, refuses every new order and replace, and cancels every open
 * order, retrying until each has a cancel in flight. The counter {@code <role>.halted} ({@link #halt()},
 * {@link #resume()}) only refuses new orders and replaces. Both are read on the stage's own thread at every
 * step and forwarded to the egress stage as {@link Control} events (KILL_SWITCH, HALT, RESUME) on the order
 * ring, so egress refuses a stray order too.
 *
 * <p>With a {@link Journal} (the session's order-entry journal), the stage rebuilds itself from it when built: open
 * orders, positions, the token counter and the order-rate bucket, from its own commands (its token prefix) and every
 * journaled response. Every order still open then is of unknown fate: the stage cancels each (its answer, Canceled or
 * Cancel Reject, settles it) and refuses new orders and replaces ({@code RECOVERING}) until none is left, however long
 * that takes; {@code recovery.timeouts} counts a recovery that outlived {@code recovery_timeout_ms}. The same
 * resolution runs for orders caught in flight by a dropped session (LINK_DOWN), without stopping trading. A command
 * egress could not send comes back as NOT_SENT and settles like a reject.
 */
public final class StrategyStage implements EventStage<BookEvent>, StrategyContext {

    private final String role;
    private final Params params;
    private final NanoClock clock;
    private final Books books = new Books();
    private final OpenOrders openOrders;
    private final Fills fills = new Fills();
    private final OrderTokens tokens;
    private final OrderEntry entry;
    private final EventPoller<OrderResponse> responses;
    private final EventPoller.Handler<OrderResponse> responseHandler = this::onResponse;
    private final Strategy strategy;

    private final AtomicCounter killSwitch;
    private final AtomicCounter halted;
    private final AtomicCounter responsesSeen;
    private final AtomicCounter responsesForeign;
    private final AtomicCounter responsesUnknown;
    private final AtomicCounter venueRejects;
    private final AtomicCounter cancelRejects;
    private final AtomicCounter cancelRejectsLate;
    private final AtomicCounter brokenTrades;
    private final AtomicCounter brokenUnmatched;
    private final AtomicCounter unknownEvents;

    private final Journal journal;
    private final JournalWriter journalWriter;
    private final AtomicCounter recovering;
    private final AtomicCounter recoveryTimeouts;
    private final AtomicCounter resolutionCancels;
    private final AtomicCounter unknownClosed;
    private final AtomicCounter notSent;
    private final AtomicCounter linkDowns;
    private final long recoveryTimeoutNanos;
    private static final long RESOLVE_RETRY_NANOS = 200_000_000L;
    private long recoveryDeadline;
    private boolean inRecovery;
    private long nextResolveNanos;
    private long recoveredRecords;
    private int recoveredOpen;

    private final boolean cancelOnStop;
    private final long cancelTimeoutNanos;
    private final AtomicCounter stopCancelTimeouts;
    private static final long STOP_CANCEL_RETRY_NANOS = 100_000_000L;
    private long stopDeadline;
    private long nextStopCancelNanos;
    private boolean stopping;
    private boolean killed;
    private boolean haltForwarded;
    private boolean killForwarded;
    private long timerDeadline = Long.MAX_VALUE;
    private int responsesPolled;

    /**
     * @param responses the egress → strategy ring, or null to run without venue responses (orders then stay
     *                  open until the open-order limit rejects every new one); this stage adds its own gating
     *                  sequence, so build it before the ring's producer starts
     * @param counters  makes this stage's counters by name (the runtime's {@code StageContext::counter})
     */
    public StrategyStage(String role, Params params, RiskLimits limits, OrderTokens tokens, Ring<OrderCommand> egress,
                         RingBuffer<OrderResponse> responses, NanoClock clock, Function<String, AtomicCounter> counters,
                         Function<StrategyContext, Strategy> strategyFactory) {
        this(role, params, limits, tokens, egress, responses == null ? null : gatingPoller(responses), clock, counters,
                strategyFactory, null);
    }

    /** As below, without a journal. */
    public StrategyStage(String role, Params params, RiskLimits limits, OrderTokens tokens, Ring<OrderCommand> egress,
                         RingBuffer<OrderResponse> responses, NanoClock clock, Function<String, AtomicCounter> counters,
                         Function<StrategyContext, Strategy> strategyFactory, Journal journal) {
        this(role, params, limits, tokens, egress, responses == null ? null : gatingPoller(responses), clock, counters,
                strategyFactory, journal);
    }

    /**
     * @param responses a poller on the egress → strategy ring whose sequence already gates it (the runtime's
     *                  {@code StageContext.sideInput}), or null to run without venue responses
     * @param journal   the session's order-entry journal (this stage rebuilds from it, appends to it and releases it
     *                  when it stops), or null for none
     */
    public StrategyStage(String role, Params params, RiskLimits limits, OrderTokens tokens, Ring<OrderCommand> egress,
                         EventPoller<OrderResponse> responses, NanoClock clock, Function<String, AtomicCounter> counters,
                         Function<StrategyContext, Strategy> strategyFactory, Journal journal) {
        this.role = role;
        this.params = params;
        this.clock = clock;
        this.tokens = tokens;
        this.journal = journal;
        this.journalWriter = journal == null ? null : journal.writer();
        this.openOrders = new OpenOrders(limits.maxOpenOrders());
        PreTradeRisk risk = new PreTradeRisk(limits, clock.nanoTime());
        this.entry = new OrderEntry(egress, tokens, risk, openOrders, books,
                clock, OuchTypes.firm(params.string("firm", "")), counters, journalWriter);
        this.responses = responses;
        this.killSwitch = counters.apply("kill_switch");
        this.halted = counters.apply("halted");
        this.responsesSeen = counters.apply("responses");
        this.responsesForeign = counters.apply("responses.foreign");
        this.responsesUnknown = counters.apply("responses.unknown");
        this.venueRejects = counters.apply("venue_rejects");
        this.cancelRejects = counters.apply("cancel_rejects");
        this.cancelRejectsLate = counters.apply("cancel_rejects_late");
        this.brokenTrades = counters.apply("broken_trades");
        this.brokenUnmatched = counters.apply("broken_trades.unmatched");
        this.unknownEvents = counters.apply("events.unknown");
        this.stopCancelTimeouts = counters.apply("stop_cancel_timeouts");
        this.recovering = counters.apply("recovering");
        this.recoveryTimeouts = counters.apply("recovery.timeouts");
        this.resolutionCancels = counters.apply("unknown.cancels_sent");
        this.unknownClosed = counters.apply("unknown.not_live");
        this.notSent = counters.apply("not_sent");
        this.linkDowns = counters.apply("link_downs");
        this.cancelOnStop = params.bool("cancel_on_stop", false);
        this.cancelTimeoutNanos = params.longValue("cancel_timeout_ms", 2_000) * 1_000_000L;
        this.recoveryTimeoutNanos = params.longValue("recovery_timeout_ms", 10_000) * 1_000_000L;
        stocks(params).forEach(books::stock);
        if (limits.killSwitch()) {
            killSwitch.set(1);
        }
        if (journal != null) {
            rebuild(risk);
        }
        this.strategy = strategyFactory.apply(this);
    }

    /**
     * Replays the journal: this stage's commands (by token prefix) and every response, through the same state changes
     * as when they happened, without strategy callbacks; then marks what is still open as of unknown fate.
     */
    private void rebuild(PreTradeRisk risk) {
        long[] highest = {-1};
        journal.replay(record -> {
            recoveredRecords++;
            if (record.type == JournalRecord.COMMAND) {
                highest[0] = Math.max(highest[0], replayCommand(record, risk));
            } else if (record.type == JournalRecord.RESPONSE) {
                apply(record.response, true);
            }
        });
        risk.resume(System.currentTimeMillis() * 1_000_000L, clock.nanoTime());
        if (highest[0] >= 0) {
            entry.sawToken(highest[0]);
            tokens.skipTo(highest[0] + 1);
        }
        openOrders.markAllUnknown();
        recoveredOpen = openOrders.count();
        if (recoveredOpen > 0) {
            inRecovery = true;
            recovering.set(1);
            entry.recovering(true);
            recoveryDeadline = clock.nanoTime() + recoveryTimeoutNanos;
        }
    }

    /** Applies one journaled command of this stage; returns the highest token counter it used, or -1. */
    private long replayCommand(JournalRecord record, PreTradeRisk risk) {
        OrderCommand c = record.command;
        long token = tokens.counter(c.token);
        if (token < 0) {
            return -1;
        }
        switch (c.kind) {
            case ENTER -> {
                if (openOrders.count() == openOrders.capacity()) {
                    throw new IllegalStateException(role + ": the journal " + journal.dir() + " has more open orders than"
                            + " max_open_orders (" + openOrders.capacity() + "): raise the limit to recover this day");
                }
                openOrders.add(token, c.stockLocate, c.side, c.shares, c.price, c.timeInForce);
                risk.replayTake(record.epochNanos);
                return token;
            }
            case REPLACE -> {
                long replacement = tokens.counter(c.replacementToken);
                int slot = openOrders.slot(token);
                if (slot >= 0 && replacement >= 0) {
                    openOrders.replaceSent(slot, replacement, c.shares, c.price);
                }
                risk.replayTake(record.epochNanos);
                return Math.max(token, replacement);
            }
            case CANCEL -> {
                int slot = openOrders.slot(token);
                if (slot >= 0) {
                    openOrders.cancelSent(slot);
                }
                return token;
            }
            default -> {
                return token;
            }
        }
    }

    private static EventPoller<OrderResponse> gatingPoller(RingBuffer<OrderResponse> responses) {
        EventPoller<OrderResponse> poller = responses.newPoller();
        responses.addGatingSequences(poller.getSequence());
        return poller;
    }

    /**
     * The {@code stocks:} parameter, {@code {locate: symbol}}: the Stock field of locates whose ITCH R (Stock
     * Directory) the feed will not replay, as when it starts mid-day. An R seen later takes precedence.
     */
    static Map<Integer, Long> stocks(Params params) {
        Map<Integer, Long> out = new TreeMap<>();
        Params stocks = params.child("stocks");
        for (String key : stocks.asMap().keySet()) {
            int locate;
            try {
                locate = Integer.parseInt(key.trim());
            } catch (NumberFormatException e) {
                locate = -1;
            }
            if (locate < 0 || locate >= Books.LOCATES) {
                throw new TopologyException("stocks." + key, "a stock locate is 0..65535, found '" + key + "'");
            }
            try {
                out.put(locate, OuchTypes.stock(stocks.string(key, "")));
            } catch (IllegalArgumentException e) {
                throw new TopologyException("stocks." + key, e.getMessage());
            }
        }
        return out;
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Orders orders() {
        return entry;
    }

    @Override
    public Books books() {
        return books;
    }

    @Override
    public OpenOrders openOrders() {
        return openOrders;
    }

    @Override
    public NanoClock clock() {
        return clock;
    }

    @Override
    public void timer(long deadlineNanos) {
        timerDeadline = deadlineNanos;
    }

    public Strategy strategy() {
        return strategy;
    }

    /** Fills, position and P&amp;L from the venue's executions (those replayed from the journal too); read once the stage has stopped. */
    public Fills fills() {
        return fills;
    }

    /** The journal this stage records to, or null. */
    public Journal journal() {
        return journal;
    }

    /** Journal records read when the stage was built. */
    public long recoveredRecords() {
        return recoveredRecords;
    }

    /** Orders the journal showed open when the stage was built (all resolved with the venue before trading). */
    public int recoveredOpenOrders() {
        return recoveredOpen;
    }

    /** True until every order found open at a restart is resolved with the venue. */
    public boolean isRecovering() {
        return recovering.get() != 0;
    }

    /** Engages the kill switch; safe from any thread (the CLI, an operator console). */
    public void engageKillSwitch() {
        killSwitch.setRelease(1);
    }

    /** Refuses new orders and replaces (cancels still go) until {@link #resume()}; safe from any thread. */
    public void halt() {
        halted.setRelease(1);
    }

    public void resume() {
        halted.setRelease(0);
    }

    /** The strategy may send up to two orders (a two-sided quote) per event; more go out through tryNext. */
    @Override
    public int outputsPerEvent() {
        return 2;
    }

    @Override
    public void onStart() {
        strategy.onStart();
        entry.deliverRejects(strategy);
    }

    @Override
    public void onEvent(BookEvent event, long sequence, boolean endOfBatch) {
        pollResponses();
        applyControls();
        resolveUnknown();
        entry.receiveNanos(event.receiveNanos);
        books.apply(event);
        switch (event.kind) {
            case BookEvent.TOP -> strategy.onTopOfBook(event);
            case BookEvent.DEPTH -> strategy.onDepth(event);
            case BookEvent.TRADE -> strategy.onTrade(event);
            case BookEvent.TRADING_STATE -> strategy.onTradingState(event);
            case BookEvent.END_OF_PACKET -> strategy.onEndOfPacket(event);
            default -> unknownEvents.incrementRelease();
        }
        entry.deliverRejects(strategy);
        if (endOfBatch) {
            fireTimer(clock.nanoTime());
        }
    }

    @Override
    public int onIdle() {
        int work = pollResponses();
        applyControls();
        work += resolveUnknown();
        return work + fireTimer(clock.nanoTime());
    }

    /**
     * Sends a cancel for each order of unknown fate that has none in flight (again every 200 ms, so a cancel egress
     * could not send is retried); ends the recovery gate once none is left.
     */
    private int resolveUnknown() {
        if (openOrders.unknownCount() == 0) {
            if (inRecovery) {
                inRecovery = false;
                recovering.setRelease(0);
                entry.recovering(false);
            }
            return 0;
        }
        long now = clock.nanoTime();
        if (inRecovery && recoveryDeadline != 0 && now - recoveryDeadline >= 0) {
            recoveryDeadline = 0;
            recoveryTimeouts.incrementRelease();
        }
        if (now - nextResolveNanos < 0) {
            return 0;
        }
        nextResolveNanos = now + RESOLVE_RETRY_NANOS;
        int sent = 0;
        for (int slot = 0; slot < openOrders.capacity(); slot++) {
            if (openOrders.inUse(slot) && openOrders.unknownAt(slot) && !openOrders.cancelPending(slot)) {
                if (entry.resolve(slot) < 0) {
                    break;
                }
                resolutionCancels.incrementRelease();
                sent++;
            }
        }
        entry.deliverRejects(strategy);
        return sent;
    }

    /**
     * With {@code cancel_on_stop: true}, once the book ring is drained: halt (no new orders or replaces, also
     * forwarded to egress), cancel every open order, and stop only when the venue has confirmed them all (the
     * response ring is read meanwhile; cancels the venue refused are retried every 100 ms, stop-time orders carry no
     * receive time, so they stay out of tick-to-trade) or {@code cancel_timeout_ms} (default 2000) has passed, which counts
     * {@code stop_cancel_timeouts}. Needs the response ring: without it nothing could confirm a cancel.
     */
    @Override
    public boolean readyToStop() {
        if (!cancelOnStop || responses == null) {
            return true;
        }
        long now = clock.nanoTime();
        if (!stopping) {
            stopping = true;
            stopDeadline = now + cancelTimeoutNanos;
            halted.setRelease(1);
            entry.receiveNanos(0);
        }
        pollResponses();
        applyControls();
        resolveUnknown();
        if (openOrders.count() == 0) {
            return true;
        }
        if (now - nextStopCancelNanos >= 0) {
            nextStopCancelNanos = now + STOP_CANCEL_RETRY_NANOS;
            entry.cancelAll();
            entry.deliverRejects(strategy);
        }
        if (now - stopDeadline >= 0) {
            stopCancelTimeouts.incrementRelease();
            return true;
        }
        return false;
    }

    @Override
    public void onStop() {
        try {
            strategy.onStop();
        } finally {
            if (journal != null) {
                journalWriter.close();
                journal.close();
            }
        }
    }

    private int pollResponses() {
        if (responses == null) {
            return 0;
        }
        responsesPolled = 0;
        try {
            responses.poll(responseHandler);
        } catch (Exception e) {
            throw new IllegalStateException(role + ": response handling failed", e);
        }
        return responsesPolled;
    }

    private void applyControls() {
        killed |= killSwitch.get() != 0;
        boolean halt = halted.get() != 0;
        entry.killed(killed);
        entry.halted(halt);
        if (killed && !killForwarded) {
            killForwarded = entry.control(Control.KILL_SWITCH);
        }
        if (halt != haltForwarded && entry.control(halt ? Control.HALT : Control.RESUME)) {
            haltForwarded = halt;
        }
        if (killed && openOrders.count() > 0) {
            entry.cancelAll();
            entry.deliverRejects(strategy);
        }
    }

    private int fireTimer(long now) {
        if (now < timerDeadline) {
            return 0;
        }
        timerDeadline = Long.MAX_VALUE;
        strategy.onTimer(now);
        entry.deliverRejects(strategy);
        return 1;
    }

    private boolean onResponse(OrderResponse r, long sequence, boolean endOfBatch) {
        responsesPolled++;
        responsesSeen.incrementRelease();
        apply(r, false);
        return true;
    }

    /**
     * One response: as it arrives ({@code replay} false: counters, strategy callbacks) or read back from the journal
     * while the stage is built ({@code replay} true: state only).
     */
    private void apply(OrderResponse r, boolean replay) {
        switch (r.kind) {
            case SYSTEM_EVENT -> {
                return;
            }
            case LINK_DOWN -> {
                // while rebuilding nothing is marked: every order still open at the end becomes unknown anyway
                if (!replay) {
                    linkDowns.incrementRelease();
                    openOrders.markInFlightUnknown();
                }
                return;
            }
            case LINK_UP -> {
                nextResolveNanos = clock.nanoTime();
                return;
            }
            default -> {
            }
        }
        long token = tokens.counter(r.token);
        long previous = r.kind == OrderResponse.Kind.REPLACED ? tokens.counter(r.previousToken) : token;
        if (token < 0 || previous < 0) {
            count(responsesForeign, replay);
            return;
        }
        entry.sawToken(token);
        if (r.kind == OrderResponse.Kind.BROKEN) {
            count(brokenTrades, replay);
            fills.broken(token, r.matchNumber);
            int locate = openOrders.broken(token, r.matchNumber);
            if (locate < 0) {
                count(brokenUnmatched, replay);
            }
            if (!replay) {
                strategy.onBroken(token, locate, r.matchNumber, r.reason);
                entry.deliverRejects(strategy);
            }
            return;
        }
        int slot = openOrders.slot(previous);
        if (slot < 0) {
            if (r.kind == OrderResponse.Kind.CANCEL_REJECT) {
                // the cancel crossed the order's last execution (or a cancel): the order is already closed here
                count(cancelRejectsLate, replay);
                return;
            }
            count(responsesUnknown, replay);
            return;
        }
        int locate = openOrders.locateAt(slot);
        byte side = openOrders.sideAt(slot);
        boolean dead = r.orderState == OuchTypes.ORDER_STATE_DEAD;
        switch (r.kind) {
            case ACCEPTED -> {
                openOrders.accepted(slot, r.shares, r.price, dead);
                if (!replay) {
                    strategy.onAccepted(token, locate, side, r.shares, r.price);
                }
            }
            case REPLACED -> {
                openOrders.replaced(slot, token, r.shares, r.price, dead);
                if (!replay) {
                    strategy.onReplaced(previous, token, locate, side, r.shares, r.price);
                }
            }
            case CANCELED -> {
                openOrders.canceled(slot, r.shares);
                if (!replay) {
                    strategy.onCanceled(token, locate, r.shares, openOrders.shares(token), r.reason);
                }
            }
            case EXECUTED -> {
                openOrders.executed(slot, r.shares, r.matchNumber);
                fills.executed(token, r.matchNumber, locate, OpenOrders.isBuy(side), r.shares, r.price);
                if (!replay) {
                    strategy.onExecuted(token, locate, side, r.shares, r.price, r.liquidityFlag, r.matchNumber);
                }
            }
            case REJECTED -> {
                count(venueRejects, replay);
                openOrders.rejected(slot, token);
                if (!replay) {
                    strategy.onRejected(token, locate, RejectReason.VENUE, r.reason);
                }
            }
            case CANCEL_REJECT -> {
                count(cancelRejects, replay);
                if (openOrders.unknownAt(slot) && openOrders.tokenAt(slot) == token) {
                    // everything the venue did with the order is sequenced before this answer: it is not live there
                    int open = openOrders.sharesAt(slot);
                    openOrders.closeUnknown(slot);
                    count(unknownClosed, replay);
                    if (!replay) {
                        strategy.onCanceled(token, locate, open, 0, (byte) 0);
                    }
                } else {
                    openOrders.cancelRejected(slot);
                }
            }
            case NOT_SENT -> {
                count(notSent, replay);
                if (r.reason == NOT_SENT_CANCEL) {
                    openOrders.cancelRejected(slot);
                } else {
                    openOrders.rejected(slot, token);
                }
                if (!replay) {
                    strategy.onRejected(token, locate, RejectReason.NOT_SENT, (byte) 0);
                }
            }
            default -> {
                // CANCEL_PENDING, PRIORITY_UPDATE, MODIFIED: no change to what risk tracks (MODIFY is never sent)
            }
        }
        if (!replay) {
            entry.deliverRejects(strategy);
        }
    }

    /** NOT_SENT's reason for a Cancel Order (the OUCH message type). */
    private static final byte NOT_SENT_CANCEL = 'X';

    private static void count(AtomicCounter counter, boolean replay) {
        if (!replay) {
            counter.incrementRelease();
        }
    }
}
