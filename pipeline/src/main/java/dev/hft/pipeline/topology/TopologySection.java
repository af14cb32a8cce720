package dev.hft.pipeline.topology;

import java.util.Map;

/**
 * A top-level section of the topology file that belongs to a module, not to the runtime: {@code dpdk:} (ports and
 * EAL, from the DPDK module), {@code feeds:} (from ingress), {@code venues:} (from the launcher). Found through
 * {@link java.util.ServiceLoader} like the stage kinds; a key no installed section claims is an unknown key.
 *
 * <p>The loader reads the section into plain values (maps, lists, strings, numbers, booleans: every path keeps its
 * line) and calls {@link #read}; {@link Topology#section} then hands the result to whoever needs it. Every method
 * reports problems and never throws for bad input.
 */
public interface TopologySection {

    /** The top-level key, for example {@code dpdk}. */
    String key();

    /** Checks the section and returns what a run reads from it ({@code value} is never null). */
    Object read(Object value, Problems problems);

    /**
     * The RX queue count of {@code port} for a stage with {@code per_rx_queue: <port>}, or null when this section
     * declares no such port.
     */
    default Integer rxQueues(Object section, String port) {
        return null;
    }

    /**
     * Adds the params this section hands a stage before it is built (a DPDK port's settings for a stage that polls
     * it). {@code perRxQueue} is the stage's {@code per_rx_queue} port or null; {@code path} is the stage's YAML path.
     */
    default void stageParams(Object section, String perRxQueue, Map<String, Object> params, String path,
            Problems problems) {
    }

    /** Checks that need the whole topology (which core polls which port; which stage names which venue). */
    default void validate(Object section, Topology topology, Problems problems) {
    }
}
