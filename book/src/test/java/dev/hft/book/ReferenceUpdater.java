package dev.hft.book;

import dev.hft.wire.itch.AddOrder;
import dev.hft.wire.itch.AddOrderMpid;
import dev.hft.wire.itch.ItchListener;
import dev.hft.wire.itch.OrderCancel;
import dev.hft.wire.itch.OrderDelete;
import dev.hft.wire.itch.OrderExecuted;
import dev.hft.wire.itch.OrderExecutedWithPrice;
import dev.hft.wire.itch.OrderReplace;
import dev.hft.wire.itch.Trade;

/** Feeds decoded messages to the {@link ReferenceBooks} model. */
final class ReferenceUpdater implements ItchListener {

    final ReferenceBooks model = new ReferenceBooks();

    private static int side(byte indicator) {
        return indicator == 'B' ? 0 : indicator == 'S' ? 1 : -1;
    }

    @Override
    public void addOrder(AddOrder m) {
        model.add(m.stockLocate(), m.orderReferenceNumber(), side(m.buySellIndicator()), m.shares(),
                Integer.toUnsignedLong(m.price()));
    }

    @Override
    public void addOrderMpid(AddOrderMpid m) {
        model.add(m.stockLocate(), m.orderReferenceNumber(), side(m.buySellIndicator()), m.shares(),
                Integer.toUnsignedLong(m.price()));
    }

    @Override
    public void orderExecuted(OrderExecuted m) {
        model.execute(m.stockLocate(), m.orderReferenceNumber(), m.executedShares());
    }

    @Override
    public void orderExecutedWithPrice(OrderExecutedWithPrice m) {
        model.executeWithPrice(m.stockLocate(), m.orderReferenceNumber(), m.executedShares());
    }

    @Override
    public void orderCancel(OrderCancel m) {
        model.cancel(m.stockLocate(), m.orderReferenceNumber(), m.cancelledShares());
    }

    @Override
    public void orderDelete(OrderDelete m) {
        model.delete(m.stockLocate(), m.orderReferenceNumber());
    }

    @Override
    public void orderReplace(OrderReplace m) {
        model.replace(m.stockLocate(), m.originalOrderReferenceNumber(), m.newOrderReferenceNumber(), m.shares(),
                Integer.toUnsignedLong(m.price()));
    }

    @Override
    public void trade(Trade m) {
        model.trade(m.stockLocate(), m.shares());
    }
}
