package dev.hft.egress;

import java.lang.foreign.MemorySegment;

/**
 * How the egress stage puts OUCH messages on the wire. Per batch of order commands the stage calls
 * {@link #beginFrame()}, then {@link #append(int)} and encodes each message in place at the returned offset of
 * {@link #segment()}, then {@link #flush()} on {@code endOfBatch}. Implementations never block, never throw on
 * the hot path and never allocate there: failures are return values.
 *
 * <p>Implementations: {@link SoupOrderTransport} (SoupBinTCP, one Unsequenced Data packet per message) and
 * {@link UdpOrderTransport} (MoldUDP64 frames). A DPDK TX transport builds the same frames with
 * {@link dev.hft.wire.mold.MoldUdpFrameEncoder} directly in mbufs.
 */
public interface OrderTransport extends AutoCloseable {

    /** Receives one venue → client OUCH message; the bytes are valid only during the call. */
    interface VenueListener {
        void onVenueMessage(long sequence, MemorySegment segment, long offset, int length);
    }

    /** Session events of a transport that has an order-entry session (SoupBinTCP), on the polling thread. */
    interface SessionListener {

        /** Logged in to {@code session}; the venue's next sequenced message is {@code nextSequence}. */
        void onLoggedIn(String session, long nextSequence);

        /** The session dropped; the transport reconnects by itself. Commands in flight may or may not have arrived. */
        void onDisconnected();

        /** The session is over for good: login rejected, end of session, or a login answered with another sequence. */
        void onClosed(String why);
    }

    /**
     * True when the transport has a session and reports it to a {@link SessionListener}; then a failed send drops the
     * session, and its LINK_DOWN stands for the fate of every command in flight.
     */
    default boolean hasSession() {
        return false;
    }

    /** Where session events go; ignored by transports without a session. */
    default void sessionListener(SessionListener listener) {
    }

    /** Opens a frame for the messages that follow; false if nothing can be sent now (not logged in, no buffer). */
    boolean beginFrame();

    /**
     * Reserves room for one OUCH message of {@code length} bytes in the open frame.
     *
     * @return its offset in {@link #segment()}, or -1 if the frame is full (flush, then begin another)
     */
    long append(int length);

    /** The memory {@link #append} offsets point into. */
    MemorySegment segment();

    /** Sends the open frame; returns the bytes handed to the socket (possibly 0 when it is busy) or -1 on failure. */
    int flush();

    /**
     * Reads at most {@code maxMessages} venue messages into {@code listener} and runs timers (heartbeats,
     * reconnects); returns work done.
     */
    int poll(VenueListener listener, int maxMessages);

    @Override
    void close();
}
