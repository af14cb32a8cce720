package dev.hft.wire.soup;

import java.lang.foreign.MemorySegment;

/**
 * Every Sequenced Data message of one session, for a whole day of re-requests, in a bounded amount of memory: 1 MiB
 * chunks allocated as they fill (nothing is copied when it grows), 64-bit offsets, and a fixed capacity in bytes past
 * which {@link #append} refuses. A message never spans two chunks.
 */
final class SoupStore {

    static final int CHUNK_BYTES = 1 << 20;
    private static final int INDEX_CHUNK = 1 << 16;

    private final MemorySegment[] chunks;
    private final long[][] index;
    private final long capacity;
    private int messages;
    private int chunk = -1;
    private int chunkUsed = CHUNK_BYTES;
    private long bytes;

    /** @param capacity most bytes of message data to keep (rounded up to whole chunks) */
    SoupStore(long capacity) {
        int chunkCount = (int) Math.max(1, (capacity + CHUNK_BYTES - 1) / CHUNK_BYTES);
        this.capacity = (long) chunkCount * CHUNK_BYTES;
        this.chunks = new MemorySegment[chunkCount];
        long maxMessages = this.capacity / 2;
        this.index = new long[(int) ((maxMessages + INDEX_CHUNK - 1) / INDEX_CHUNK)][];
    }

    /** Stores a message (at most 65,535 bytes); its sequence number, or -1 when the store is full. */
    long append(MemorySegment segment, long offset, int length) {
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("a SoupBinTCP message is at most 65535 bytes, found " + length);
        }
        if (CHUNK_BYTES - chunkUsed < length) {
            if (chunk + 1 == chunks.length) {
                return -1;
            }
            chunk++;
            chunks[chunk] = MemorySegment.ofArray(new byte[CHUNK_BYTES]);
            chunkUsed = 0;
        }
        int slot = messages / INDEX_CHUNK;
        if (slot == index.length) {
            return -1;
        }
        if (index[slot] == null) {
            index[slot] = new long[INDEX_CHUNK];
        }
        MemorySegment.copy(segment, offset, chunks[chunk], chunkUsed, length);
        index[slot][messages % INDEX_CHUNK] = ((long) chunk * CHUNK_BYTES + chunkUsed) << 16 | length;
        chunkUsed += length;
        bytes += length;
        return ++messages;
    }

    /** Messages stored: the last sequence number. */
    int messages() {
        return messages;
    }

    /** Bytes left before {@link #append} refuses (a little less when a message would not fit a chunk's end). */
    long remaining() {
        return capacity - bytes;
    }

    long bytes() {
        return bytes;
    }

    private long entry(long sequence) {
        int i = (int) sequence - 1;
        return index[i / INDEX_CHUNK][i % INDEX_CHUNK];
    }

    int length(long sequence) {
        return (int) (entry(sequence) & 0xFFFF);
    }

    /** Copies message {@code sequence} (1-based) to {@code to} at {@code at}. */
    void copy(long sequence, MemorySegment to, long at) {
        long e = entry(sequence);
        long start = e >>> 16;
        MemorySegment.copy(chunks[(int) (start / CHUNK_BYTES)], start % CHUNK_BYTES, to, at, (int) (e & 0xFFFF));
    }
}
