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
    /** Stages that poll this ring themselves as a side input, by role: the sequence of their poller (it gates the buffer). */
    final java.util.Map<String, SideReader> sideReaders = new java.util.LinkedHashMap<>();

    /** One side reader: its poller's sequence, and the ring's cursor when it stopped (-2 while it runs). */
    static final class SideReader {
        final com.lmax.disruptor.Sequence sequence;
        volatile long cursorAtStop = -2;

        SideReader(com.lmax.disruptor.Sequence sequence) {
            this.sequence = sequence;
        }

        /**
         * What it consumed: its own count while it runs; once stopped, what it read plus what was published after
         * it stopped (those events were never for it), so a reader that read everything up to its stop counts as drained.
         */
        long consumed(long published) {
            long read = sequence.get() + 1;
            long stop = cursorAtStop;
            return stop == -2 ? read : read + Math.max(0, published - (stop + 1));
        }
    }

    RingReplica(String name, RingBuffer<E> buffer, int producers, AtomicCounter published) {
        this.name = name;
        this.buffer = buffer;
        this.producers = producers;
        this.liveProducers = new AtomicInteger(producers);
        this.published = published;
    }

    long publishedCount() {
        return buffer.getCursor() + 1;
    }
}
