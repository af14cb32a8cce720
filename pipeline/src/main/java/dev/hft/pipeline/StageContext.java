package dev.hft.pipeline;

import org.agrona.concurrent.status.AtomicCounter;

/** What the runtime hands a stage when building it: its identity, parameters, outputs and counters. */
public interface StageContext {

    /** The stage's name in the topology. */
    String name();

    /** Index of this instance among its replicas (shard number, RX queue number); 0 when not replicated. */
    int instance();

    /** How many replicas of this stage the topology makes. */
    int instances();

    /** {@code name} for a single instance, {@code name-instance} for a replica. */
    String role();

    Params params();

    /**
     * The output ring(s) of this stage with the given name. A ring that feeds a sharded stage has one
     * ring per shard; {@link RingGroup#size()} tells how many.
     */
    <E> RingGroup<E> output(String ringName, Class<E> eventClass);

    /** Names of the rings under this stage's {@code side_inputs}, in topology order. */
    default java.util.List<String> sideInputs() {
        return java.util.List.of();
    }

    /**
     * A ring this stage lists under {@code side_inputs}, to poll itself on its own thread (a strategy reading venue
     * responses while its input is the book ring): a poller whose sequence the runtime has registered as a gating
     * sequence, so producers never overwrite what the stage has not read. The stage stops only once it has read
     * everything published to it before then; when it stops, its sequence stops gating the ring. Ask once, while
     * being built.
     */
    default <E> com.lmax.disruptor.EventPoller<E> sideInput(String ringName, Class<E> eventClass) {
        throw new TopologyException(name() + ".side_inputs", "this context has no side inputs");
    }

    /** Names of the rings this stage publishes to, in topology order. */
    java.util.List<String> outputs();

    /**
     * A counter owned by this stage, readable from other threads and processes while running. Labels are
     * {@code role.name}. Create counters while building, never on the hot path.
     */
    AtomicCounter counter(String name);

    /** Asks the runtime to stop the whole pipeline cleanly (drain, then stop), with a reason for the log. */
    void requestHalt(String reason);
}
