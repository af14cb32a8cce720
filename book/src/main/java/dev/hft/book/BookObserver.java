package dev.hft.book;

/** What {@link OrderBooks} reports while applying messages; called on the applying thread, in message order. */
public interface BookObserver {

    BookObserver NONE = new BookObserver() {
    };

    /** The level at {@code price} on {@code side} was created, changed or removed. */
    default void levelChanged(OrderBook book, int side, long price) {
    }

    /**
     * A trade: {@code type} is 'E' (price of the resting order), 'C' (execution price) or 'P'.
     * {@code side} is the resting order's side ({@link OrderBook#BID} / {@link OrderBook#ASK}).
     */
    default void trade(OrderBook book, byte type, int side, long price, long shares, long matchNumber) {
    }

    /** An H (Stock Trading Action) or h (Operational Halt) arrived for the book. */
    default void tradingStateChanged(OrderBook book) {
    }
}
