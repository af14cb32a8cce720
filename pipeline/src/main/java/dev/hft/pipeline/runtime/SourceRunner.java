package dev.hft.pipeline.runtime;

import java.util.List;

import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.pipeline.ErrorPolicy;
import dev.hft.pipeline.Stage;

/**
 * Steps a source's {@code doWork()} while every output ring has room for a batch from it. A source that can publish
 * more than a batch per {@code doWork()} (a packet becomes many messages) checks room itself before each unit of input
 * and leaves the rest for the next call ({@link dev.hft.pipeline.Ring#hasRoomFor(int)}).
 */
final class SourceRunner extends StageRunner {

    private final Stage source;
    private final long headroom;

    SourceRunner(String role, Stage source, ErrorPolicy policy, List<RingReplica<?>> outputs, PipelineControl control,
            Counters counters, AtomicCounter eventsOut) {
        super(role, source, policy, outputs, control, counters, eventsOut);
        this.source = source;
        this.headroom = Math.min(MAX_BATCH, outputs.stream().mapToLong(o -> o.buffer.getBufferSize() / o.producers).min().orElse(0));
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
