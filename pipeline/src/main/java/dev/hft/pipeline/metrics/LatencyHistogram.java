package dev.hft.pipeline.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One latency histogram in nanoseconds: a single writer thread records without allocating or locking
 * ({@link SingleWriterRecorder}); readers take {@link #snapshot()} off the hot path, which folds the interval
 * recorded since the last snapshot into the running total.
 */
public final class LatencyHistogram {

    /** One hour: anything longer is recorded as this value and counted in {@link #clamped()}. */
    public static final long HIGHEST_NANOS = 3_600_000_000_000L;

    private final String name;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_NANOS, 3);
    private final Histogram total = new Histogram(1, HIGHEST_NANOS, 3);
    private Histogram interval;
    private long clamped;

    LatencyHistogram(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Hot path, one writer thread only. Values below 1 ns count as 1 ns, above one hour as one hour. */
    public void record(long nanos) {
        if (nanos > HIGHEST_NANOS) {
            clamped++;
            nanos = HIGHEST_NANOS;
        }
        recorder.recordValue(Math.max(1, nanos));
    }

    /** Values recorded above {@link #HIGHEST_NANOS} (read by the writer's thread or after it stopped). */
    public long clamped() {
        return clamped;
    }

    /** Everything recorded so far, as a copy the caller owns. Off the hot path; readers may call it concurrently. */
    public synchronized Histogram snapshot() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }
}
