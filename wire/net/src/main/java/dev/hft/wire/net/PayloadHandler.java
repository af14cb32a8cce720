package dev.hft.wire.net;

import java.lang.foreign.MemorySegment;

/** Receives the payload of one UDP datagram, in place. {@code line} tells which configured feed line carried it. */
public interface PayloadHandler {

    void onPayload(MemorySegment segment, long offset, int length, long receiveNanos, int line);
}
