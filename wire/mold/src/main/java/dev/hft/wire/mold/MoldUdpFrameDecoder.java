package dev.hft.wire.mold;

import static dev.hft.wire.mold.MoldUdpFrame.*;

import java.lang.foreign.MemorySegment;

import dev.hft.wire.net.BigEndian;
import dev.hft.wire.net.Ethernet;
import dev.hft.wire.net.Ipv4;
import dev.hft.wire.net.Udp;

/**
 * Reads OUCH-over-UDP frames ({@link MoldUdpFrame}) written by {@link MoldUdpFrameEncoder}, or by anyone:
 * every header length and the IPv4 checksum are checked before a message is delivered, and a frame that fails
 * a check is counted and dropped whole (its messages are never half-delivered). Never throws on bad input.
 */
public final class MoldUdpFrameDecoder {

    /** Receives each message block; the bytes are valid only during the call. */
    public interface Handler {
        void onMessage(long sequence, MemorySegment segment, long offset, int length);
    }

    public static final int NOT_IPV4_UDP = -1;
    public static final int BAD_IP_HEADER = -2;
    public static final int TRUNCATED = -3;
    public static final int BAD_BLOCKS = -4;

    private final Ipv4 ip = new Ipv4();
    private final MoldPacket packet = new MoldPacket();
    private long frames;
    private long messages;
    private long dropped;

    /**
     * Decodes the frame in {@code segment[offset, offset + length)}.
     *
     * @return messages delivered (0 for a heartbeat or end of session), or a negative drop code
     */
    public int decode(MemorySegment segment, long offset, int length, Handler handler) {
        if (offset < 0 || length < MESSAGES_OFFSET || offset > segment.byteSize() - length) {
            return drop(TRUNCATED);
        }
        if (BigEndian.u16(segment, offset + Ethernet.ETHER_TYPE_OFFSET) != Ethernet.TYPE_IPV4
                || BigEndian.u8(segment, offset + IP_PROTOCOL_OFFSET) != Ipv4.PROTOCOL_UDP) {
            return drop(NOT_IPV4_UDP);
        }
        ip.wrap(segment, offset + IP_OFFSET);
        if (ip.version() != 4 || ip.headerLength() != Ipv4.MIN_HEADER_LENGTH || !ip.checksumValid() || ip.isFragment()) {
            return drop(BAD_IP_HEADER);
        }
        int ipLength = ip.totalLength();
        int udpLength = Udp.length(segment, offset + UDP_OFFSET);
        if (ipLength > length - IP_OFFSET || udpLength != ipLength - Ipv4.MIN_HEADER_LENGTH
                || udpLength < Udp.HEADER_LENGTH + MOLD_HEADER_LENGTH) {
            return drop(TRUNCATED);
        }
        return decodeMold(segment, offset + MOLD_OFFSET, udpLength - Udp.HEADER_LENGTH, handler);
    }

    /** Decodes a bare MoldUDP64 packet (the payload of a kernel UDP socket); same results as {@link #decode}. */
    public int decodeMold(MemorySegment segment, long offset, int length, Handler handler) {
        if (offset < 0 || length < MOLD_HEADER_LENGTH || offset > segment.byteSize() - length) {
            return drop(TRUNCATED);
        }
        packet.wrap(segment, offset);
        long sequence = packet.sequenceNumber();
        int count = packet.messageCount();
        long end = offset + length;
        if (count == MoldPacket.HEARTBEAT || count == MoldPacket.END_OF_SESSION) {
            if (length != MOLD_HEADER_LENGTH) {
                return drop(BAD_BLOCKS);
            }
            frames++;
            return 0;
        }
        long p = offset + MOLD_HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            if (end - p < BLOCK_HEADER_LENGTH) {
                return drop(BAD_BLOCKS);
            }
            p += BLOCK_HEADER_LENGTH + BigEndian.u16(segment, p);
            if (p > end) {
                return drop(BAD_BLOCKS);
            }
        }
        if (p != end) {
            return drop(BAD_BLOCKS);
        }
        p = offset + MOLD_HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            int blockLength = BigEndian.u16(segment, p);
            handler.onMessage(sequence + i, segment, p + BLOCK_HEADER_LENGTH, blockLength);
            p += BLOCK_HEADER_LENGTH + blockLength;
        }
        frames++;
        messages += count;
        return count;
    }

    private int drop(int code) {
        dropped++;
        return code;
    }

    public long frames() {
        return frames;
    }

    public long messages() {
        return messages;
    }

    public long dropped() {
        return dropped;
    }
}
