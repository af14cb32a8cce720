package dev.hft.strategy;

import org.agrona.concurrent.NanoClock;

import dev.hft.pipeline.Params;

/** What the strategy stage gives a {@link Strategy} when it builds it. */
public interface StrategyContext {

    /** The stage's role name, for logs. */
    String role();

    /** The stage's whole {@code params:} map; a strategy reads its own keys. */
    Params params();

    Orders orders();

    /** Top of book and trading state per locate, as seen on the strategy ring. */
    Books books();

    /** Open orders and positions, as kept from the venue's responses. */
    OpenOrders openOrders();

    /** The stage's clock: {@link System#nanoTime()} in production, stepped by hand in tests. */
    NanoClock clock();

    /** Calls {@link Strategy#onTimer} once the clock reaches {@code deadlineNanos}; replaces any earlier deadline. */
    void timer(long deadlineNanos);
}
