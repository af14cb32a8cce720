package dev.hft.pipeline.runtime;

import java.util.List;

import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.hft.pipeline.ErrorPolicy;

/**
 * Drives one stage instance on its thread: one bounded step at a time, its counters, its error policy, and
 * when it may stop. A source steps {@code doWork()}; an event stage is fed from its ring.
 */
abstract class StageRunner {

    /** Most events one step hands a stage, so a stage sharing a thread cannot starve the others. */
    static final int MAX_BATCH = 256;
    private static final Logger LOG = LoggerFactory.getLogger("dev.hft.pipeline");
    private static final int ERRORS_LOGGED_IN_FULL = 5;
    private static final long ERROR_LOG_INTERVAL_NANOS = 1_000_000_000L;

    final String role;
    final Object stage;
    final ErrorPolicy policy;
    final List<RingReplica<?>> outputs;
    /** {@link #outputs} as an array, read at every step without an iterator. */
    private final RingReplica<?>[] outputArray;
    final PipelineControl control;
    final AtomicCounter eventsIn;
    final AtomicCounter eventsOut;
    final AtomicCounter batches;
    final AtomicCounter idleCycles;
    final AtomicCounter errors;
    final AtomicCounter discarded;

    String thread;
    Integer core;
    boolean halted;
    boolean finished;
    private long lastErrorLogNanos;

    StageRunner(String role, Object stage, ErrorPolicy policy, List<RingReplica<?>> outputs, PipelineControl control,
            Counters counters, AtomicCounter eventsOut) {
        this.role = role;
        this.stage = stage;
        this.policy = policy;
        this.outputs = outputs;
        this.outputArray = outputs.toArray(RingReplica<?>[]::new);
        this.control = control;
        this.eventsIn = counters.newCounter(role + ".events_in");
        this.eventsOut = eventsOut;
        this.batches = counters.newCounter(role + ".batches");
        this.idleCycles = counters.newCounter(role + ".idle_cycles");
        this.errors = counters.newCounter(role + ".errors");
        this.discarded = counters.newCounter(role + ".discarded_after_halt");
    }

    abstract void start() throws Exception;

    /** One bounded slice of work; returns how much was done (0 lets the thread idle). */
    abstract int step();

    /** True once this stage has nothing left to do: a source exhausted or told to stop, a ring drained. */
    abstract boolean done();

    abstract void stop() throws Exception;

    final void finish() {
        try {
            stop();
        } catch (Exception e) {
            onError(e, "onStop");
        }
        finished = true;
        for (RingReplica<?> out : outputs) {
            out.liveProducers.decrementAndGet();
        }
    }

    /**
     * Room for {@code n} more events from this stage in every output ring whatever the other producers of the ring
     * claim meanwhile (see {@link dev.hft.pipeline.Ring#hasRoomFor(int)}), so a publish within the step never waits.
     */
    final boolean outputsHaveRoom(long n) {
        for (RingReplica<?> out : outputArray) {
            if (out.buffer.remainingCapacity() < n * out.producers) {
                return false;
            }
        }
        return true;
    }

    /** The events this stage may publish into every output ring in one step, on the same terms as {@link #outputsHaveRoom}. */
    final long minimumOutputRoom() {
        long room = Long.MAX_VALUE;
        for (RingReplica<?> out : outputArray) {
            room = Math.min(room, out.buffer.remainingCapacity() / out.producers);
        }
        return room;
    }

    /** Counts the error and applies the policy; logs the first few in full, then at most one a second. */
    final void onError(Throwable e, String where) {
        long n = errors.increment() + 1;
        long now = System.nanoTime();
        if (n <= ERRORS_LOGGED_IN_FULL || now - lastErrorLogNanos >= ERROR_LOG_INTERVAL_NANOS) {
            lastErrorLogNanos = now;
            String note = n == ERRORS_LOGGED_IN_FULL ? " (further errors are counted, logged at most once a second)" : "";
            if (n <= ERRORS_LOGGED_IN_FULL) {
                LOG.warn("stage {} failed in {} (error #{}, policy {}){}", role, where, n, policy, note, e);
            } else {
                LOG.warn("stage {} failed in {} (error #{}, policy {}): {}", role, where, n, policy, e.toString());
            }
        }
        if (policy == ErrorPolicy.HALT && !halted) {
            halted = true;
            control.halt("stage " + role + " failed in " + where + " with " + e + " (on_error: halt)");
        }
    }
}
