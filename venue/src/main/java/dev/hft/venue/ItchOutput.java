package dev.hft.venue;

import java.lang.foreign.MemorySegment;

/** Where the engine writes ITCH 5.0 messages: claim room for the longest message, encode, commit its length. */
public interface ItchOutput {

    /** Offset in {@link #segment()} with room for {@link dev.hft.wire.itch.ItchMessages#MAX_LENGTH} bytes. */
    long claim();

    MemorySegment segment();

    void commit(long offset, int length);
}
