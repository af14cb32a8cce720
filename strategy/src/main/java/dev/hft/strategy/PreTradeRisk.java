package dev.hft.strategy;

import dev.hft.wire.ouch.OuchTypes;

/**
 * The stateless limit checks and the order-rate token bucket. Each check returns the reason to reject, or null
 * to pass; a check that lacks what it needs (no BBO, no symbol) rejects.
 */
final class PreTradeRisk {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RiskLimits limits;
    private final long costNanos;
    private final long bucketNanos;
    private long level;
    private long lastNanos;
    private boolean replaying;

    PreTradeRisk(RiskLimits limits, long nowNanos) {
        this.limits = limits;
        this.costNanos = NANOS_PER_SECOND / limits.ordersPerSecond();
        this.bucketNanos = costNanos * limits.burst();
        this.level = bucketNanos;
        this.lastNanos = nowNanos;
    }

    RiskLimits limits() {
        return limits;
    }

    RejectReason checkOrder(byte side, int shares, int price, int timeInForce) {
        if (side != OuchTypes.BUY && side != OuchTypes.SELL && side != OuchTypes.SELL_SHORT
                && side != OuchTypes.SELL_SHORT_EXEMPT || shares <= 0 || price <= 0 || price > OuchTypes.MAX_PRICE
                || timeInForce < 0) {
            return RejectReason.INVALID_ORDER;
        }
        if (shares > limits.maxOrderShares()) {
            return RejectReason.ORDER_SIZE;
        }
        if ((long) shares * price > limits.maxNotional()) {
            return RejectReason.NOTIONAL;
        }
        return null;
    }

    RejectReason checkCollar(Books books, int locate, int price) {
        if (!books.hasBbo(locate)) {
            return limits.allowWithoutBbo() ? null : RejectReason.NO_BBO;
        }
        long bid = books.bidPrice(locate);
        long ask = books.askPrice(locate);
        long band = limits.collarTicks() > 0 ? limits.collarTicks() * limits.tick()
                : (bid + ask) / 2 * limits.collarPpm() / 1_000_000;
        return price < bid - band || price > ask + band ? RejectReason.PRICE_COLLAR : null;
    }

    /**
     * @param sideExposure open shares on the order's side including this order (see {@link OpenOrders})
     */
    RejectReason checkPosition(boolean buy, long position, long sideExposure) {
        long worst = buy ? position + sideExposure : sideExposure - position;
        return worst > limits.maxPosition() ? RejectReason.POSITION : null;
    }

    /** Refills the bucket up to {@code nowNanos}; true when one more order fits. */
    boolean throttleAllows(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = Math.max(lastNanos, nowNanos);
        level = elapsed >= bucketNanos - level ? bucketNanos : level + elapsed;
        return level >= costNanos;
    }

    void throttleTake() {
        level -= costNanos;
    }

    /**
     * Rebuilding after a restart: an order the journal shows sent at {@code epochNanos} (wall clock) took a credit.
     * The bucket runs on wall-clock time until {@link #resume}.
     */
    void replayTake(long epochNanos) {
        if (!replaying) {
            replaying = true;
            level = bucketNanos;
            lastNanos = epochNanos;
        }
        throttleAllows(epochNanos);
        level -= costNanos;
    }

    /** Ends a rebuild: refills the bucket up to {@code epochNanos} and goes on with the stage clock at {@code nowNanos}. */
    void resume(long epochNanos, long nowNanos) {
        if (replaying) {
            throttleAllows(epochNanos);
            replaying = false;
        }
        lastNanos = nowNanos;
    }
}
