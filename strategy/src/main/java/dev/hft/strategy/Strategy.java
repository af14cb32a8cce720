package dev.hft.strategy;

import dev.hft.events.BookEvent;

/**
 * A trading strategy plugged into the strategy stage by class name ({@code params: {class: ...}}). The class
 * is public, concrete, and has a public constructor taking a {@link StrategyContext}; keep what it gives
 * (orders, books, open orders, parameters, clock) in final fields.
 *
 * <p>Every callback runs on the stage's one thread, never concurrently, and must not block or allocate.
 * Book events are the ring's preallocated event: read them during the callback, never keep them. The book
 * shard publishes a packet's TRADE, TRADING_STATE, TOP and DEPTH events and then END_OF_PACKET: act (send
 * orders) in {@link #onEndOfPacket}, when every message of the MoldUDP64 packet is applied.
 *
 * <p>Tokens are the session's token counters ({@link Orders} returns them). Prices have 4 implied decimals.
 */
public interface Strategy {

    default void onStart() {
    }

    default void onTopOfBook(BookEvent top) {
    }

    default void onDepth(BookEvent depth) {
    }

    default void onTrade(BookEvent trade) {
    }

    default void onTradingState(BookEvent state) {
    }

    default void onEndOfPacket(BookEvent end) {
    }

    /** The venue accepted the order; {@code shares} and {@code price} are the venue's. */
    default void onAccepted(long token, int locate, byte side, int shares, int price) {
    }

    /** The order {@code previousToken} now lives as {@code token} with the venue's size and price. */
    default void onReplaced(long previousToken, long token, int locate, byte side, int shares, int price) {
    }

    /** {@code canceledShares} were taken off; the order is gone when {@code remainingShares} is 0. */
    default void onCanceled(long token, int locate, int canceledShares, int remainingShares, byte reason) {
    }

    default void onExecuted(long token, int locate, byte side, int shares, int price, byte liquidityFlag,
                            long matchNumber) {
    }

    /**
     * The venue rejected {@code token} ({@link RejectReason#VENUE}, with the OUCH reason byte), or pre-trade risk
     * refused an intent ({@code venueReason} 0; {@code token} is the order a replace or cancel was for, -1 for
     * an enter). Risk rejects arrive once the callback that made the intent has returned.
     */
    default void onRejected(long token, int locate, RejectReason reason, byte venueReason) {
    }

    /**
     * The venue broke an execution of {@code token}; the position no longer counts it. {@code locate} is -1 when
     * the execution was too old to be remembered (then the position still counts it).
     */
    default void onBroken(long token, int locate, long matchNumber, byte reason) {
    }

    /** The deadline set with {@link StrategyContext#timer(long)} has passed. */
    default void onTimer(long nowNanos) {
    }

    default void onStop() {
    }
}
