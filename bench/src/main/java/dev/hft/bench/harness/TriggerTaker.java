package dev.hft.bench.harness;

import dev.hft.events.BookEvent;
import dev.hft.strategy.Orders;
import dev.hft.strategy.Strategy;
import dev.hft.strategy.StrategyContext;
import dev.hft.wire.ouch.OuchTypes;

/**
 * The benchmark's strategy: one immediate-or-cancel buy of {@code shares} at the best bid for every packet that
 * moved the best bid of {@code locate}. The e2e feed moves that bid in every trigger packet, so the k-th order
 * the venue receives answers the k-th trigger packet. Params: {@code locate} (1), {@code shares} (100).
 */
public final class TriggerTaker implements Strategy {

    private final Orders orders;
    private final int locate;
    private final int shares;
    private long lastBid;
    private long bid;

    public TriggerTaker(StrategyContext context) {
        orders = context.orders();
        locate = context.params().intValue("locate", 1);
        shares = context.params().intValue("shares", 100);
    }

    @Override
    public void onTopOfBook(BookEvent top) {
        if (top.locate == locate && top.bidPrice > 0) {
            bid = top.bidPrice;
        }
    }

    @Override
    public void onEndOfPacket(BookEvent end) {
        if (bid != lastBid) {
            lastBid = bid;
            orders.enter(locate, OuchTypes.BUY, shares, (int) bid, OuchTypes.TIF_IMMEDIATE_OR_CANCEL);
        }
    }
}
