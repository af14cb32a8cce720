package dev.hft.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A synthetic server (fixed service time, one long stall) fed on a fixed schedule: latency from the planned send
 * times must carry the stall into every request that queued behind it; latency from the actual start shows it once.
 */
class PlannedLatencyTest {

    static final long INTERVAL = 1_000;
    static final long SERVICE = 100;
    static final long STALL = 50_000;
    static final int REQUESTS = 1_000;
    static final int STALLED = 100;

    @Test
    void theStallIsChargedToEveryRequestDueDuringIt() {
        PlannedLatency fromPlan = new PlannedLatency(1_000_000);
        PlannedLatency fromStart = new PlannedLatency(1_000_000);
        long done = 0;
        for (int i = 0; i < REQUESTS; i++) {
            long planned = i * INTERVAL;
            long start = Math.max(planned, done);
            done = start + SERVICE + (i == STALLED ? STALL : 0);
            fromPlan.record(planned, done);
            fromStart.record(start, done);
        }
        Histogram plan = fromPlan.histogram();
        Histogram naive = fromStart.histogram();

        assertEquals(REQUESTS, plan.getTotalCount());
        assertTrue(plan.valuesAreEquivalent(SERVICE + STALL, plan.getMaxValue()), "max " + plan.getMaxValue());
        assertTrue(plan.valuesAreEquivalent(SERVICE, plan.getValueAtPercentile(50)));
        // Request STALLED + k waits SERVICE + STALL - k * (INTERVAL - SERVICE): the stalled one and those behind it
        // whose wait is still at least INTERVAL + SERVICE.
        long slow = (STALL - INTERVAL) / (INTERVAL - SERVICE) + 1;
        assertEquals(55, slow);
        assertEquals(slow, plan.getCountBetweenValues(INTERVAL + SERVICE, Long.MAX_VALUE / 4));
        assertEquals(1, naive.getCountBetweenValues(INTERVAL + SERVICE, Long.MAX_VALUE / 4));
    }

    @Test
    void aCompletionBeforeItsPlanIsZeroNotNegative() {
        PlannedLatency latency = new PlannedLatency(1_000);
        latency.record(500, 400);
        latency.record(0, 5_000_000);
        assertEquals(0, latency.histogram().getMinValue());
        assertTrue(latency.histogram().valuesAreEquivalent(1_000, latency.histogram().getMaxValue()), "clamped to the highest trackable value");
    }
}
