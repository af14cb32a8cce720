package dev.hft.pipeline;

import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

/**
 * One Disruptor ring of preallocated mutable events, with a name for counters and reports. Producers claim slots,
 * fill {@link #get(long)} in place, then publish: one slot, or a whole range at once ({@link #publish(long, long)}),
 * so a consumer sees a packet's events together and the cursor moves once.
 *
 * <p>A producer never waits on a full ring: a thread may also run the ring's consumer, and a wait there would never
 * end. Two ways keep that true. {@link #tryNext(int)} claims or fails at once (back-pressure as a value). Or a
 * producer that knows it will claim at most {@code n} slots before it checks again asks {@link #hasRoomFor(int)}
 * first; that holds room for {@code n} for every producer of the ring ({@link #producers()}), so whatever the others
 * claim meanwhile, the {@link #next()} calls that follow never wait. The runtime hands each producing stage its own
 * {@code Ring} view of a shared buffer, carrying that stage's "events out" counter.
 */
public final class Ring<E> {

    private final String name;
    private final RingBuffer<E> buffer;
    private final AtomicCounter published;
    private final int producers;

    public Ring(String name, RingBuffer<E> buffer) {
        this(name, buffer, null, 1);
    }

    /**
     * @param published the publishing stage's counter, written by that stage's thread only; null for none
     * @param producers how many stage instances publish into this buffer
     */
    public Ring(String name, RingBuffer<E> buffer, AtomicCounter published, int producers) {
        if (producers < 1) {
            throw new IllegalArgumentException("a ring has at least one producer, found " + producers);
        }
        this.name = name;
        this.buffer = buffer;
        this.published = published;
        this.producers = producers;
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

    /** Stage instances that publish into this ring. */
    public int producers() {
        return producers;
    }

    /**
     * True when this producer may claim {@code n} slots with {@link #next()} without waiting, whatever the other
     * producers do meanwhile: the ring has room for {@code n} for each of them. Each producer asks again before its
     * next {@code n}.
     */
    public boolean hasRoomFor(int n) {
        return buffer.remainingCapacity() >= (long) producers * n;
    }

    /** The most one {@link #hasRoomFor(int)} can ever grant: beyond it a producer would wait for ever. */
    public int maxRoom() {
        return buffer.getBufferSize() / producers;
    }

    /**
     * Claims the next slot. Call only within room granted by {@link #hasRoomFor(int)}: beyond it this spins until a
     * consumer frees a slot, and never returns when that consumer runs on this thread.
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

    /** Claims {@code n} consecutive slots and returns the last, or -1 at once when they are not free. */
    public long tryNext(int n) {
        try {
            return buffer.tryNext(n);
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

    /** Publishes the claimed slots {@code first..last} together. */
    public void publish(long first, long last) {
        buffer.publish(first, last);
        if (published != null) {
            published.getAndAddRelease(last - first + 1);
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
