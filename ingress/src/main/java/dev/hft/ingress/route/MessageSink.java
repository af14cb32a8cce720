package dev.hft.ingress.route;

import java.lang.foreign.MemorySegment;

/** Receives framed ITCH messages in feed order, in place, and the end of each packet or batch. */
public interface MessageSink {

    void onMessage(MemorySegment segment, long offset, int length, long sequence, long receiveNanos);

    /** The packet (or BinaryFILE batch) that carried the preceding messages is complete. */
    void onPacketEnd();

    /**
     * True when {@code messages} more messages and their packet end can be taken now without waiting. A caller asks
     * before each unit of input that can deliver that many (a frame, a drain of buffered messages).
     */
    default boolean hasRoomFor(int messages) {
        return true;
    }

    /** The most {@link #hasRoomFor} can ever grant: a unit of input that needs more can never be taken. */
    default int maxRoom() {
        return Integer.MAX_VALUE;
    }
}
