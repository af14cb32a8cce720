package com.example.starter;

import dev.hft.events.BookEvent;
import dev.hft.pipeline.Params;
import dev.hft.strategy.Books;
import dev.hft.strategy.OpenOrders;
import dev.hft.strategy.Orders;
import dev.hft.strategy.Quoting;
import dev.hft.strategy.Strategy;
import dev.hft.strategy.StrategyContext;
import dev.hft.wire.ouch.OuchTypes;

/**
 * Joins the best bid and the best offer of one symbol with {@code shares} each, follows them as they move, stops
 * bidding once long {@code max_inventory} shares (offering once short as many), and pulls both orders while the
 * symbol is halted. Pre-trade risk (the stage's {@code risk:} limits) checks every order before it leaves.
 *
 * <pre>
 * params: {locate: 1, shares: 100, max_inventory: 500}
 * </pre>
 */
public final class BboJoiner implements Strategy {

    private final Orders orders;
    private final Books books;
    private final OpenOrders open;
    private final int locate;
    private final int shares;
    private final long maxInventory;

    private long bid = -1;
    private long ask = -1;

    public BboJoiner(StrategyContext context) {
        Params p = context.params();
        orders = context.orders();
        books = context.books();
        open = context.openOrders();
        locate = p.intValue("locate", 1);
        shares = p.intValue("shares", 100);
        maxInventory = p.longValue("max_inventory", 500);
    }

    /** Decide once the whole packet is applied: the book is never half-updated here. */
    @Override
    public void onEndOfPacket(BookEvent end) {
        boolean quoting = books.isTrading(locate) && books.hasBbo(locate);
        long position = open.position(locate);
        bid = Quoting.follow(orders, open, bid, locate, OuchTypes.BUY, shares, books.bidPrice(locate), quoting && position < maxInventory);
        ask = Quoting.follow(orders, open, ask, locate, OuchTypes.SELL, shares, books.askPrice(locate), quoting && position > -maxInventory);
    }
}
