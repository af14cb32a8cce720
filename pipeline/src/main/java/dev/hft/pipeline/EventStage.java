package dev.hft.pipeline;

/**
 * A stage fed from one input ring. The runtime polls the ring and calls {@link #onEvent} on the stage's
 * thread; {@code endOfBatch} is true on the last event currently available, the point to flush a TX burst
 * or publish a coalesced update.
 *
 * <p>An exception thrown here is caught by the runtime, counted, and handled by the stage's
 * {@link ErrorPolicy}; it never escapes silently.
 *
 * <p>Control messages (halt, kill switch: {@link Control}) arrive here as events of the input ring's own
 * event type, in order with the data; the stage recognises them by the event's control field.
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

    /**
     * The most events this stage publishes to any one output ring per input event. The runtime only polls
     * the input when every output ring has room for a whole batch at this rate, so {@link Ring#next()} never
     * waits on a consumer that shares the thread. A stage that can publish without bound per event uses
     * {@link Ring#tryNext()} instead.
     */
    default int outputsPerEvent() {
        return 1;
    }

    /**
     * Asked on the stage's own thread at every step once its input is drained and every producer of it has
     * stopped; the stage stops when this returns true. A stage returns false while it finishes work in flight
     * (cancels sent at stop waiting for the venue's confirmations), meanwhile {@link #onIdle()} keeps running.
     * It must bound that wait itself. Not asked after a halt.
     */
    default boolean readyToStop() {
        return true;
    }

    default void onStop() {
    }
}
