package dev.hft.venue;

import org.agrona.concurrent.EpochNanoClock;

/** A clock the test moves, starting at 09:30:00 UTC of a fixed day. */
final class TestClock implements EpochNanoClock {

    static final long START = 1_763_631_000_000_000_000L;

    long now = START;

    @Override
    public long nanoTime() {
        return now;
    }

    void advance(long nanos) {
        now += nanos;
    }
}
