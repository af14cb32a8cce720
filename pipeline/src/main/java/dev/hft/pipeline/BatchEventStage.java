package dev.hft.pipeline;

import com.lmax.disruptor.DataProvider;

/**
 * An {@link EventStage} that takes its input a run of ring slots at a time, loops over them itself, and may stop
 * early. The runtime hands it the events published after the last one it consumed (at most a batch) and the stage
 * returns how far it got; what it did not consume is handed again.
 *
 * <p>For stages whose output per input event has no useful bound (a book shard publishes a packet's tops, depths and
 * trades at its end): such a stage claims its outputs with {@link Ring#tryNext(int)}, and when they do not fit it
 * consumes that event, keeps the outputs, stops, and publishes them from {@link #flush()} before it takes more input.
 * It never waits on a ring, so it never waits on a consumer that runs on its own thread. The loop inside the stage
 * also keeps the per-event call monomorphic. {@link #onEvent} remains for callers that step a stage event by event.
 */
public interface BatchEventStage<E> extends EventStage<E> {

    /**
     * Handles the events at sequences {@code first..last} of {@code events}, in order.
     *
     * @return the sequence of the last event consumed; {@code first - 1} when none
     */
    long onEvents(DataProvider<E> events, long first, long last) throws Exception;

    /** Publishes what an earlier call kept back; true once nothing is left. Called before any more input is handed over. */
    default boolean flush() {
        return true;
    }
}
