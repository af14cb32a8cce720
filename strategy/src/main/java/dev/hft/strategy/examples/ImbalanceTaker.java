package dev.hft.strategy.examples;

import org.agrona.concurrent.NanoClock;

import dev.hft.events.BookEvent;
import dev.hft.pipeline.Params;
import dev.hft.strategy.Books;
import dev.hft.strategy.Orders;
import dev.hft.strategy.Strategy;
import dev.hft.strategy.StrategyContext;
import dev.hft.wire.ouch.OuchTypes;

/**
 * Takes liquidity on top-of-book imbalance: when the best bid holds at least {@code imbalance_percent} of the
 * shares at the best bid and ask together, it buys {@code shares} at the ask with an immediate-or-cancel order;
 * when the ask holds that much, it sells at the bid. After each order it waits {@code cooldown_ms}. It acts at
 * the end of a packet that changed the symbol's top of book, and never while the symbol is halted; how large
 * the position may grow is pre-trade risk's {@code max_position}.
 *
 * <pre>
 * params: {locate: 7, shares: 100, imbalance_percent: 70, cooldown_ms: 1000}
 * </pre>
 */
public final class ImbalanceTaker implements Strategy {

    private final Orders orders;
    private final Books books;
    private final NanoClock clock;
    private final int locate;
    private final int shares;
    private final long percent;
    private final long cooldownNanos;

    private boolean topChanged;
    private long readyAt = Long.MIN_VALUE;

    public ImbalanceTaker(StrategyContext context) {
        Params p = context.params();
        orders = context.orders();
        books = context.books();
        clock = context.clock();
        locate = p.intValue("locate", 0);
        shares = p.intValue("shares", 100);
        percent = p.longValue("imbalance_percent", 70);
        cooldownNanos = p.longValue("cooldown_ms", 1000) * 1_000_000L;
    }

    @Override
    public void onTopOfBook(BookEvent top) {
        topChanged |= top.locate == locate;
    }

    @Override
    public void onEndOfPacket(BookEvent end) {
        if (!topChanged) {
            return;
        }
        topChanged = false;
        long now = clock.nanoTime();
        if (now < readyAt || !books.isTrading(locate) || !books.hasBbo(locate)) {
            return;
        }
        long bid = books.bidShares(locate);
        long ask = books.askShares(locate);
        long result = -1;
        if (bid * 100 >= percent * (bid + ask)) {
            result = orders.enter(locate, OuchTypes.BUY, shares, (int) books.askPrice(locate), OuchTypes.TIF_IMMEDIATE_OR_CANCEL);
        } else if (ask * 100 >= percent * (bid + ask)) {
            result = orders.enter(locate, OuchTypes.SELL, shares, (int) books.bidPrice(locate), OuchTypes.TIF_IMMEDIATE_OR_CANCEL);
        }
        if (result >= 0) {
            readyAt = now + cooldownNanos;
        }
    }
}
