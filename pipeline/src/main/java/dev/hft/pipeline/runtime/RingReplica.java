package dev.hft.pipeline.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.RingBuffer;

/**
 * One physical ring: a replica of a topology ring (one per consumer shard), the count of its producer
 * instances still running (a consumer has drained it once that is zero and it has caught up), and its
 * counters.
 */
final class RingReplica<E> {

    final String name;
    final RingBuffer<E> buffer;
    final int producers;
    final AtomicInteger liveProducers;
    final AtomicCounter published;
    final List<EventRunner<E>> consumers = new ArrayList<>();
    /** Roles of the stages that poll this ring themselves as a side input (their sequences gate the buffer). */
    final List<String> sideConsumers = new ArrayList<>();

    RingReplica(String name, RingBuffer<E> buffer, int producers, AtomicCounter published) {
        this.name = name;
        this.buffer = buffer;
        this.producers = producers;
        this.liveProducers = new AtomicInteger(producers);
        this.published = published;
    }

    /** Everything published has been read by every gating consumer, side inputs included. */
    boolean caughtUp() {
        return buffer.getMinimumGatingSequence() >= buffer.getCursor();
    }

    long publishedCount() {
        return buffer.getCursor() + 1;
    }
}
