package dev.hft.strategy.examples;

import dev.hft.events.BookEvent;
import dev.hft.strategy.Books;
import dev.hft.strategy.OpenOrders;
import dev.hft.strategy.Orders;
import dev.hft.strategy.Strategy;
import dev.hft.strategy.StrategyContext;
import dev.hft.wire.ouch.OuchTypes;

/** The minimal strategy of docs/strategy.md: keep one buy order at the best bid of one symbol. */
public final class JoinTheBid implements Strategy {

    private final Orders orders;
    private final Books books;
    private final OpenOrders open;
    private final int locate;
    private final int shares;
    private long token = -1;

    public JoinTheBid(StrategyContext context) {
        orders = context.orders();
        books = context.books();
        open = context.openOrders();
        locate = context.params().intValue("locate", 0);
        shares = context.params().intValue("shares", 100);
    }

    @Override
    public void onEndOfPacket(BookEvent end) {
        boolean working = token >= 0 && open.isOpen(token);
        if (working && open.isPending(token)) {
            return;
        }
        if (!books.isTrading(locate) || !books.hasBbo(locate)) {
            if (working) {
                orders.cancel(token);
            }
            return;
        }
        int bid = (int) books.bidPrice(locate);
        if (!working) {
            token = orders.enter(locate, OuchTypes.BUY, shares, bid);
        } else if (open.price(token) != bid) {
            long replacement = orders.replace(token, shares, bid);
            token = replacement >= 0 ? replacement : token;
        }
    }
}
