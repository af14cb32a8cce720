package dev.hft.pipeline.runtime;

import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.placeholder.SyntheticEvent;

/** Test sink ({@code class:}, no-arg constructor): records the longest run of events between two endOfBatch flags. */
public final class BatchRecorder implements EventStage<SyntheticEvent> {

    long events;
    long batches;
    long longestBatch;
    boolean lastWasEndOfBatch;
    private long current;

    public BatchRecorder() {
    }

    @Override
    public String role() {
        return "recorder";
    }

    @Override
    public void onEvent(SyntheticEvent event, long sequence, boolean endOfBatch) {
        events++;
        current++;
        lastWasEndOfBatch = endOfBatch;
        if (endOfBatch) {
            batches++;
            longestBatch = Math.max(longestBatch, current);
            current = 0;
        }
    }
}
