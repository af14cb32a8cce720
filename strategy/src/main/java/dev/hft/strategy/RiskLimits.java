package dev.hft.strategy;

import dev.hft.pipeline.Params;
import dev.hft.pipeline.TopologyException;

/**
 * Pre-trade limits from the strategy stage's {@code risk:} parameters, every one with a named default. Every
 * limit is inclusive: an order exactly at a limit passes, one share, tick or order past it is rejected.
 * Prices and notional are in OUCH price units (4 implied decimals); the file gives notional in dollars.
 *
 * <pre>
 *   risk:
 *     max_order_shares: 1000        # shares per order
 *     max_notional: 100000          # dollars per order (shares x price)
 *     collar_percent: 5.0           # price within [bid - p% of mid, ask + p% of mid] ...
 *     collar_ticks: 10              # ... or within [bid - n ticks, ask + n ticks] (give one of the two)
 *     tick: 100                     # price units per tick ($0.01)
 *     allow_without_bbo: false      # true: skip the collar when the book is not two-sided
 *     max_open_orders: 50           # orders sent and not yet dead
 *     max_position: 5000            # |position + open exposure on the order's side| per symbol
 *     orders_per_second: 100        # throttle rate (token bucket over the stage clock)
 *     burst: 10                     # throttle bucket size
 *     kill_switch: false            # true: start with the kill switch engaged
 * </pre>
 */
public record RiskLimits(int maxOrderShares, long maxNotional, long collarPpm, long collarTicks, long tick,
                         boolean allowWithoutBbo, int maxOpenOrders, long maxPosition, long ordersPerSecond,
                         int burst, boolean killSwitch) {

    public static final int DEFAULT_MAX_ORDER_SHARES = 1_000;
    public static final long DEFAULT_MAX_NOTIONAL_DOLLARS = 100_000;
    public static final double DEFAULT_COLLAR_PERCENT = 5.0;
    public static final long DEFAULT_TICK = 100;
    public static final int DEFAULT_MAX_OPEN_ORDERS = 50;
    public static final long DEFAULT_MAX_POSITION = 5_000;
    public static final long DEFAULT_ORDERS_PER_SECOND = 100;
    public static final int DEFAULT_BURST = 10;

    /** Price units per dollar (OUCH and ITCH prices carry 4 implied decimals). */
    public static final long PRICE_SCALE = 10_000;

    /** The keys of {@code risk:}. */
    public static final java.util.Set<String> KEYS = java.util.Set.of("max_order_shares", "max_notional", "collar_percent",
            "collar_ticks", "tick", "allow_without_bbo", "max_open_orders", "max_position", "orders_per_second", "burst",
            "kill_switch");

    /**
     * Reads and checks {@code risk}; a bad value or a key that is not a limit is a {@link TopologyException} naming
     * the key (a misspelled limit must never leave its default in force unnoticed).
     */
    public static RiskLimits from(Params risk) {
        for (String key : new java.util.TreeSet<>(risk.asMap().keySet())) {
            if (!KEYS.contains(key)) {
                throw new TopologyException("risk." + key, "no risk limit is called '" + key + "'"
                        + dev.hft.pipeline.topology.Problems.didYouMean(key, KEYS) + " (limits: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        if (risk.has("collar_percent") && risk.has("collar_ticks")) {
            throw new TopologyException("risk.collar_ticks", "give collar_percent or collar_ticks, not both");
        }
        long collarTicks = risk.longValue("collar_ticks", 0);
        double percent = risk.has("collar_ticks") ? 0 : risk.doubleValue("collar_percent", DEFAULT_COLLAR_PERCENT);
        RiskLimits limits = new RiskLimits(
                risk.intValue("max_order_shares", DEFAULT_MAX_ORDER_SHARES),
                Math.round(risk.doubleValue("max_notional", DEFAULT_MAX_NOTIONAL_DOLLARS) * PRICE_SCALE),
                Math.round(percent * 10_000),
                collarTicks,
                risk.longValue("tick", DEFAULT_TICK),
                risk.bool("allow_without_bbo", false),
                risk.intValue("max_open_orders", DEFAULT_MAX_OPEN_ORDERS),
                risk.longValue("max_position", DEFAULT_MAX_POSITION),
                risk.longValue("orders_per_second", DEFAULT_ORDERS_PER_SECOND),
                risk.intValue("burst", DEFAULT_BURST),
                risk.bool("kill_switch", false));
        positive("risk.max_order_shares", limits.maxOrderShares);
        positive("risk.max_notional", limits.maxNotional);
        positive("risk.tick", limits.tick);
        positive("risk.max_open_orders", limits.maxOpenOrders);
        positive("risk.max_position", limits.maxPosition);
        positive("risk.orders_per_second", limits.ordersPerSecond);
        positive("risk.burst", limits.burst);
        if (risk.has("collar_ticks")) {
            positive("risk.collar_ticks", collarTicks);
        } else {
            positive("risk.collar_percent", limits.collarPpm);
        }
        if (limits.ordersPerSecond > 1_000_000_000L) {
            throw new TopologyException("risk.orders_per_second", "at most 1000000000, found " + limits.ordersPerSecond);
        }
        return limits;
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new TopologyException(key, "must be above 0, found " + value);
        }
    }
}
