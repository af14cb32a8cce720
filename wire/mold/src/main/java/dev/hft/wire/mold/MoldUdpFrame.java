package dev.hft.wire.mold;

import dev.hft.wire.net.Ethernet;
import dev.hft.wire.net.Ipv4;
import dev.hft.wire.net.Udp;

/**
 * Layout of one OUCH-over-UDP frame: Ethernet II, IPv4 (no options), UDP, then a MoldUDP64 packet whose
 * message blocks are OUCH 4.2 messages. All offsets are from the first byte of the Ethernet header; each header
 * is the one its own codec describes ({@link Ethernet}, {@link Ipv4}, {@link Udp}, {@link MoldPacket}).
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

    public static final int IP_OFFSET = Ethernet.HEADER_LENGTH;
    public static final int IP_TOTAL_LENGTH_OFFSET = IP_OFFSET + Ipv4.TOTAL_LENGTH_OFFSET;
    public static final int IP_TTL_OFFSET = IP_OFFSET + Ipv4.TTL_OFFSET;
    public static final int IP_PROTOCOL_OFFSET = IP_OFFSET + Ipv4.PROTOCOL_OFFSET;
    public static final int UDP_OFFSET = IP_OFFSET + Ipv4.MIN_HEADER_LENGTH;
    public static final int MOLD_OFFSET = UDP_OFFSET + Udp.HEADER_LENGTH;
    public static final int MOLD_SESSION_LENGTH = MoldPacket.SESSION_LENGTH;
    public static final int MOLD_COUNT_OFFSET = MOLD_OFFSET + MoldPacket.MESSAGE_COUNT_OFFSET;
    public static final int MOLD_HEADER_LENGTH = MoldPacket.HEADER_LENGTH;
    /** Where the first message block starts. */
    public static final int MESSAGES_OFFSET = MOLD_OFFSET + MOLD_HEADER_LENGTH;
    public static final int BLOCK_HEADER_LENGTH = MoldPacket.MESSAGE_LENGTH_LENGTH;
    /** Default frame budget: a 1500-byte IP MTU plus the Ethernet header. */
    public static final int DEFAULT_MAX_FRAME = 1514;

    private MoldUdpFrame() {
    }
}
