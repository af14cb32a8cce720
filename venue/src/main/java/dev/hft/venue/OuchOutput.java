package dev.hft.venue;

import java.lang.foreign.MemorySegment;

/**
 * Where the engine writes OUCH responses, per account: {@link #claim} room for one message, encode it in
 * {@link #segment} at the returned offset, then {@link #commit}. Account 0 (the background flow) has no session.
 */
public interface OuchOutput {

    /** Room for one {@code length}-byte message to {@code account}; its offset, or -1 if it cannot be sent. */
    long claim(int account, int length);

    /** The memory the last claim for {@code account} points into. */
    MemorySegment segment(int account);

    /** The claimed message is complete. */
    void commit(int account, long offset, int length);
}
