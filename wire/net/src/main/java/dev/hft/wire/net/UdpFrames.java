package dev.hft.wire.net;

import java.lang.foreign.MemorySegment;

/** Builds the Ethernet / IPv4 / UDP headers in front of a payload (generator, capture tools, tests). */
public final class UdpFrames {

    /** Bytes of headers before the UDP payload of an untagged frame. */
    public static final int HEADERS_LENGTH = Ethernet.HEADER_LENGTH + Ipv4.MIN_HEADER_LENGTH + Udp.HEADER_LENGTH;

    private UdpFrames() {
    }

    /**
     * Writes untagged headers at {@code frame}[0, {@link #HEADERS_LENGTH}) for a payload of
     * {@code payloadLength} bytes that the caller places right after; returns the frame length.
     */
    public static int writeHeaders(MemorySegment frame, long sourceMac, int sourceIp, int sourcePort,
                                   int destinationIp, int destinationPort, int identification, int payloadLength) {
        Ethernet.writeIpv4(frame, 0, sourceMac, destinationIp);
        Ipv4.write(frame, Ethernet.HEADER_LENGTH, Ipv4.MIN_HEADER_LENGTH + Udp.HEADER_LENGTH + payloadLength,
                identification, Ipv4.PROTOCOL_UDP, sourceIp, destinationIp);
        Udp.write(frame, Ethernet.HEADER_LENGTH + Ipv4.MIN_HEADER_LENGTH, sourcePort, destinationPort, payloadLength);
        return HEADERS_LENGTH + payloadLength;
    }
}
