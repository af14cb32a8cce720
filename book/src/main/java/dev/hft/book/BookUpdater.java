package dev.hft.book;

import dev.hft.wire.itch.AddOrder;
import dev.hft.wire.itch.AddOrderMpid;
import dev.hft.wire.itch.ItchListener;
import dev.hft.wire.itch.OperationalHalt;
import dev.hft.wire.itch.OrderCancel;
import dev.hft.wire.itch.OrderDelete;
import dev.hft.wire.itch.OrderExecuted;
import dev.hft.wire.itch.OrderExecutedWithPrice;
import dev.hft.wire.itch.OrderReplace;
import dev.hft.wire.itch.StockDirectory;
import dev.hft.wire.itch.StockTradingAction;
import dev.hft.wire.itch.Trade;

/**
 * Applies decoded ITCH 5.0 messages to {@link OrderBooks}: {@code new ItchDecoder(new BookUpdater(books))}.
 * Messages that do not change books (S, Y, L, V, W, K, J, Q, B, I, N, O) are ignored.
 */
public final class BookUpdater implements ItchListener {

    private final OrderBooks books;

    public BookUpdater(OrderBooks books) {
        this.books = books;
    }

    @Override
    public void stockDirectory(StockDirectory m) {
        books.stockDirectory(m.stockLocate(), m.stock());
    }

    @Override
    public void stockTradingAction(StockTradingAction m) {
        books.tradingAction(m.stockLocate(), m.tradingState());
    }

    @Override
    public void operationalHalt(OperationalHalt m) {
        books.operationalHalt(m.stockLocate(), m.operationalHaltAction());
    }

    @Override
    public void addOrder(AddOrder m) {
        books.add(m.stockLocate(), m.orderReferenceNumber(), OrderBooks.side(m.buySellIndicator()), m.shares(),
                Integer.toUnsignedLong(m.price()));
    }

    @Override
    public void addOrderMpid(AddOrderMpid m) {
        books.add(m.stockLocate(), m.orderReferenceNumber(), OrderBooks.side(m.buySellIndicator()), m.shares(),
                Integer.toUnsignedLong(m.price()));
    }

    @Override
    public void orderExecuted(OrderExecuted m) {
        books.execute(m.stockLocate(), m.orderReferenceNumber(), m.executedShares(), m.matchNumber());
    }

    @Override
    public void orderExecutedWithPrice(OrderExecutedWithPrice m) {
        books.executeWithPrice(m.stockLocate(), m.orderReferenceNumber(), m.executedShares(), m.matchNumber(),
                Integer.toUnsignedLong(m.executionPrice()));
    }

    @Override
    public void orderCancel(OrderCancel m) {
        books.cancel(m.stockLocate(), m.orderReferenceNumber(), m.cancelledShares());
    }

    @Override
    public void orderDelete(OrderDelete m) {
        books.delete(m.stockLocate(), m.orderReferenceNumber());
    }

    @Override
    public void orderReplace(OrderReplace m) {
        books.replace(m.stockLocate(), m.originalOrderReferenceNumber(), m.newOrderReferenceNumber(), m.shares(),
                Integer.toUnsignedLong(m.price()));
    }

    @Override
    public void trade(Trade m) {
        books.trade(m.stockLocate(), OrderBooks.side(m.buySellIndicator()), m.shares(), Integer.toUnsignedLong(m.price()),
                m.matchNumber());
    }
}
