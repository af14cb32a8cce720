package dev.hft.pipeline.runtime;

import java.util.concurrent.atomic.AtomicReference;

/** The stop and abort flags every thread reads, and the first halt reason. */
final class PipelineControl {

    private volatile boolean stopRequested;
    private volatile boolean aborted;
    private final AtomicReference<String> haltReason = new AtomicReference<>();

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Stop now: sources stop, every stage discards what its rings still hold instead of handling it. */
    void abort(String reason) {
        aborted = true;
        halt(reason);
    }

    boolean aborted() {
        return aborted;
    }

    void halt(String reason) {
        haltReason.compareAndSet(null, reason);
        stopRequested = true;
    }

    String haltReason() {
        return haltReason.get();
    }
}
