package dev.hft.wire.net;

import java.lang.foreign.MemorySegment;

/**
 * IPv4 header flyweight.
 * <pre>
 *  0        1      2             4       6                8     9        10         12     16     20
 *  | ver/IHL | DSCP | total length | ident | flags/fragment | TTL | protocol | checksum | src | dst | options
 * </pre>
 */
public final class Ipv4 {

    public static final int VERSION_IHL_OFFSET = 0;
    public static final int TOTAL_LENGTH_OFFSET = 2;
    public static final int IDENTIFICATION_OFFSET = 4;
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    public static final int TTL_OFFSET = 8;
    public static final int PROTOCOL_OFFSET = 9;
    public static final int CHECKSUM_OFFSET = 10;
    public static final int SOURCE_OFFSET = 12;
    public static final int DESTINATION_OFFSET = 16;
    public static final int MIN_HEADER_LENGTH = 20;
    public static final int PROTOCOL_UDP = 17;

    private static final int MORE_FRAGMENTS = 0x2000;
    private static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

    private MemorySegment segment;
    private long offset;

    public Ipv4 wrap(MemorySegment segment, long offset) {
        this.segment = segment;
        this.offset = offset;
        return this;
    }

    public int version() {
        return BigEndian.u8(segment, offset + VERSION_IHL_OFFSET) >>> 4;
    }

    public int headerLength() {
        return (BigEndian.u8(segment, offset + VERSION_IHL_OFFSET) & 0x0F) * 4;
    }

    public int totalLength() {
        return BigEndian.u16(segment, offset + TOTAL_LENGTH_OFFSET);
    }

    public boolean isFragment() {
        int flags = BigEndian.u16(segment, offset + FLAGS_FRAGMENT_OFFSET);
        return (flags & (MORE_FRAGMENTS | FRAGMENT_OFFSET_MASK)) != 0;
    }

    public int protocol() {
        return BigEndian.u8(segment, offset + PROTOCOL_OFFSET);
    }

    public int source() {
        return BigEndian.i32(segment, offset + SOURCE_OFFSET);
    }

    public int destination() {
        return BigEndian.i32(segment, offset + DESTINATION_OFFSET);
    }

    /** True when the ones'-complement sum over the header, checksum included, is 0xFFFF. */
    public boolean checksumValid() {
        return onesComplementSum(segment, offset, headerLength()) == 0xFFFF;
    }

    /** The RFC 1071 checksum of the header at {@code offset} as it stands (0 when the stored checksum is right). */
    public static int checksum(MemorySegment segment, long offset) {
        return ~onesComplementSum(segment, offset, (BigEndian.u8(segment, offset + VERSION_IHL_OFFSET) & 0x0F) * 4) & 0xFFFF;
    }

    /** Writes a 20-byte header (no options, DF set, TTL 64) with a correct checksum. */
    public static void write(MemorySegment segment, long offset, int totalLength, int identification,
                             int protocol, int sourceIp, int destinationIp) {
        BigEndian.putU8(segment, offset + VERSION_IHL_OFFSET, 0x45);
        BigEndian.putU8(segment, offset + 1, 0);
        BigEndian.putU16(segment, offset + TOTAL_LENGTH_OFFSET, totalLength);
        BigEndian.putU16(segment, offset + IDENTIFICATION_OFFSET, identification);
        BigEndian.putU16(segment, offset + FLAGS_FRAGMENT_OFFSET, 0x4000);
        BigEndian.putU8(segment, offset + TTL_OFFSET, 64);
        BigEndian.putU8(segment, offset + PROTOCOL_OFFSET, protocol);
        BigEndian.putU16(segment, offset + CHECKSUM_OFFSET, 0);
        BigEndian.putI32(segment, offset + SOURCE_OFFSET, sourceIp);
        BigEndian.putI32(segment, offset + DESTINATION_OFFSET, destinationIp);
        updateChecksum(segment, offset);
    }

    /** Recomputes the header checksum of the header at {@code offset} (its length from the IHL field). */
    public static void updateChecksum(MemorySegment segment, long offset) {
        BigEndian.putU16(segment, offset + CHECKSUM_OFFSET, 0);
        BigEndian.putU16(segment, offset + CHECKSUM_OFFSET, checksum(segment, offset));
    }

    /** RFC 1071 ones'-complement sum of {@code length} (even) bytes, folded to 16 bits. */
    private static int onesComplementSum(MemorySegment segment, long offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += BigEndian.u16(segment, offset + i);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** Parses dotted-quad text to the address as a big-endian int. */
    public static int parse(String dottedQuad) {
        String[] parts = dottedQuad.trim().split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + dottedQuad + "'");
        }
        int address = 0;
        for (String part : parts) {
            int b = Integer.parseInt(part);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("not an IPv4 address: '" + dottedQuad + "'");
            }
            address = address << 8 | b;
        }
        return address;
    }
}
