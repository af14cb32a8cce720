package dev.hft.pipeline;

import com.lmax.disruptor.RingBuffer;

/**
 * One Disruptor ring of preallocated mutable events, with a name for counters and reports.
 * Producers claim with {@link #next()}, fill {@link #get(long)} in place, then {@link #publish(long)}.
 */
public final class Ring<E> {

    private final String name;
    private final RingBuffer<E> buffer;

    public Ring(String name, RingBuffer<E> buffer) {
        this.name = name;
        this.buffer = buffer;
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

    /** Claims the next slot, waiting (per the producer's wait) while the ring is full. */
    public long next() {
        return buffer.next();
    }

    public E get(long sequence) {
        return buffer.get(sequence);
    }

    public void publish(long sequence) {
        buffer.publish(sequence);
    }

    /** Events published but not yet consumed by the slowest consumer. */
    public long fill() {
        return buffer.getBufferSize() - buffer.remainingCapacity();
    }
}
