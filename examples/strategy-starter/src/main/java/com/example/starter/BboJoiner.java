package com.example.starter;

import dev.hft.events.BookEvent;
import dev.hft.pipeline.Params;
import dev.hft.strategy.Books;
import dev.hft.strategy.OpenOrders;
import dev.hft.strategy.Orders;
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
        bid = follow(bid, OuchTypes.BUY, quoting && position < maxInventory, books.bidPrice(locate));
        ask = follow(ask, OuchTypes.SELL, quoting && position > -maxInventory, books.askPrice(locate));
    }

    /** Brings one side's order to {@code price}, or pulls it; returns that side's token from now on (-1: none). */
    private long follow(long token, byte side, boolean wanted, long price) {
        boolean live = token >= 0 && open.isOpen(token);
        if (live && open.isPending(token)) {
            return token;
        }
        if (!wanted) {
            if (live) {
                orders.cancel(token);
            }
            return live ? token : -1;
        }
        if (!live) {
            long entered = orders.enter(locate, side, shares, (int) price);
            return entered >= 0 ? entered : -1;
        }
        if (open.price(token) == price) {
            return token;
        }
        long replaced = orders.replace(token, shares, (int) price);
        return replaced >= 0 ? replaced : token;
    }
}
