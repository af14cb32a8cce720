package dev.hft.ingress.mold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.paritytrading.nassau.moldudp64.MoldUDP64Client;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientState;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientStatusListener;
import com.paritytrading.nassau.moldudp64.MoldUDP64DefaultMessageStore;
import com.paritytrading.nassau.moldudp64.MoldUDP64RequestServer;

import dev.hft.ingress.net.DropCounters;
import dev.hft.wire.mold.MoldMessageStore;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.mold.MoldPacketWriter;
import dev.hft.wire.mold.MoldRequestClient;
import dev.hft.wire.mold.MoldRequestServer;

/** Re-requests over real UDP on loopback: our client and server, and each against nassau's as a peer. */
class MoldRetransmissionTest {

    static final MemorySegment SESSION = MoldPacket.session("RETRANS001");
    static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    /** Message {@code s}: 3 + s % 40 bytes, every byte (byte) s. */
    static byte[] message(long s) {
        byte[] bytes = new byte[3 + (int) (s % 40)];
        java.util.Arrays.fill(bytes, (byte) s);
        return bytes;
    }

    static MemorySegment packet(long first, int count) {
        MemorySegment buffer = MemorySegment.ofArray(new byte[1500]);
        MoldPacketWriter writer = new MoldPacketWriter(buffer, 1500).begin(SESSION, first);
        for (long s = first; s < first + count; s++) {
            byte[] m = message(s);
            assertTrue(writer.add(MemorySegment.ofArray(m), 0, m.length));
        }
        return buffer.asSlice(0, writer.finish());
    }

    /** Records what the receiver delivers and checks each message's bytes against {@link #message}. */
    static final class CheckingSink implements dev.hft.ingress.route.MessageSink {
        final List<Long> sequences = new ArrayList<>();

        @Override
        public void onMessage(MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
            assertEquals(MemorySegment.ofArray(message(sequence)).byteSize(), length);
            assertEquals(-1, MemorySegment.mismatch(segment, offset, offset + length,
                    MemorySegment.ofArray(message(sequence)), 0, length));
            sequences.add(sequence);
        }

        @Override
        public void onPacketEnd() {
        }
    }

    @Test
    void gapIsFilledExactlyOnceFromOurRequestServerInSmallReplies() throws Exception {
        MoldMessageStore store = new MoldMessageStore();
        for (long s = 1; s <= 200; s++) {
            assertEquals(s, store.append(MemorySegment.ofArray(message(s)), 0, message(s).length));
        }
        CheckingSink sink = new CheckingSink();
        DropCounters drops = new DropCounters();
        try (MoldRequestServer server = new MoldRequestServer(LOOPBACK, SESSION, store, 256);
             MoldRequestClient client = new MoldRequestClient(server.localAddress())) {
            MoldReceiver receiver = new MoldReceiver(
                    MoldReceiver.Config.DEFAULTS.withRetransmission(256, 20_000_000L, 50, GapPolicy.HALT),
                    sink, drops, client, null);
            long now = System.nanoTime();
            MemorySegment first = packet(1, 10);
            receiver.onPayload(first, 0, (int) first.byteSize(), now, 0);
            MemorySegment later = packet(150, 11);
            receiver.onPayload(later, 0, (int) later.byteSize(), now, 0);
            receiver.flush();
            assertTrue(receiver.gapOpen());
            for (int i = 0; i < 2_000 && receiver.gapOpen(); i++) {
                int work = server.poll() + client.poll(receiver, 1, System.nanoTime(), 16) + receiver.poll(System.nanoTime());
                if (work == 0) {
                    Thread.sleep(1);
                }
            }
            assertFalse(receiver.gapOpen());
            assertFalse(receiver.isHalted());
            assertEquals(MoldReceiverTest.range(1, 160), sink.sequences);
            assertEquals(139, receiver.missing());
            assertEquals(139, receiver.recovered(), "every missing message came back");
            assertEquals(0, receiver.lost());
            assertEquals(0, drops.loss());
            assertTrue(server.served() > 5, "small replies need several requests, served " + server.served());
        }
    }

    @Test
    void ourClientIsServedByNassausRequestServer() throws Exception {
        MoldUDP64DefaultMessageStore store = new MoldUDP64DefaultMessageStore();
        for (long s = 1; s <= 30; s++) {
            store.put(ByteBuffer.wrap(message(s)));
        }
        CheckingSink sink = new CheckingSink();
        try (DatagramChannel serverChannel = DatagramChannel.open().bind(LOOPBACK);
             MoldUDP64RequestServer server = new MoldUDP64RequestServer(serverChannel);
             MoldRequestClient client = new MoldRequestClient((InetSocketAddress) serverChannel.getLocalAddress())) {
            serverChannel.configureBlocking(false);
            MoldReceiver receiver = new MoldReceiver(
                    MoldReceiver.Config.DEFAULTS.withRetransmission(64, 20_000_000L, 50, GapPolicy.HALT),
                    sink, new DropCounters(), client, null);
            MemorySegment p = packet(21, 10);
            receiver.onPayload(packet(1, 2), 0, (int) packet(1, 2).byteSize(), System.nanoTime(), 0);
            receiver.onPayload(p, 0, (int) p.byteSize(), System.nanoTime(), 0);
            receiver.flush();
            for (int i = 0; i < 2_000 && receiver.gapOpen(); i++) {
                server.serve(store);
                if (client.poll(receiver, 1, System.nanoTime(), 16) + receiver.poll(System.nanoTime()) == 0) {
                    Thread.sleep(1);
                }
            }
            assertEquals(MoldReceiverTest.range(1, 30), sink.sequences);
        }
    }

    @Test
    void nassausClientIsServedByOurRequestServer() throws Exception {
        MoldMessageStore store = new MoldMessageStore();
        for (long s = 1; s <= 9; s++) {
            store.append(MemorySegment.ofArray(message(s)), 0, message(s).length);
        }
        List<byte[]> received = new ArrayList<>();
        MoldUDP64ClientStatusListener status = new MoldUDP64ClientStatusListener() {
            public void state(MoldUDP64Client c, MoldUDP64ClientState s) { }
            public void downstream(MoldUDP64Client c, long sequence, int count) { }
            public void request(MoldUDP64Client c, long sequence, int count) { }
            public void endOfSession(MoldUDP64Client c) { }
        };
        try (MoldRequestServer server = new MoldRequestServer(LOOPBACK, SESSION, store, 1400);
             DatagramChannel downstream = DatagramChannel.open().bind(LOOPBACK);
             DatagramChannel sender = DatagramChannel.open()) {
            downstream.configureBlocking(false);
            MoldUDP64Client client = new MoldUDP64Client(downstream, server.localAddress(), buffer -> {
                byte[] m = new byte[buffer.remaining()];
                buffer.get(m);
                received.add(m);
            }, status);
            client.getRequestChannel().configureBlocking(false);
            MemorySegment p = packet(8, 2);
            sender.send(p.asByteBuffer(), downstream.getLocalAddress());
            for (int i = 0; i < 2_000 && received.size() < 9; i++) {
                boolean work = client.receive() | server.poll() > 0 | client.receiveResponse();
                if (!work) {
                    Thread.sleep(1);
                }
            }
            assertEquals(9, received.size(), "nassau's client got every message, 1..7 through our server");
            for (int s = 1; s <= 9; s++) {
                assertEquals(java.util.Arrays.toString(message(s)), java.util.Arrays.toString(received.get(s - 1)));
            }
            client.close();
        }
    }
}
