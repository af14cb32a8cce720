package dev.hft.ingress.net;

import java.lang.foreign.MemorySegment;

import dev.hft.ingress.FrameHandler;
import dev.hft.wire.net.BigEndian;
import dev.hft.wire.net.Ethernet;
import dev.hft.wire.net.GroupPort;
import dev.hft.wire.net.Ipv4;
import dev.hft.wire.net.Ipv4Prefix;
import dev.hft.wire.net.PayloadHandler;
import dev.hft.wire.net.Udp;

/**
 * Ethernet (+ VLAN tags) / IPv4 / UDP in place, then the UDP payload to a {@link PayloadHandler}. Every
 * malformed or unwanted frame is a counted drop; nothing here throws or allocates.
 *
 * <p>With no line configured every UDP datagram is accepted as line 0. Otherwise only datagrams to a
 * configured destination group:port pass, tagged with that line's index (A/B arbitration downstream). With a
 * source allow-list, only datagrams from a listed address or network pass.
 */
public final class UdpFrameHandler implements FrameHandler {

    private static final int MAX_VLAN_TAGS = 2;
    private static final int MAX_LINES = 8;
    private static final int MAX_SOURCES = 16;

    private final PayloadHandler payloadHandler;
    private final DropCounters drops;
    private final Ipv4 ipv4 = new Ipv4();
    private final int[] lineGroups = new int[MAX_LINES];
    private final int[] linePorts = new int[MAX_LINES];
    private int lines;
    private final int[] sourceAddresses = new int[MAX_SOURCES];
    private final int[] sourceMasks = new int[MAX_SOURCES];
    private int sources;
    private long frames;
    private long payloads;
    private int destination;
    private int destinationPort;

    public UdpFrameHandler(PayloadHandler payloadHandler, DropCounters drops) {
        this.payloadHandler = payloadHandler;
        this.drops = drops;
    }

    /** Accepts datagrams to {@code group:port} (group as a big-endian int) as the next line; returns its index. */
    public int addLine(int group, int port) {
        if (lines == MAX_LINES) {
            throw new IllegalStateException("at most " + MAX_LINES + " lines");
        }
        lineGroups[lines] = group;
        linePorts[lines] = port;
        return lines++;
    }

    /** Adds a line from {@code a.b.c.d:port} text. */
    public int addLine(String groupAndPort) {
        GroupPort line = GroupPort.parse(groupAndPort);
        return addLine(line.group(), line.port());
    }

    /** Accepts datagrams from {@code prefix} (an address or a network); with none added every source passes. */
    public void allowSource(Ipv4Prefix prefix) {
        if (sources == MAX_SOURCES) {
            throw new IllegalStateException("at most " + MAX_SOURCES + " source addresses or networks");
        }
        sourceAddresses[sources] = prefix.address();
        sourceMasks[sources++] = prefix.mask();
    }

    /** The destination address (big-endian int) of the frame whose payload is being handed over. */
    public int destination() {
        return destination;
    }

    /** The destination UDP port of the frame whose payload is being handed over. */
    public int destinationPort() {
        return destinationPort;
    }

    /** Frames handed to this handler. */
    public long frames() {
        return frames;
    }

    /** Frames whose UDP payload passed every check and went on to the MoldUDP64 receiver. */
    public long payloads() {
        return payloads;
    }

    @Override
    public void onFrame(MemorySegment frame, long offset, int length, long receiveNanos) {
        frames++;
        if (length < 0 || offset < 0 || offset + length > frame.byteSize() || length < Ethernet.HEADER_LENGTH) {
            drops.add(DropReason.TRUNCATED_FRAME);
            return;
        }
        long end = offset + length;
        long typeOffset = offset + Ethernet.ETHER_TYPE_OFFSET;
        int etherType = BigEndian.u16(frame, typeOffset);
        for (int tags = 0; tags < MAX_VLAN_TAGS && (etherType == Ethernet.TYPE_VLAN || etherType == Ethernet.TYPE_QINQ); tags++) {
            typeOffset += Ethernet.VLAN_TAG_LENGTH;
            if (typeOffset + 2 > end) {
                drops.add(DropReason.TRUNCATED_FRAME);
                return;
            }
            etherType = BigEndian.u16(frame, typeOffset);
        }
        if (etherType != Ethernet.TYPE_IPV4) {
            drops.add(DropReason.NOT_IPV4);
            return;
        }
        long ip = typeOffset + 2;
        if (ip + Ipv4.MIN_HEADER_LENGTH > end) {
            drops.add(DropReason.TRUNCATED_FRAME);
            return;
        }
        ipv4.wrap(frame, ip);
        int headerLength = ipv4.headerLength();
        if (ipv4.version() != 4 || headerLength < Ipv4.MIN_HEADER_LENGTH || ip + headerLength > end) {
            drops.add(DropReason.BAD_IPV4_HEADER);
            return;
        }
        if (!ipv4.checksumValid()) {
            drops.add(DropReason.BAD_IPV4_CHECKSUM);
            return;
        }
        int totalLength = ipv4.totalLength();
        if (totalLength < headerLength + Udp.HEADER_LENGTH || ip + totalLength > end) {
            drops.add(DropReason.BAD_IPV4_LENGTH);
            return;
        }
        if (ipv4.isFragment()) {
            drops.add(DropReason.IPV4_FRAGMENT);
            return;
        }
        if (ipv4.protocol() != Ipv4.PROTOCOL_UDP) {
            drops.add(DropReason.NOT_UDP);
            return;
        }
        long udp = ip + headerLength;
        int udpLength = Udp.length(frame, udp);
        if (udpLength < Udp.HEADER_LENGTH || udpLength > totalLength - headerLength) {
            drops.add(DropReason.BAD_UDP_LENGTH);
            return;
        }
        int line = line(ipv4.destination(), Udp.destinationPort(frame, udp));
        if (line < 0) {
            drops.add(DropReason.FILTERED_OUT);
            return;
        }
        if (!sourceAllowed(ipv4.source())) {
            drops.add(DropReason.SOURCE_NOT_ALLOWED);
            return;
        }
        payloads++;
        destination = ipv4.destination();
        destinationPort = Udp.destinationPort(frame, udp);
        payloadHandler.onPayload(frame, udp + Udp.HEADER_LENGTH, udpLength - Udp.HEADER_LENGTH, receiveNanos, line);
    }

    /**
     * A UDP payload received from a kernel socket on {@code line} from {@code source} (IPv4 as a big-endian int): the
     * source allow-list applies, then the payload goes on as a frame's would.
     */
    public void onDatagram(MemorySegment segment, long offset, int length, long receiveNanos, int line, int source) {
        frames++;
        if (!sourceAllowed(source)) {
            drops.add(DropReason.SOURCE_NOT_ALLOWED);
            return;
        }
        payloads++;
        payloadHandler.onPayload(segment, offset, length, receiveNanos, line);
    }

    private boolean sourceAllowed(int source) {
        if (sources == 0) {
            return true;
        }
        for (int i = 0; i < sources; i++) {
            if ((source & sourceMasks[i]) == sourceAddresses[i]) {
                return true;
            }
        }
        return false;
    }

    private int line(int group, int port) {
        if (lines == 0) {
            return 0;
        }
        for (int i = 0; i < lines; i++) {
            if (lineGroups[i] == group && linePorts[i] == port) {
                return i;
            }
        }
        return -1;
    }
}
