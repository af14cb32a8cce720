package dev.hft.wire.net;

import java.lang.foreign.MemorySegment;

/**
 * Ethernet II header, optionally followed by 802.1Q / 802.1ad tags.
 * <pre>
 *  0      6      12         14
 *  | dst  | src  | type/TPID | (TCI 2 + type 2) per VLAN tag
 * </pre>
 */
public final class Ethernet {

    public static final int DESTINATION_OFFSET = 0;
    public static final int SOURCE_OFFSET = 6;
    public static final int ETHER_TYPE_OFFSET = 12;
    public static final int HEADER_LENGTH = 14;
    public static final int VLAN_TAG_LENGTH = 4;

    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_VLAN = 0x8100;
    public static final int TYPE_QINQ = 0x88A8;

    private Ethernet() {
    }

    /** Writes an untagged header for an IPv4 payload; multicast destinations use the 01:00:5e mapping of {@code dstIp}. */
    public static void writeIpv4(MemorySegment segment, long offset, long srcMac, int dstIp) {
        write(segment, offset, 0x01005E000000L | (dstIp & 0x7FFFFFL), srcMac, TYPE_IPV4);
    }

    /** Writes an untagged header; MACs are 48-bit values in the low bytes of a long. */
    public static void write(MemorySegment segment, long offset, long dstMac, long srcMac, int etherType) {
        BigEndian.putU16(segment, offset + DESTINATION_OFFSET, (int) (dstMac >>> 32));
        BigEndian.putI32(segment, offset + DESTINATION_OFFSET + 2, (int) dstMac);
        BigEndian.putU16(segment, offset + SOURCE_OFFSET, (int) (srcMac >>> 32));
        BigEndian.putI32(segment, offset + SOURCE_OFFSET + 2, (int) srcMac);
        BigEndian.putU16(segment, offset + ETHER_TYPE_OFFSET, etherType);
    }
}
