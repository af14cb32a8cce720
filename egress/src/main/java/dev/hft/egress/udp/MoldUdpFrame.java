package dev.hft.egress.udp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Layout of one OUCH-over-UDP frame: Ethernet II, IPv4 (no options), UDP, then a MoldUDP64 packet whose
 * message blocks are OUCH 4.2 messages. All offsets are from the first byte of the Ethernet header.
 *
 * <pre>
 *    0  Ethernet  destination MAC 6 | source MAC 6 | EtherType 2 (0x0800)
 *   14  IPv4      version+IHL 1 (0x45) | DSCP/ECN 1 | total length 2 | identification 2 | flags+fragment 2 (DF)
 *                 | TTL 1 | protocol 1 (17) | header checksum 2 | source address 4 | destination address 4
 *   34  UDP       source port 2 | destination port 2 | length 2 | checksum 2 (0: not computed, allowed on IPv4)
 *   42  MoldUDP64 session 10 | sequence number 8 (of the first message) | message count 2
 *   62  blocks    message length 2 | OUCH message ... (count times)
 * </pre>
 */
public final class MoldUdpFrame {

    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public static final int ETH_DESTINATION_OFFSET = 0;
    public static final int ETH_SOURCE_OFFSET = 6;
    public static final int ETH_TYPE_OFFSET = 12;
    public static final int ETH_LENGTH = 14;
    public static final short ETH_TYPE_IPV4 = 0x0800;

    public static final int IP_OFFSET = ETH_LENGTH;
    public static final int IP_VERSION_IHL_OFFSET = IP_OFFSET;
    public static final int IP_TOTAL_LENGTH_OFFSET = IP_OFFSET + 2;
    public static final int IP_IDENTIFICATION_OFFSET = IP_OFFSET + 4;
    public static final int IP_FLAGS_FRAGMENT_OFFSET = IP_OFFSET + 6;
    public static final int IP_TTL_OFFSET = IP_OFFSET + 8;
    public static final int IP_PROTOCOL_OFFSET = IP_OFFSET + 9;
    public static final int IP_CHECKSUM_OFFSET = IP_OFFSET + 10;
    public static final int IP_SOURCE_OFFSET = IP_OFFSET + 12;
    public static final int IP_DESTINATION_OFFSET = IP_OFFSET + 16;
    public static final int IP_LENGTH = 20;
    public static final byte IP_PROTOCOL_UDP = 17;

    public static final int UDP_OFFSET = IP_OFFSET + IP_LENGTH;
    public static final int UDP_SOURCE_PORT_OFFSET = UDP_OFFSET;
    public static final int UDP_DESTINATION_PORT_OFFSET = UDP_OFFSET + 2;
    public static final int UDP_LENGTH_OFFSET = UDP_OFFSET + 4;
    public static final int UDP_CHECKSUM_OFFSET = UDP_OFFSET + 6;
    public static final int UDP_LENGTH = 8;

    public static final int MOLD_OFFSET = UDP_OFFSET + UDP_LENGTH;
    public static final int MOLD_SESSION_OFFSET = MOLD_OFFSET;
    public static final int MOLD_SESSION_LENGTH = 10;
    public static final int MOLD_SEQUENCE_OFFSET = MOLD_OFFSET + 10;
    public static final int MOLD_COUNT_OFFSET = MOLD_OFFSET + 18;
    public static final int MOLD_HEADER_LENGTH = 20;

    /** Where the first message block starts. */
    public static final int MESSAGES_OFFSET = MOLD_OFFSET + MOLD_HEADER_LENGTH;
    public static final int BLOCK_HEADER_LENGTH = 2;
    /** Largest real message count; 0 is a heartbeat and 0xFFFF end of session. */
    public static final int MAX_COUNT = 0xFFFE;
    /** Default frame budget: a 1500-byte IP MTU plus the Ethernet header. */
    public static final int DEFAULT_MAX_FRAME = 1514;

    private MoldUdpFrame() {
    }

    /** RFC 1071 checksum of the IPv4 header at {@code offset} (checksum field included; 0 when valid). */
    public static short ipChecksum(MemorySegment segment, long offset) {
        int sum = 0;
        for (int i = 0; i < IP_LENGTH; i += 2) {
            sum += Short.toUnsignedInt(segment.get(SHORT, offset + i));
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }
}
