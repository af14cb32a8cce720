package dev.hft.bench.harness;

import org.HdrHistogram.Histogram;

/**
 * Latency measured from each event's planned send time, not from when it was actually sent: a sender that falls
 * behind (a stall, a slow receiver pushing back) shows up as latency on every event that was due meanwhile, so the
 * histogram is free of coordinated omission.
 */
public final class PlannedLatency {

    private final Histogram histogram;

    /** Records values up to {@code highestNanos} with 3 significant digits. */
    public PlannedLatency(long highestNanos) {
        histogram = new Histogram(highestNanos, 3);
    }

    /** Records {@code doneNanos - plannedNanos}; a value past the highest trackable one is clamped to it. */
    public void record(long plannedNanos, long doneNanos) {
        long latency = Math.max(0, doneNanos - plannedNanos);
        histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
    }

    public Histogram histogram() {
        return histogram;
    }

    public void reset() {
        histogram.reset();
    }
}
