package dev.hft.ingress.net;

import java.util.function.Function;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * Drop counts per {@link DropReason}, owned by one stage. Plain longs for the owner; when published, each
 * count is mirrored into an {@link AtomicCounter} that the run summary reads from another thread.
 */
public final class DropCounters {

    private final long[] counts = new long[DropReason.values().length];
    private final AtomicCounter[] published = new AtomicCounter[counts.length];

    /** Mirrors every reason into a counter made by {@code factory} (called once per reason, while building). */
    public DropCounters publishTo(Function<String, AtomicCounter> factory) {
        for (DropReason reason : DropReason.values()) {
            published[reason.ordinal()] = factory.apply(reason.counterName());
        }
        return this;
    }

    public void add(DropReason reason) {
        add(reason, 1);
    }

    public void add(DropReason reason, long n) {
        int i = reason.ordinal();
        counts[i] += n;
        AtomicCounter counter = published[i];
        if (counter != null) {
            counter.getAndAddRelease(n);
        }
    }

    public long get(DropReason reason) {
        return counts[reason.ordinal()];
    }

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("drops{");
        for (DropReason reason : DropReason.values()) {
            if (counts[reason.ordinal()] != 0) {
                sb.append(' ').append(reason.counterName()).append('=').append(counts[reason.ordinal()]);
            }
        }
        return sb.append(" }").toString();
    }
}
