package dev.hft.pipeline;

/**
 * A stage fed from one input ring. The runtime polls the ring and calls {@link #onEvent} on the stage's
 * thread; {@code endOfBatch} is true on the last event currently available, the point to flush a TX burst
 * or publish a coalesced update.
 *
 * <p>An exception thrown here is caught by the runtime, counted, and handled by the stage's
 * {@link ErrorPolicy}; it never escapes silently.
 *
 * @param <E> the preallocated, mutable event type of the input ring
 */
public interface EventStage<E> {

    String role();

    default void onStart() {
    }

    void onEvent(E event, long sequence, boolean endOfBatch) throws Exception;

    /**
     * Periodic work on the stage's own thread when its ring is idle (timers, heartbeats, retransmission
     * deadlines). Returns how much was done, like {@link Stage#doWork()}.
     */
    default int onIdle() {
        return 0;
    }

    default void onStop() {
    }
}
