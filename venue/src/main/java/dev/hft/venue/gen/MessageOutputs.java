package dev.hft.venue.gen;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** Writes every message to two outputs (the same day as BinaryFILE and as pcap). */
public record MessageOutputs(MessageOutput first, MessageOutput second) implements MessageOutput {

    @Override
    public void message(MemorySegment message, int length, long timestampNanos) throws IOException {
        first.message(message, length, timestampNanos);
        second.message(message, length, timestampNanos);
    }

    @Override
    public void close() throws IOException {
        try (second) {
            first.close();
        }
    }
}
