package dev.hft.ingress.route;

import java.lang.foreign.MemorySegment;

/** Receives framed ITCH messages in feed order, in place, and the end of each packet or batch. */
public interface MessageSink {

    void onMessage(MemorySegment segment, long offset, int length, long sequence, long receiveNanos);

    /** The packet (or BinaryFILE batch) that carried the preceding messages is complete. */
    void onPacketEnd();
}
