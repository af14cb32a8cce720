package dev.hft.dpdk;

import java.util.concurrent.atomic.AtomicLongArray;

/** Counters of one queue: written by its polling thread only, readable from any thread. */
public final class QueueCounters {

    private static final QueueCounter[] ALL = QueueCounter.values();

    private final AtomicLongArray values = new AtomicLongArray(ALL.length);

    public long get(QueueCounter counter) {
        return values.get(counter.ordinal());
    }

    /** Single writer: a plain read plus an ordered store, no locked instruction. */
    void add(QueueCounter counter, long delta) {
        int slot = counter.ordinal();
        values.lazySet(slot, values.get(slot) + delta);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (QueueCounter counter : ALL) {
            if (get(counter) != 0) {
                text.append(text.isEmpty() ? "" : " ").append(counter.name().toLowerCase()).append('=').append(get(counter));
            }
        }
        return text.toString();
    }
}
