package dev.hft.pipeline;

import com.lmax.disruptor.EventFactory;

/**
 * A named kind of ring event ({@code event: itch} in {@code topology.yaml}), found through
 * {@link java.util.ServiceLoader}. The pipeline itself knows no protocol: modules contribute event types.
 *
 * @param <E> the preallocated, mutable event class
 */
public interface EventType<E> {

    /** The name used in the topology file. */
    String name();

    Class<E> eventClass();

    /** Creates the events of one ring; called {@code size} times up front, never on the hot path. */
    EventFactory<E> factory(int ringSize);

    /** About how much memory one event takes (object, arrays, off-heap bytes): what validation sizes rings by. */
    default long bytesPerEvent() {
        return 128;
    }
}
