package dev.hft.venue.gen;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** Where generated ITCH messages go, one complete message at a time, in feed order. */
public interface MessageOutput extends AutoCloseable {

    void message(MemorySegment message, int length, long timestampNanos) throws IOException;

    @Override
    void close() throws IOException;
}
