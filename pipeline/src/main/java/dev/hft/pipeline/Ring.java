package dev.hft.pipeline;

import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

/**
 * One Disruptor ring of preallocated mutable events, with a name for counters and reports.
 * Producers claim with {@link #next()} (or {@link #tryNext()}), fill {@link #get(long)} in place, then
 * {@link #publish(long)}.
 *
 * <p>The runtime hands each producing stage its own {@code Ring} view of a shared buffer, carrying that
 * stage's "events out" counter: {@link #publish} counts what the stage published, so stages need not.
 */
public final class Ring<E> {

    private final String name;
    private final RingBuffer<E> buffer;
    private final AtomicCounter published;

    public Ring(String name, RingBuffer<E> buffer) {
        this(name, buffer, null);
    }

    /** @param published the publishing stage's counter, written by that stage's thread only; null for none */
    public Ring(String name, RingBuffer<E> buffer, AtomicCounter published) {
        this.name = name;
        this.buffer = buffer;
        this.published = published;
    }

    public String name() {
        return name;
    }

    public RingBuffer<E> buffer() {
        return buffer;
    }

    public int size() {
        return buffer.getBufferSize();
    }

    /**
     * Claims the next slot, spinning while the ring is full. The runtime only steps a stage when each of its
     * output rings has room for a batch (see {@link EventStage#outputsPerEvent()}), so within that bound this
     * never waits; beyond it, use {@link #tryNext()}.
     */
    public long next() {
        return buffer.next();
    }

    /** Claims the next slot, or returns -1 at once when the ring is full (back-pressure as a value). */
    public long tryNext() {
        try {
            return buffer.tryNext();
        } catch (InsufficientCapacityException e) {
            return -1;
        }
    }

    public E get(long sequence) {
        return buffer.get(sequence);
    }

    public void publish(long sequence) {
        buffer.publish(sequence);
        if (published != null) {
            published.incrementRelease();
        }
    }

    /** Free slots: how many events can be claimed now without waiting. */
    public long remainingCapacity() {
        return buffer.remainingCapacity();
    }

    /** Events published but not yet consumed by the slowest consumer. */
    public long fill() {
        return buffer.getBufferSize() - buffer.remainingCapacity();
    }
}
