package dev.hft.ingress.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hft.wire.net.BigEndian;
import dev.hft.wire.net.Ethernet;
import dev.hft.wire.net.Ipv4;
import dev.hft.wire.net.Udp;
import dev.hft.wire.net.UdpFrames;

class UdpFrameHandlerTest {

    static final int GROUP = Ipv4.parse("233.54.12.111");
    static final int PORT = 26477;

    final DropCounters drops = new DropCounters();
    final List<String> payloads = new ArrayList<>();
    final UdpFrameHandler handler = new UdpFrameHandler(
            (segment, offset, length, nanos, line) -> payloads.add(line + ":" + length + ":" + segment.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset)),
            drops);

    /** An untagged frame to GROUP:PORT with a payload of {@code payload} bytes, each 7, plus Ethernet padding. */
    static MemorySegment frame(int payload, int destinationIp, int destinationPort) {
        MemorySegment frame = MemorySegment.ofArray(new byte[Math.max(60, UdpFrames.HEADERS_LENGTH + payload)]);
        UdpFrames.writeHeaders(frame, 0x020000000001L, Ipv4.parse("10.0.0.1"), 30000, destinationIp, destinationPort, 1, payload);
        frame.asSlice(UdpFrames.HEADERS_LENGTH, payload).fill((byte) 7);
        return frame;
    }

    /** The same frame with an 802.1Q tag (VLAN 100) inserted after the MAC addresses. */
    static MemorySegment tagged(MemorySegment frame) {
        MemorySegment out = MemorySegment.ofArray(new byte[(int) frame.byteSize() + 4]);
        MemorySegment.copy(frame, 0, out, 0, 12);
        BigEndian.putU16(out, 12, Ethernet.TYPE_VLAN);
        BigEndian.putU16(out, 14, 100);
        MemorySegment.copy(frame, 12, out, 16, frame.byteSize() - 12);
        return out;
    }

    void handle(MemorySegment frame) {
        handler.onFrame(frame, 0, (int) frame.byteSize(), 0);
    }

    @Test
    void handsOverTheUdpPayloadIgnoringEthernetPadding() {
        handle(frame(3, GROUP, PORT));
        handle(frame(100, GROUP, PORT));
        assertEquals(List.of("0:3:7", "0:100:7"), payloads);
        assertEquals(0, drops.total());
    }

    @Test
    void readsThroughVlanTags() {
        handle(tagged(frame(30, GROUP, PORT)));
        handle(tagged(tagged(frame(30, GROUP, PORT))));
        assertEquals(List.of("0:30:7", "0:30:7"), payloads);
    }

    @Test
    void worksAtAnOffsetInsideALargerSegment() {
        MemorySegment frame = frame(40, GROUP, PORT);
        MemorySegment big = MemorySegment.ofArray(new byte[1000]);
        MemorySegment.copy(frame, 0, big, 333, frame.byteSize());
        handler.onFrame(big, 333, (int) frame.byteSize(), 0);
        assertEquals(List.of("0:40:7"), payloads);
    }

    @Test
    void countsEachKindOfBadFrame() {
        MemorySegment badChecksum = frame(20, GROUP, PORT);
        BigEndian.putU16(badChecksum, Ethernet.HEADER_LENGTH + Ipv4.CHECKSUM_OFFSET, 0x1234);
        handle(badChecksum);
        assertEquals(1, drops.get(DropReason.BAD_IPV4_CHECKSUM));

        MemorySegment fragment = frame(20, GROUP, PORT);
        Ipv4.write(fragment, Ethernet.HEADER_LENGTH, 48, 1, Ipv4.PROTOCOL_UDP, 1, GROUP);
        BigEndian.putU16(fragment, Ethernet.HEADER_LENGTH + Ipv4.FLAGS_FRAGMENT_OFFSET, 0x2000);
        Ipv4.updateChecksum(fragment, Ethernet.HEADER_LENGTH);
        handle(fragment);
        assertEquals(1, drops.get(DropReason.IPV4_FRAGMENT));

        MemorySegment tcp = frame(20, GROUP, PORT);
        Ipv4.write(tcp, Ethernet.HEADER_LENGTH, 48, 1, 6, 1, GROUP);
        handle(tcp);
        assertEquals(1, drops.get(DropReason.NOT_UDP));

        MemorySegment arp = frame(20, GROUP, PORT);
        BigEndian.putU16(arp, Ethernet.ETHER_TYPE_OFFSET, 0x0806);
        handle(arp);
        assertEquals(1, drops.get(DropReason.NOT_IPV4));

        MemorySegment longUdp = frame(20, GROUP, PORT);
        BigEndian.putU16(longUdp, Ethernet.HEADER_LENGTH + Ipv4.MIN_HEADER_LENGTH + Udp.LENGTH_OFFSET, 29);
        handle(longUdp);
        assertEquals(1, drops.get(DropReason.BAD_UDP_LENGTH));

        MemorySegment longIp = frame(20, GROUP, PORT);
        Ipv4.write(longIp, Ethernet.HEADER_LENGTH, 49, 1, Ipv4.PROTOCOL_UDP, 1, GROUP);
        handle(longIp);
        assertEquals(1, drops.get(DropReason.BAD_IPV4_LENGTH));

        MemorySegment options = frame(20, GROUP, PORT);
        BigEndian.putU8(options, Ethernet.HEADER_LENGTH, 0x44);
        handle(options);
        assertEquals(1, drops.get(DropReason.BAD_IPV4_HEADER));

        MemorySegment whole = frame(20, GROUP, PORT);
        handler.onFrame(whole, 0, 30, 0);
        handler.onFrame(whole, 0, 10, 0);
        handler.onFrame(whole, 0, 1000, 0);
        assertEquals(3, drops.get(DropReason.TRUNCATED_FRAME));

        assertEquals(List.of(), payloads);
        assertEquals(10, drops.total());
        assertEquals(10, handler.frames());
    }

    @Test
    void filtersByGroupAndPortAndTagsLines() {
        assertEquals(0, handler.addLine("233.54.12.111:26477"));
        assertEquals(1, handler.addLine("233.49.196.111:26477"));
        handle(frame(5, GROUP, PORT));
        handle(frame(6, Ipv4.parse("233.49.196.111"), PORT));
        handle(frame(7, GROUP, PORT + 1));
        assertEquals(List.of("0:5:7", "1:6:7"), payloads);
        assertEquals(1, drops.get(DropReason.FILTERED_OUT));
    }
}
