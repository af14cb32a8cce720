package dev.hft.venue;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random resting liquidity (see {@link VenueConfig.Background}): orders of the background account at
 * a steady rate of the venue's clock, the oldest still resting cancelled once {@code liveOrders} are out.
 * Same seed and same clock readings, same orders.
 */
final class BackgroundFlow {

    private static final int MAX_ORDERS_PER_POLL = 64;

    private final MatchingEngine engine;
    private final VenueConfig.Background config;
    private final int[] referencePrices;
    private final int[] ticks;
    private final SplittableRandom random;
    private final int[] slots;
    private final long[] refs;
    private int head;
    private int size;
    private final long startNanos;
    private long issued;

    BackgroundFlow(MatchingEngine engine, List<VenueConfig.Symbol> symbols, VenueConfig.Background config, long nowNanos) {
        this.engine = engine;
        this.config = config;
        this.referencePrices = symbols.stream().mapToInt(VenueConfig.Symbol::referencePrice).toArray();
        this.ticks = symbols.stream().mapToInt(VenueConfig.Symbol::tick).toArray();
        this.random = new SplittableRandom(config.seed());
        this.slots = new int[config.liveOrders()];
        this.refs = new long[config.liveOrders()];
        this.startNanos = nowNanos;
    }

    /** Places the configured initial orders. */
    void prefill(long timestamp) {
        for (int i = 0; i < config.initialOrders(); i++) {
            issue(timestamp);
        }
    }

    /** Places the orders due by {@code nowNanos} (at most 64 per call); returns how many. */
    int poll(long nowNanos, long timestamp) {
        long due = (nowNanos - startNanos) / 1_000 * config.ordersPerSecond() / 1_000_000;
        int n = 0;
        while (issued < due && n < MAX_ORDERS_PER_POLL) {
            issue(timestamp);
            issued++;
            n++;
        }
        return n;
    }

    private void issue(long timestamp) {
        int symbol = random.nextInt(referencePrices.length);
        int side = random.nextInt(2);
        int k = random.nextInt(config.levels());
        int tick = ticks[symbol];
        int price = side == MatchingEngine.BID ? referencePrices[symbol] - k * tick : referencePrices[symbol] + (k + 1) * tick;
        int shares = 100 * (1 + random.nextInt(10));
        if (size == slots.length) {
            engine.cancelIfLive(slots[head], refs[head], timestamp);
            head = (head + 1) % slots.length;
            size--;
        }
        int slot = engine.enterBackground(symbol, side, shares, Math.max(tick, price), timestamp);
        if (slot >= 0) {
            int tail = (head + size) % slots.length;
            slots[tail] = slot;
            refs[tail] = engine.orderRef(slot);
            size++;
        }
    }
}
