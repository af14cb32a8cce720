package dev.hft.egress.udp;

import static dev.hft.egress.udp.MoldUdpFrame.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Builds OUCH-over-UDP frames ({@link MoldUdpFrame}) in place in any memory: a DPDK mbuf's data room, a
 * socket buffer. {@link #begin}, then {@link #append} once per OUCH message (encode it at the returned
 * offset), then {@link #finish} fills lengths, count and the IPv4 checksum. Allocation-free.
 */
public final class MoldUdpFrameEncoder {

    private final long sourceMac;
    private final long destinationMac;
    private final int sourceAddress;
    private final int destinationAddress;
    private final short sourcePort;
    private final short destinationPort;
    private final byte[] session;
    private final int maxFrameLength;

    private MemorySegment segment = MemorySegment.NULL;
    private long frameOffset;
    private long limit;
    private long position;
    private int count;
    private long nextSequence = 1;
    private short identification;

    /**
     * @param sourceMac      48-bit MAC in the low bytes
     * @param sourceAddress  IPv4 address as a big-endian int
     * @param session        exactly 10 ASCII bytes, copied verbatim
     * @param maxFrameLength frame budget in bytes (Ethernet header included), at most the mbuf's room
     */
    public MoldUdpFrameEncoder(long sourceMac, long destinationMac, int sourceAddress, int destinationAddress,
            int sourcePort, int destinationPort, byte[] session, int maxFrameLength) {
        if (session.length != MOLD_SESSION_LENGTH) {
            throw new IllegalArgumentException("MoldUDP64 session must be 10 bytes, found " + session.length);
        }
        if (maxFrameLength < MESSAGES_OFFSET + BLOCK_HEADER_LENGTH + 1 || maxFrameLength > ETH_LENGTH + 0xFFFF) {
            throw new IllegalArgumentException("frame budget " + maxFrameLength + " cannot hold a message");
        }
        this.sourceMac = sourceMac;
        this.destinationMac = destinationMac;
        this.sourceAddress = sourceAddress;
        this.destinationAddress = destinationAddress;
        this.sourcePort = (short) sourcePort;
        this.destinationPort = (short) destinationPort;
        this.session = session.clone();
        this.maxFrameLength = maxFrameLength;
    }

    /** The sequence number the next frame's first message gets (1 at the start of a session). */
    public void nextSequence(long sequence) {
        this.nextSequence = sequence;
    }

    public long nextSequence() {
        return nextSequence;
    }

    /** Starts a frame at {@code offset}; the headers are written now, lengths and count by {@link #finish}. */
    public void begin(MemorySegment segment, long offset) {
        this.segment = segment;
        this.frameOffset = offset;
        this.limit = Math.min(segment.byteSize(), offset + maxFrameLength);
        this.position = offset + MESSAGES_OFFSET;
        this.count = 0;
        putMac(offset + ETH_DESTINATION_OFFSET, destinationMac);
        putMac(offset + ETH_SOURCE_OFFSET, sourceMac);
        segment.set(SHORT, offset + ETH_TYPE_OFFSET, ETH_TYPE_IPV4);
        segment.set(ValueLayout.JAVA_BYTE, offset + IP_VERSION_IHL_OFFSET, (byte) 0x45);
        segment.set(ValueLayout.JAVA_BYTE, offset + IP_VERSION_IHL_OFFSET + 1, (byte) 0);
        segment.set(SHORT, offset + IP_IDENTIFICATION_OFFSET, identification++);
        segment.set(SHORT, offset + IP_FLAGS_FRAGMENT_OFFSET, (short) 0x4000);
        segment.set(ValueLayout.JAVA_BYTE, offset + IP_TTL_OFFSET, (byte) 64);
        segment.set(ValueLayout.JAVA_BYTE, offset + IP_PROTOCOL_OFFSET, IP_PROTOCOL_UDP);
        segment.set(INT, offset + IP_SOURCE_OFFSET, sourceAddress);
        segment.set(INT, offset + IP_DESTINATION_OFFSET, destinationAddress);
        segment.set(SHORT, offset + UDP_SOURCE_PORT_OFFSET, sourcePort);
        segment.set(SHORT, offset + UDP_DESTINATION_PORT_OFFSET, destinationPort);
        segment.set(SHORT, offset + UDP_CHECKSUM_OFFSET, (short) 0);
        MemorySegment.copy(session, 0, segment, ValueLayout.JAVA_BYTE, offset + MOLD_SESSION_OFFSET, MOLD_SESSION_LENGTH);
        segment.set(LONG, offset + MOLD_SEQUENCE_OFFSET, nextSequence);
    }

    /**
     * Reserves one message block of {@code length} bytes.
     *
     * @return where to encode the OUCH message, or -1 if the frame has no room left (finish it and begin another)
     */
    public long append(int length) {
        if (length < 1 || count == MAX_COUNT || limit - position < BLOCK_HEADER_LENGTH + length) {
            return -1;
        }
        segment.set(SHORT, position, (short) length);
        long at = position + BLOCK_HEADER_LENGTH;
        position = at + length;
        count++;
        return at;
    }

    /** Completes the frame and advances the sequence by the messages in it; returns the frame's length in bytes. */
    public int finish() {
        long o = frameOffset;
        int frameLength = (int) (position - o);
        segment.set(SHORT, o + MOLD_COUNT_OFFSET, (short) count);
        segment.set(SHORT, o + UDP_LENGTH_OFFSET, (short) (frameLength - UDP_OFFSET));
        segment.set(SHORT, o + IP_TOTAL_LENGTH_OFFSET, (short) (frameLength - IP_OFFSET));
        segment.set(SHORT, o + IP_CHECKSUM_OFFSET, (short) 0);
        segment.set(SHORT, o + IP_CHECKSUM_OFFSET, ipChecksum(segment, o + IP_OFFSET));
        nextSequence += count;
        return frameLength;
    }

    /** Messages appended to the current frame. */
    public int count() {
        return count;
    }

    private void putMac(long at, long mac) {
        segment.set(SHORT, at, (short) (mac >>> 32));
        segment.set(INT, at + 2, (int) mac);
    }
}
