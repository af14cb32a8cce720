package dev.hft.pipeline.runtime;

import java.util.concurrent.atomic.AtomicReference;

/** The stop flag every thread reads, and the first halt reason. */
final class PipelineControl {

    private volatile boolean stopRequested;
    private final AtomicReference<String> haltReason = new AtomicReference<>();

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    void halt(String reason) {
        haltReason.compareAndSet(null, reason);
        stopRequested = true;
    }

    String haltReason() {
        return haltReason.get();
    }
}
