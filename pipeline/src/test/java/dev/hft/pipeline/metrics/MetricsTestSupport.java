package dev.hft.pipeline.metrics;

import dev.hft.pipeline.runtime.Counters;

/** Counters labelled exactly as the runtime labels them, for checks that need a chosen state. */
final class MetricsTestSupport {

    private MetricsTestSupport() {
    }

    /** src -> ring a (capacity 8) -> sink, with the given ring state. */
    static Counters chain(long published, long consumed) {
        Counters c = new Counters(64);
        c.newCounter("src.events_out").set(published);
        c.newCounter("ring.a.published").set(published);
        c.newCounter("ring.a.capacity").set(8);
        c.newCounter("ring.a.consumed_by.sink").set(consumed);
        c.newCounter("sink.events_in").set(consumed);
        c.newCounter("sink.errors");
        return c;
    }
}
