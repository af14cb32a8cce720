package dev.hft.strategy;

import dev.hft.wire.ouch.OuchTypes;

/**
 * How a strategy sends orders. Every call is one intent: it passes pre-trade risk and goes to the egress ring
 * (the result is the order's token counter, {@code >= 0}), or it is rejected (the result is a negative
 * {@link RejectReason#code()}, and {@link Strategy#onRejected} follows once the current callback returns).
 * Prices have 4 implied decimals ($12.34 is 123400); sides are the OUCH bytes {@code B S T E}.
 * Nothing here allocates or blocks.
 */
public interface Orders {

    long enter(int locate, byte side, int shares, int price, int timeInForce);

    /** Enter Order with {@link OuchTypes#TIF_MARKET_HOURS}. */
    default long enter(int locate, byte side, int shares, int price) {
        return enter(locate, side, shares, price, OuchTypes.TIF_MARKET_HOURS);
    }

    /** Replace Order: the open order {@code token} becomes {@code shares} at {@code price}; returns the new token. */
    long replace(long token, int shares, int price);

    /**
     * Cancel Order for all remaining shares; returns {@code token} when sent, or {@code ORDER_PENDING} while a cancel
     * or a replace of the order is in flight (cancel the replacement token once the venue has answered).
     */
    long cancel(long token);

    /**
     * Cancels every open order that has no cancel or replace in flight; returns how many cancels were sent. An order
     * whose replace is in flight is cancelled by a later call, under the token the venue confirms.
     */
    int cancelAll();
}
