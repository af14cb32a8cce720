package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A preallocated native array of {@code struct rte_mbuf *} (pointers read as 64-bit values, x86-64/aarch64) filled by one RX burst, and how many it holds. */
public final class MbufBurst {

    private final MemorySegment array;
    private final int capacity;
    private int count;

    public MbufBurst(int capacity) {
        if (capacity < 1 || capacity > 0xFFFF) {
            throw new IllegalArgumentException("burst capacity must be in 1..65535, got " + capacity);
        }
        this.capacity = capacity;
        this.array = Arena.ofAuto().allocate(JAVA_LONG, capacity);
    }

    public int capacity() {
        return capacity;
    }

    public int count() {
        return count;
    }

    void count(int count) {
        this.count = count;
    }

    /** Address of the i-th mbuf of the last burst. */
    public long mbuf(int index) {
        return array.getAtIndex(JAVA_LONG, index);
    }

    void mbuf(int index, long address) {
        array.setAtIndex(JAVA_LONG, index, address);
    }

    MemorySegment array() {
        return array;
    }
}
