package dev.hft.pipeline.runtime;

import java.util.List;

import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.pipeline.ErrorPolicy;
import dev.hft.pipeline.Stage;

/** Steps a source's {@code doWork()} while every output ring has room for a batch. */
final class SourceRunner extends StageRunner {

    private final Stage source;
    private final long headroom;

    SourceRunner(String role, Stage source, ErrorPolicy policy, List<RingReplica<?>> outputs, PipelineControl control,
            Counters counters, AtomicCounter eventsOut) {
        super(role, source, policy, outputs, control, counters, eventsOut);
        this.source = source;
        this.headroom = outputs.stream().mapToLong(o -> o.buffer.getBufferSize()).min().stream()
                .map(size -> Math.min(size, MAX_BATCH)).findFirst().orElse(0);
    }

    @Override
    void start() throws Exception {
        source.onStart();
    }

    @Override
    int step() {
        int work = 0;
        if (outputsHaveRoom(headroom)) {
            try {
                work = source.doWork();
            } catch (Exception e) {
                onError(e, "doWork");
            }
        }
        if (work > 0) {
            eventsIn.getAndAddRelease(work);
            batches.incrementRelease();
        } else {
            idleCycles.incrementRelease();
        }
        return work;
    }

    @Override
    boolean done() {
        if (halted || control.stopRequested()) {
            return true;
        }
        try {
            return source.isExhausted();
        } catch (Exception e) {
            onError(e, "isExhausted");
            return halted;
        }
    }

    @Override
    void stop() {
        source.onStop();
    }
}
