package dev.hft.wire.net;

import java.lang.foreign.MemorySegment;

/**
 * UDP header.
 * <pre>
 *  0          2          4        6          8
 *  | src port | dst port | length | checksum | payload
 * </pre>
 */
public final class Udp {

    public static final int SOURCE_PORT_OFFSET = 0;
    public static final int DESTINATION_PORT_OFFSET = 2;
    public static final int LENGTH_OFFSET = 4;
    public static final int CHECKSUM_OFFSET = 6;
    public static final int HEADER_LENGTH = 8;

    private Udp() {
    }

    public static int destinationPort(MemorySegment segment, long offset) {
        return BigEndian.u16(segment, offset + DESTINATION_PORT_OFFSET);
    }

    public static int length(MemorySegment segment, long offset) {
        return BigEndian.u16(segment, offset + LENGTH_OFFSET);
    }

    /** Writes a header with checksum 0 (allowed for UDP over IPv4: no checksum). */
    public static void write(MemorySegment segment, long offset, int sourcePort, int destinationPort, int payloadLength) {
        BigEndian.putU16(segment, offset + SOURCE_PORT_OFFSET, sourcePort);
        BigEndian.putU16(segment, offset + DESTINATION_PORT_OFFSET, destinationPort);
        BigEndian.putU16(segment, offset + LENGTH_OFFSET, HEADER_LENGTH + payloadLength);
        BigEndian.putU16(segment, offset + CHECKSUM_OFFSET, 0);
    }
}
