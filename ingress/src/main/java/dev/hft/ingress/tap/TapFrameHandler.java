package dev.hft.ingress.tap;

import java.lang.foreign.MemorySegment;

import dev.hft.ingress.FrameHandler;
import dev.hft.wire.pcap.FrameTap;

/** RX tap: hands every received frame to a {@link FrameTap}, then to the decode path unchanged. */
public final class TapFrameHandler implements FrameHandler {

    private final FrameTap tap;
    private final FrameHandler next;

    public TapFrameHandler(FrameTap tap, FrameHandler next) {
        this.tap = tap;
        this.next = next;
    }

    @Override
    public void onFrame(MemorySegment frame, long offset, int length, long receiveNanos) {
        tap.capture(frame, offset, length, receiveNanos);
        next.onFrame(frame, offset, length, receiveNanos);
    }
}
