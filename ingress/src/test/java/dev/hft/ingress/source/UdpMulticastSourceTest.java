package dev.hft.ingress.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.ingress.IngressTestContext;
import dev.hft.ingress.mold.MoldReceiver;
import dev.hft.ingress.stage.IngressChain;
import dev.hft.wire.itch.ItchEncoder;
import dev.hft.wire.mold.MoldMessageStore;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.mold.MoldPacketWriter;
import dev.hft.wire.mold.MoldRequestServer;

/** Kernel multicast on this host: MoldUDP64 through a real socket, a gap filled by the request server. */
class UdpMulticastSourceTest {

    static final MemorySegment SESSION = MoldPacket.session("UDPTEST001");

    /** Loopback: Linux delivers multicast on lo, and a test's traffic never leaves the host. */
    static NetworkInterface loopback() throws IOException {
        return NetworkInterface.getByName("lo");
    }

    @Test
    void receivesMulticastAndFillsAGapFromTheRequestServer() throws Exception {
        NetworkInterface nif = loopback();
        InetAddress group = InetAddress.getByName("239.255.42.99");
        int port = freePort();
        MoldMessageStore store = new MoldMessageStore();
        MemorySegment message = MemorySegment.ofArray(new byte[64]);
        for (int s = 1; s <= 30; s++) {
            int length = ItchEncoder.orderDelete(message, 0, s % 7, 0, s, 1000 + s);
            store.append(message, 0, length);
        }
        try (MoldRequestServer server = new MoldRequestServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SESSION, store, 1400);
             DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
            IngressTestContext context = new IngressTestContext(Map.of("gap_policy", "retransmit", "give_up", "halt",
                    "request_server", "127.0.0.1:" + server.localAddress().getPort(), "retransmit_buffer", 64,
                    "retry_ms", 20, "max_retries", 50));
            IngressChain chain = IngressChain.build(context);
            MoldReceiver receiver = chain.receiver();
            try (UdpMulticastSource source = new UdpMulticastSource("udp", List.of(new UdpMulticastSource.Line(group, port, nif)),
                    chain, 16)) {
                sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
                sender.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                for (long first : new long[] {1, 6, 21, 26}) {
                    MemorySegment packet = MemorySegment.ofArray(new byte[1400]);
                    MoldPacketWriter writer = new MoldPacketWriter(packet, 1400).begin(SESSION, first);
                    for (long s = first; s < first + 5; s++) {
                        writer.add(store.segment(), store.offset(s), store.length(s));
                    }
                    sender.send(packet.asSlice(0, writer.finish()).asByteBuffer(), new InetSocketAddress(group, port));
                }
                for (int i = 0; i < 2_000 && receiver.delivered() < 30; i++) {
                    if (source.doWork() + server.poll() == 0) {
                        Thread.sleep(1);
                    }
                }
                assertTrue(source.datagrams() > 0, "multicast on " + nif.getName() + " was delivered");
                assertEquals(30, receiver.delivered());
                assertEquals(10, receiver.missing());
                assertEquals(10, receiver.recovered());
                assertEquals(0, context.value("loss"));
                assertEquals(30, context.rings.messages(0).size() + context.rings.messages(1).size());
                assertFalse(receiver.gapOpen());
            }
        }
    }

    @Test
    void datagramsFromOutsideTheSourceAllowListAreDropped() throws Exception {
        NetworkInterface nif = loopback();
        InetAddress group = InetAddress.getByName("239.255.42.98");
        int port = freePort();
        IngressTestContext context = new IngressTestContext(Map.of("sources", "10.99.99.0/24"));
        IngressChain chain = IngressChain.build(context);
        try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET);
             UdpMulticastSource source = new UdpMulticastSource("udp", List.of(new UdpMulticastSource.Line(group, port, nif)),
                     chain, 16)) {
            sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            sender.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            MemorySegment message = MemorySegment.ofArray(new byte[64]);
            int length = ItchEncoder.orderDelete(message, 0, 1, 0, 1, 7);
            MemorySegment packet = MemorySegment.ofArray(new byte[64]);
            MoldPacketWriter writer = new MoldPacketWriter(packet, 64).begin(SESSION, 1);
            writer.add(message, 0, length);
            sender.send(packet.asSlice(0, writer.finish()).asByteBuffer(), new InetSocketAddress(group, port));
            for (int i = 0; i < 2_000 && source.datagrams() == 0; i++) {
                if (source.doWork() == 0) {
                    Thread.sleep(1);
                }
            }
            assertTrue(source.datagrams() > 0, "multicast on " + nif.getName() + " was delivered");
            assertEquals(1, context.value("drop.source_not_allowed"));
            assertEquals(0, chain.receiver().delivered());
            assertEquals(0, context.value("loss"), "traffic the allow-list excludes is not a loss");
        }
    }

    @Test
    void eachLineReceivesOnlyItsOwnGroup() throws Exception {
        NetworkInterface nif = loopback();
        InetAddress groupA = InetAddress.getByName("239.255.42.101");
        InetAddress groupB = InetAddress.getByName("239.255.42.102");
        int port = freePort();
        IngressTestContext context = new IngressTestContext(Map.of());
        IngressChain chain = IngressChain.build(context);
        MoldReceiver receiver = chain.receiver();
        List<UdpMulticastSource.Line> lines = List.of(new UdpMulticastSource.Line(groupA, port, nif),
                new UdpMulticastSource.Line(groupB, port, nif));
        try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET);
             UdpMulticastSource source = new UdpMulticastSource("ab", lines, chain, 16)) {
            sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            sender.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            MemorySegment message = MemorySegment.ofArray(new byte[64]);
            int length = ItchEncoder.orderDelete(message, 0, 1, 0, 1, 7);
            for (long first = 1; first <= 4; first++) {
                MemorySegment packet = MemorySegment.ofArray(new byte[64]);
                MoldPacketWriter writer = new MoldPacketWriter(packet, 64).begin(SESSION, first);
                writer.add(message, 0, length);
                java.nio.ByteBuffer datagram = packet.asSlice(0, writer.finish()).asByteBuffer();
                sender.send(datagram, new InetSocketAddress(groupA, port));
                sender.send(datagram.rewind(), new InetSocketAddress(groupB, port));
            }
            for (int i = 0; i < 2_000 && source.datagrams() < 8; i++) {
                if (source.doWork() == 0) {
                    Thread.sleep(1);
                }
            }
            assertTrue(source.datagrams() > 0, "multicast on " + nif.getName() + " was delivered");
            for (int i = 0; i < 20; i++) {
                source.doWork();
                Thread.sleep(1);
            }
            assertEquals(8, source.datagrams(), "each socket got its own group only");
            assertEquals(4, receiver.linePackets(0));
            assertEquals(4, receiver.linePackets(1));
            assertEquals(4, receiver.delivered());
            assertEquals(4, receiver.duplicates());
        }
    }

    static int freePort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(0))) {
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }
}
