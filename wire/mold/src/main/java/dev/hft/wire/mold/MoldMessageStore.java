package dev.hft.wire.mold;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** An in-memory, append-only store of one session's messages by sequence number (1-based), for re-requests. */
public final class MoldMessageStore {

    private byte[] data = new byte[1 << 16];
    /** A view of {@link #data}, made again only when it grows: a view per append would be garbage per message. */
    private MemorySegment dataSegment = MemorySegment.ofArray(data);
    private long[] offsets = new long[1 << 10];
    private int size;
    private long used;

    /** Appends the next message; returns its sequence number. Not for the hot path: it grows by copying. */
    public long append(MemorySegment source, long offset, int length) {
        if (used + length > data.length) {
            data = Arrays.copyOf(data, (int) Math.max(data.length * 2L, used + length));
            dataSegment = MemorySegment.ofArray(data);
        }
        if (size + 1 >= offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        MemorySegment.copy(source, offset, dataSegment, used, length);
        offsets[size] = used;
        used += length;
        size++;
        offsets[size] = used;
        return size;
    }

    /** Sequence numbers 1..size() are stored. */
    public long size() {
        return size;
    }

    public MemorySegment segment() {
        return dataSegment;
    }

    public long offset(long sequence) {
        return offsets[(int) (sequence - 1)];
    }

    public int length(long sequence) {
        return (int) (offsets[(int) sequence] - offsets[(int) (sequence - 1)]);
    }
}
