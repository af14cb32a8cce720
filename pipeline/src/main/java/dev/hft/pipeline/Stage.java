package dev.hft.pipeline;

/**
 * An actor: it owns its state, is driven by exactly one thread, and is never called from another.
 *
 * <p>Two shapes exist. A <em>source</em> stage (a NIC queue poller, a file reader) implements
 * {@link #doWork()} and the runtime calls it in a loop. A <em>ring</em> stage implements {@link EventStage}
 * and the runtime feeds it from its input ring; its {@code doWork()} is supplied by the runtime.
 *
 * <p>Several stages may be stepped on one thread: every method here must return promptly and never block.
 */
public interface Stage {

    /** Role name, used for the thread name, counters and logs (for example {@code book-1}). */
    String role();

    /** Called once on the stage's own thread before the first {@link #doWork()}. */
    default void onStart() {
    }

    /**
     * Does one bounded slice of work: polls once, handles at most a batch.
     *
     * @return how much was done (events, packets); 0 lets the runtime apply the stage's wait strategy.
     */
    int doWork();

    /**
     * For a source stage: true once it has nothing more to produce (end of a file). The runtime then
     * stops it and drains everything downstream. Live sources (NIC queues, sockets) return false.
     */
    default boolean isExhausted() {
        return false;
    }

    /** Called once on the stage's own thread after its last {@link #doWork()}. */
    default void onStop() {
    }
}
