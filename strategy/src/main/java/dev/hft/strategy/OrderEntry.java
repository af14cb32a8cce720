package dev.hft.strategy;

import java.util.function.Function;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.events.OrderCommand;
import dev.hft.journal.JournalWriter;
import dev.hft.pipeline.Control;
import dev.hft.pipeline.Ring;
import dev.hft.wire.ouch.OrderTokens;
import dev.hft.wire.ouch.OuchTypes;

/**
 * The {@link Orders} a strategy gets: runs pre-trade risk on every intent, then fills an {@link OrderCommand} in
 * place in the egress ring. Counts {@code intents}, {@code sent}, {@code rejected} and
 * {@code rejected.<reason>}, so that intents = sent + rejected always holds. Risk rejects are queued and handed
 * to the strategy by {@link #deliverRejects} after the callback that made them.
 *
 * <p>With a journal, every command is appended before it is published to the egress ring (and before open orders
 * count it), and every reject when it is made; a command the journal could not take is not sent: its ring slot
 * becomes a KILL_SWITCH control event, the kill switch engages, and {@code journal.failures} counts it.
 */
final class OrderEntry implements Orders {

    private static final int REJECT_QUEUE = 256;
    private static final int FIRM_BLANK = 0x20202020;

    private final Ring<OrderCommand> egress;
    private final OrderTokens tokens;
    private final PreTradeRisk risk;
    private final OpenOrders orders;
    private final Books books;
    private final NanoClock clock;
    private final int firm;

    private final AtomicCounter intents;
    private final AtomicCounter sent;
    private final AtomicCounter rejected;
    private final AtomicCounter[] rejectedBy;
    private final AtomicCounter noticesDropped;
    private final AtomicCounter journalFailures;
    private final JournalWriter journal;
    private final byte[] owner;

    private final long[] rejectToken = new long[REJECT_QUEUE];
    private final int[] rejectLocate = new int[REJECT_QUEUE];
    private final RejectReason[] rejectReason = new RejectReason[REJECT_QUEUE];
    private int rejectHead;
    private int rejectCount;

    private final byte[] scratch = new byte[OuchTypes.TOKEN_LENGTH];
    private long highestToken = -1;
    private boolean killed;
    private boolean halted;
    private boolean recovering;
    private long receiveNanos;
    private OrderCommand.Kind intentKind = OrderCommand.Kind.ENTER;
    private byte intentSide;
    private int intentShares;
    private int intentPrice;

    /** @param journal where commands and rejects are recorded, or null for none */
    OrderEntry(Ring<OrderCommand> egress, OrderTokens tokens, PreTradeRisk risk, OpenOrders orders, Books books,
               NanoClock clock, int firm, Function<String, AtomicCounter> counters, JournalWriter journal) {
        this.egress = egress;
        this.tokens = tokens;
        this.risk = risk;
        this.orders = orders;
        this.books = books;
        this.clock = clock;
        this.firm = firm;
        this.intents = counters.apply("intents");
        this.sent = counters.apply("sent");
        this.rejected = counters.apply("rejected");
        this.noticesDropped = counters.apply("reject_notices_dropped");
        this.journalFailures = counters.apply("journal.failures");
        this.journal = journal;
        this.owner = String.format("%-" + OuchTypes.TOKEN_LENGTH + "s", tokens.prefix())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        RejectReason[] reasons = RejectReason.values();
        this.rejectedBy = new AtomicCounter[reasons.length];
        for (RejectReason r : reasons) {
            rejectedBy[r.ordinal()] = counters.apply(r.counterName());
        }
    }

    @Override
    public long enter(int locate, byte side, int shares, int price, int timeInForce) {
        intents.incrementRelease();
        intent(OrderCommand.Kind.ENTER, side, shares, price);
        if (locate < 0 || locate >= Books.LOCATES) {
            return reject(-1, 0, RejectReason.INVALID_ORDER);
        }
        RejectReason r = gate();
        if (r == null) {
            r = risk.checkOrder(side, shares, price, timeInForce);
        }
        if (r == null && books.stock(locate) == 0) {
            r = RejectReason.UNKNOWN_SYMBOL;
        }
        if (r == null) {
            r = risk.checkCollar(books, locate, price);
        }
        if (r == null && orders.count() >= risk.limits().maxOpenOrders()) {
            r = RejectReason.OPEN_ORDERS;
        }
        if (r == null) {
            boolean buy = OpenOrders.isBuy(side);
            long open = buy ? orders.openBuyShares(locate) : orders.openSellShares(locate);
            r = risk.checkPosition(buy, orders.position(locate), open + shares);
        }
        if (r != null) {
            return reject(-1, locate, r);
        }
        long token = drawToken();
        long sequence = token < 0 ? token : claim();
        if (sequence < 0) {
            return reject(-1, locate, RejectReason.of(sequence));
        }
        OrderCommand c = command(sequence, OrderCommand.Kind.ENTER, token, locate);
        System.arraycopy(scratch, 0, c.token, 0, OuchTypes.TOKEN_LENGTH);
        c.side = side;
        c.shares = shares;
        c.stock = books.stock(locate);
        c.price = price;
        c.timeInForce = timeInForce;
        c.firm = firm;
        c.display = 'A';
        c.capacity = 'P';
        c.intermarketSweep = 'N';
        c.minimumQuantity = 0;
        c.crossType = 'N';
        c.customerType = ' ';
        if (!journaled(sequence, c)) {
            return reject(-1, locate, RejectReason.JOURNAL_FAILED);
        }
        orders.add(token, locate, side, shares, price, timeInForce);
        return publish(sequence, token);
    }

    @Override
    public long replace(long token, int shares, int price) {
        intents.incrementRelease();
        intent(OrderCommand.Kind.REPLACE, (byte) 0, shares, price);
        int slot = orders.slot(token);
        if (slot < 0) {
            return reject(token, 0, RejectReason.UNKNOWN_ORDER);
        }
        int locate = orders.locateAt(slot);
        byte side = orders.sideAt(slot);
        RejectReason r = gate();
        if (r == null && (orders.hasPending(slot) || orders.tokenAt(slot) != token)) {
            r = RejectReason.ORDER_PENDING;
        }
        if (r == null) {
            r = risk.checkOrder(side, shares, price, orders.timeInForceAt(slot));
        }
        if (r == null) {
            r = risk.checkCollar(books, locate, price);
        }
        if (r == null) {
            r = risk.checkPosition(OpenOrders.isBuy(side), orders.position(locate), orders.sideExposureIfReplaced(slot, shares));
        }
        if (r != null) {
            return reject(token, locate, r);
        }
        long newToken = drawToken();
        long sequence = newToken < 0 ? newToken : claim();
        if (sequence < 0) {
            return reject(token, locate, RejectReason.of(sequence));
        }
        OrderCommand c = command(sequence, OrderCommand.Kind.REPLACE, token, locate);
        tokens.write(token, c.token);
        System.arraycopy(scratch, 0, c.replacementToken, 0, OuchTypes.TOKEN_LENGTH);
        c.stock = books.stock(locate);
        c.shares = shares;
        c.price = price;
        c.timeInForce = orders.timeInForceAt(slot);
        c.display = 'A';
        c.intermarketSweep = 'N';
        c.minimumQuantity = 0;
        if (!journaled(sequence, c)) {
            return reject(token, locate, RejectReason.JOURNAL_FAILED);
        }
        orders.replaceSent(slot, newToken, shares, price);
        return publish(sequence, newToken);
    }

    @Override
    public long cancel(long token) {
        intents.incrementRelease();
        intent(OrderCommand.Kind.CANCEL, (byte) 0, 0, 0);
        int slot = orders.slot(token);
        if (slot < 0) {
            return reject(token, 0, RejectReason.UNKNOWN_ORDER);
        }
        // a replace in flight: a cancel of the old token would reach the venue after the replace and be refused
        // there (the token is gone), leaving the order live under its new token; wait for the venue's answer
        if (orders.hasPending(slot) || orders.tokenAt(slot) != token) {
            return reject(token, orders.locateAt(slot), RejectReason.ORDER_PENDING);
        }
        return sendCancel(slot, token);
    }

    /**
     * Cancels an order of unknown fate under its current token, even with a replace in flight (which may never have
     * reached the venue); an intent of the stage, counted like the strategy's.
     */
    long resolve(int slot) {
        intents.incrementRelease();
        intent(OrderCommand.Kind.CANCEL, (byte) 0, 0, 0);
        return sendCancel(slot, orders.tokenAt(slot));
    }

    private long sendCancel(int slot, long token) {
        long sequence = egress.tryNext();
        if (sequence < 0) {
            return reject(token, orders.locateAt(slot), RejectReason.EGRESS_FULL);
        }
        OrderCommand c = command(sequence, OrderCommand.Kind.CANCEL, token, orders.locateAt(slot));
        tokens.write(token, c.token);
        c.shares = 0;
        if (!journaled(sequence, c)) {
            return reject(token, orders.locateAt(slot), RejectReason.JOURNAL_FAILED);
        }
        orders.cancelSent(slot);
        return publish(sequence, token);
    }

    @Override
    public int cancelAll() {
        int n = 0;
        for (int slot = 0; slot < orders.capacity(); slot++) {
            if (orders.inUse(slot) && !orders.hasPending(slot)) {
                long result = cancel(orders.tokenAt(slot));
                if (result == RejectReason.EGRESS_FULL.code()) {
                    break;
                }
                n += result >= 0 ? 1 : 0;
            }
        }
        return n;
    }

    /** Publishes a {@link Control} event for the egress stage; false when the ring has no free slot. */
    boolean control(int code) {
        long sequence = egress.tryNext();
        if (sequence < 0) {
            return false;
        }
        egress.get(sequence).control = code;
        egress.publish(sequence);
        return true;
    }

    void killed(boolean value) {
        killed = value;
    }

    void halted(boolean value) {
        halted = value;
    }

    void recovering(boolean value) {
        recovering = value;
    }

    void receiveNanos(long value) {
        receiveNanos = value;
    }

    /** A token of this session seen in a venue response: new orders must use higher ones. */
    void sawToken(long token) {
        highestToken = Math.max(highestToken, token);
    }

    void deliverRejects(Strategy strategy) {
        while (rejectCount > 0) {
            int i = rejectHead;
            rejectHead = (rejectHead + 1) % REJECT_QUEUE;
            rejectCount--;
            strategy.onRejected(rejectToken[i], rejectLocate[i], rejectReason[i], (byte) 0);
        }
    }

    private RejectReason gate() {
        return killed ? RejectReason.KILL_SWITCH : halted ? RejectReason.HALTED : recovering ? RejectReason.RECOVERING : null;
    }

    private void intent(OrderCommand.Kind kind, byte side, int shares, int price) {
        intentKind = kind;
        intentSide = side;
        intentShares = shares;
        intentPrice = price;
    }

    /**
     * Appends the filled command to the journal; when that fails, turns the claimed slot into a KILL_SWITCH control
     * event (a claimed slot must be published), engages the kill switch and returns false.
     */
    private boolean journaled(long sequence, OrderCommand c) {
        if (journal == null) {
            return true;
        }
        try {
            journal.command(c);
            return true;
        } catch (RuntimeException e) {
            journalFailures.incrementRelease();
            killed = true;
            c.control = Control.KILL_SWITCH;
            egress.publish(sequence);
            return false;
        }
    }

    /** Draws the next token into {@link #scratch}; returns its counter or a negative reject code. */
    private long drawToken() {
        long token = tokens.next(scratch);
        if (token < 0) {
            return RejectReason.TOKENS_EXHAUSTED.code();
        }
        if (token <= highestToken) {
            return RejectReason.DUPLICATE_TOKEN.code();
        }
        return token;
    }

    /** Takes a throttle credit and an egress slot, or returns a negative reject code (taking neither). */
    private long claim() {
        if (!risk.throttleAllows(clock.nanoTime())) {
            return RejectReason.THROTTLE.code();
        }
        long sequence = egress.tryNext();
        if (sequence < 0) {
            return RejectReason.EGRESS_FULL.code();
        }
        risk.throttleTake();
        return sequence;
    }

    private OrderCommand command(long sequence, OrderCommand.Kind kind, long token, int locate) {
        OrderCommand c = egress.get(sequence);
        c.control = Control.NONE;
        c.kind = kind;
        c.intentId = token;
        c.stockLocate = locate;
        c.decisionNanos = clock.nanoTime();
        c.receiveNanos = receiveNanos;
        return c;
    }

    private long publish(long sequence, long token) {
        highestToken = Math.max(highestToken, token);
        egress.publish(sequence);
        sent.incrementRelease();
        return token;
    }

    private long reject(long token, int locate, RejectReason reason) {
        rejected.incrementRelease();
        rejectedBy[reason.ordinal()].incrementRelease();
        if (journal != null) {
            try {
                journal.riskReject(owner, intentKind, token, locate, reason.ordinal(), intentSide, intentShares, intentPrice);
            } catch (RuntimeException e) {
                journalFailures.incrementRelease();
                killed = true;
            }
        }
        if (rejectCount == REJECT_QUEUE) {
            noticesDropped.incrementRelease();
        } else {
            int i = (rejectHead + rejectCount) % REJECT_QUEUE;
            rejectToken[i] = token;
            rejectLocate[i] = locate;
            rejectReason[i] = reason;
            rejectCount++;
        }
        return reason.code();
    }
}
