package dev.hft.egress.udp;

import static dev.hft.egress.udp.MoldUdpFrame.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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
        if (segment.get(SHORT, offset + ETH_TYPE_OFFSET) != ETH_TYPE_IPV4
                || segment.get(ValueLayout.JAVA_BYTE, offset + IP_PROTOCOL_OFFSET) != IP_PROTOCOL_UDP) {
            return drop(NOT_IPV4_UDP);
        }
        int ipLength = Short.toUnsignedInt(segment.get(SHORT, offset + IP_TOTAL_LENGTH_OFFSET));
        if (segment.get(ValueLayout.JAVA_BYTE, offset + IP_VERSION_IHL_OFFSET) != 0x45
                || ipChecksum(segment, offset + IP_OFFSET) != 0
                || (segment.get(SHORT, offset + IP_FLAGS_FRAGMENT_OFFSET) & 0x3FFF) != 0) {
            return drop(BAD_IP_HEADER);
        }
        int udpLength = Short.toUnsignedInt(segment.get(SHORT, offset + UDP_LENGTH_OFFSET));
        if (ipLength > length - IP_OFFSET || udpLength != ipLength - IP_LENGTH || udpLength < UDP_LENGTH + MOLD_HEADER_LENGTH) {
            return drop(TRUNCATED);
        }
        return decodeMold(segment, offset + MOLD_OFFSET, udpLength - UDP_LENGTH, handler);
    }

    /** Decodes a bare MoldUDP64 packet (the payload of a kernel UDP socket); same results as {@link #decode}. */
    public int decodeMold(MemorySegment segment, long offset, int length, Handler handler) {
        if (offset < 0 || length < MOLD_HEADER_LENGTH || offset > segment.byteSize() - length) {
            return drop(TRUNCATED);
        }
        long sequence = segment.get(LONG, offset + MOLD_SEQUENCE_OFFSET - MOLD_OFFSET);
        int count = Short.toUnsignedInt(segment.get(SHORT, offset + MOLD_COUNT_OFFSET - MOLD_OFFSET));
        long end = offset + length;
        if (count == 0 || count == 0xFFFF) {
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
            p += BLOCK_HEADER_LENGTH + Short.toUnsignedInt(segment.get(SHORT, p));
            if (p > end) {
                return drop(BAD_BLOCKS);
            }
        }
        if (p != end) {
            return drop(BAD_BLOCKS);
        }
        p = offset + MOLD_HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            int blockLength = Short.toUnsignedInt(segment.get(SHORT, p));
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
