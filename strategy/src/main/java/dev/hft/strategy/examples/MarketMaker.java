package dev.hft.strategy.examples;

import dev.hft.events.BookEvent;
import dev.hft.pipeline.Params;
import dev.hft.strategy.Books;
import dev.hft.strategy.OpenOrders;
import dev.hft.strategy.Orders;
import dev.hft.strategy.Quoting;
import dev.hft.strategy.RejectReason;
import dev.hft.strategy.Strategy;
import dev.hft.strategy.StrategyContext;
import dev.hft.wire.ouch.OuchTypes;

/**
 * Quotes one symbol on both sides around the mid, {@code half_spread_ticks} away, skewed down one tick per
 * {@code skew_shares} of long inventory (up when short). It stops bidding once long {@code inventory_limit}
 * shares and stops offering once short as many. It re-quotes at the end of a packet that moved the symbol's
 * BBO or after one of its orders changed, and pulls both quotes while the symbol is halted.
 *
 * <pre>
 * params: {locate: 7, quote_shares: 100, half_spread_ticks: 2, tick: 100, skew_shares: 100, inventory_limit: 500}
 * </pre>
 */
public final class MarketMaker implements Strategy {

    private final Orders orders;
    private final Books books;
    private final OpenOrders open;
    private final int locate;
    private final int quoteShares;
    private final long halfSpread;
    private final long tick;
    private final long skewShares;
    private final long inventoryLimit;

    private long bidToken = -1;
    private long askToken = -1;
    private boolean dirty;

    public MarketMaker(StrategyContext context) {
        Params p = context.params();
        orders = context.orders();
        books = context.books();
        open = context.openOrders();
        locate = p.intValue("locate", 0);
        quoteShares = p.intValue("quote_shares", 100);
        tick = p.longValue("tick", 100);
        halfSpread = p.longValue("half_spread_ticks", 2) * tick;
        skewShares = p.longValue("skew_shares", 100);
        inventoryLimit = p.longValue("inventory_limit", 500);
    }

    @Override
    public void onTopOfBook(BookEvent top) {
        dirty |= top.locate == locate;
    }

    @Override
    public void onTradingState(BookEvent state) {
        dirty |= state.locate == locate;
    }

    @Override
    public void onEndOfPacket(BookEvent end) {
        if (dirty) {
            dirty = false;
            requote();
        }
    }

    @Override
    public void onExecuted(long token, int locate, byte side, int shares, int price, byte liquidityFlag, long matchNumber) {
        dirty = true;
    }

    @Override
    public void onReplaced(long previousToken, long token, int locate, byte side, int shares, int price) {
        dirty = true;
    }

    @Override
    public void onCanceled(long token, int locate, int canceledShares, int remainingShares, byte reason) {
        dirty = true;
    }

    @Override
    public void onRejected(long token, int locate, RejectReason reason, byte venueReason) {
        dirty = true;
    }

    private void requote() {
        boolean quoting = books.isTrading(locate) && books.hasBbo(locate);
        long position = open.position(locate);
        long mid = (books.bidPrice(locate) + books.askPrice(locate)) / 2;
        long skew = position / skewShares * tick;
        long bid = mid - halfSpread - skew;
        long ask = mid + halfSpread - skew;
        bidToken = Quoting.follow(orders, open, bidToken, locate, OuchTypes.BUY, quoteShares, bid - Math.floorMod(bid, tick),
                quoting && position < inventoryLimit);
        askToken = Quoting.follow(orders, open, askToken, locate, OuchTypes.SELL, quoteShares, ask + Math.floorMod(-ask, tick),
                quoting && position > -inventoryLimit);
    }
}
