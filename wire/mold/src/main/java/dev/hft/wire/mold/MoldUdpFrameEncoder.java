package dev.hft.wire.mold;

import static dev.hft.wire.mold.MoldUdpFrame.*;

import java.lang.foreign.MemorySegment;

import dev.hft.wire.net.BigEndian;
import dev.hft.wire.net.Ethernet;
import dev.hft.wire.net.Ipv4;
import dev.hft.wire.net.Udp;

/**
 * Builds OUCH-over-UDP frames ({@link MoldUdpFrame}) in place in any memory: a DPDK mbuf's data room, a
 * socket buffer. {@link #begin}, then {@link #append} once per OUCH message (encode it at the returned
 * offset), then {@link #finish} writes the headers with their lengths, count and IPv4 checksum. Allocation-free.
 */
public final class MoldUdpFrameEncoder {

    private final long sourceMac;
    private final long destinationMac;
    private final int sourceAddress;
    private final int destinationAddress;
    private final int sourcePort;
    private final int destinationPort;
    private final MemorySegment session;
    private final int maxFrameLength;

    private MemorySegment segment = MemorySegment.NULL;
    private long frameOffset;
    private long limit;
    private long position;
    private int count;
    private long nextSequence = 1;
    private int identification;

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
        if (maxFrameLength < MESSAGES_OFFSET + BLOCK_HEADER_LENGTH + 1 || maxFrameLength > IP_OFFSET + 0xFFFF) {
            throw new IllegalArgumentException("frame budget " + maxFrameLength + " cannot hold a message");
        }
        this.sourceMac = sourceMac;
        this.destinationMac = destinationMac;
        this.sourceAddress = sourceAddress;
        this.destinationAddress = destinationAddress;
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        this.session = MemorySegment.ofArray(session.clone());
        this.maxFrameLength = maxFrameLength;
    }

    /** The sequence number the next frame's first message gets (1 at the start of a session). */
    public void nextSequence(long sequence) {
        this.nextSequence = sequence;
    }

    public long nextSequence() {
        return nextSequence;
    }

    /** Starts a frame at {@code offset}; the headers are written by {@link #finish}, once the lengths are known. */
    public void begin(MemorySegment segment, long offset) {
        this.segment = segment;
        this.frameOffset = offset;
        this.limit = Math.min(segment.byteSize(), offset + maxFrameLength);
        this.position = offset + MESSAGES_OFFSET;
        this.count = 0;
    }

    /**
     * Reserves one message block of {@code length} bytes.
     *
     * @return where to encode the OUCH message, or -1 if the frame has no room left (finish it and begin another)
     */
    public long append(int length) {
        if (length < 1 || count == MoldPacket.MAX_MESSAGE_COUNT || limit - position < BLOCK_HEADER_LENGTH + length) {
            return -1;
        }
        BigEndian.putU16(segment, position, length);
        long at = position + BLOCK_HEADER_LENGTH;
        position = at + length;
        count++;
        return at;
    }

    /** Completes the frame and advances the sequence by the messages in it; returns the frame's length in bytes. */
    public int finish() {
        long o = frameOffset;
        int frameLength = (int) (position - o);
        int moldLength = frameLength - MOLD_OFFSET;
        Ethernet.write(segment, o, destinationMac, sourceMac, Ethernet.TYPE_IPV4);
        Ipv4.write(segment, o + IP_OFFSET, frameLength - IP_OFFSET, identification++ & 0xFFFF, Ipv4.PROTOCOL_UDP,
                sourceAddress, destinationAddress);
        Udp.write(segment, o + UDP_OFFSET, sourcePort, destinationPort, moldLength);
        MoldPacket.writeHeader(segment, o + MOLD_OFFSET, session, nextSequence, count);
        nextSequence += count;
        return frameLength;
    }

    /** Messages appended to the current frame. */
    public int count() {
        return count;
    }

}
