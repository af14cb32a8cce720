package dev.hft.ingress;

import java.lang.foreign.MemorySegment;

import dev.hft.ingress.net.DropReason;

/**
 * The one entry point of the market-data decode path for packet sources: a pcap reader, a kernel UDP
 * socket and a DPDK RX queue all hand each received Ethernet frame here, in place (no copy).
 */
public interface FrameHandler {

    /**
     * @param frame        memory holding the frame (an mbuf's data room, a mapped file, a socket buffer)
     * @param offset       where the Ethernet header starts within {@code frame}
     * @param length       bytes of the frame as received
     * @param receiveNanos receipt time ({@link System#nanoTime()} clock), carried through for tick-to-trade
     */
    void onFrame(MemorySegment frame, long offset, int length, long receiveNanos);

    /**
     * True when a frame of {@code length} bytes can be handed over now without any publish downstream having to
     * wait. A source asks before each frame and keeps the frame for its next duty cycle when the answer is no.
     */
    default boolean canAccept(int length) {
        return true;
    }

    /** {@code frames} the source read but could not hand over (a frame in several DPDK mbufs), counted for {@code reason}. */
    default void onDropped(DropReason reason, long frames) {
    }
}
