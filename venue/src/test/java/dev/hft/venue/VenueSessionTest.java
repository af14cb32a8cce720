package dev.hft.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.soup.SoupClient;

/** The ITCH session's framing (start of day, heartbeats, end of session) and malformed OUCH over SoupBinTCP. */
class VenueSessionTest {

    static final long SECOND = 1_000_000_000L;

    final TestClock clock = new TestClock();
    final Recording itch = new Recording();
    final List<long[]> packets = new ArrayList<>();
    final ByteBuffer rx = ByteBuffer.allocateDirect(1 << 16);
    final MemorySegment rxSegment = MemorySegment.ofBuffer(rx);
    final MoldPacket header = new MoldPacket();
    DatagramChannel itchSink;
    Venue venue;

    @BeforeEach
    void setUp() throws IOException {
        itchSink = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        itchSink.configureBlocking(false);
        VenueConfig config = VenueConfig.loopback(List.of(new VenueConfig.Symbol("AAPL", 1_000_000, 100),
                        new VenueConfig.Symbol("MSFT", 4_000_000, 100)), (InetSocketAddress) itchSink.getLocalAddress())
                .withBackground(new VenueConfig.Background(0, 5, 100, 2, 3));
        venue = Venue.start(config, clock);
    }

    @AfterEach
    void tearDown() throws IOException {
        venue.stop();
        itchSink.close();
    }

    /** Reads the packets waiting (bounded wait for the first): {sequence, count} each; messages into {@link #itch}. */
    void drain() throws Exception {
        for (int i = 0; i < 200; i++) {
            rx.clear();
            if (itchSink.receive(rx) == null) {
                if (!packets.isEmpty() && i > 0) {
                    return;
                }
                Thread.sleep(1);
                continue;
            }
            header.wrap(rxSegment, 0);
            packets.add(new long[] {header.sequenceNumber(), header.messageCount()});
            long position = MoldPacket.HEADER_LENGTH;
            for (int m = 0; m < header.messageCount() && header.messageCount() != MoldPacket.END_OF_SESSION; m++) {
                int length = Short.toUnsignedInt(rxSegment.get(dev.hft.wire.net.BigEndian.U16, position));
                itch.recordItch(rxSegment, position + 2, length);
                position += 2 + length;
            }
        }
    }

    @Test
    void startOfDayHeartbeatsAndEndOfSession() throws Exception {
        drain();
        assertEquals(List.of("S O", "S S", "S Q", "R 1 AAPL", "R 2 MSFT", "H 1 T", "H 2 T"), itch.itchOther);
        assertEquals(2, itch.itch.size());
        assertEquals(1, packets.get(0)[0]);
        assertEquals(9, packets.get(0)[1]);
        packets.clear();

        clock.advance(SECOND - 1);
        venue.pollOnce();
        clock.advance(1);
        venue.pollOnce();
        drain();
        assertEquals(1, packets.size());
        assertEquals(10, packets.get(0)[0]);
        assertEquals(MoldPacket.HEARTBEAT, packets.get(0)[1]);
        assertEquals(1, venue.itchHeartbeats());
        packets.clear();

        venue.stop();
        drain();
        assertEquals(List.of("S M", "S E", "S C"), itch.itchOther.subList(7, 10));
        assertEquals(2, packets.size());
        assertEquals(10, packets.get(0)[0]);
        assertEquals(3, packets.get(0)[1]);
        assertEquals(13, packets.get(1)[0]);
        assertEquals(MoldPacket.END_OF_SESSION, packets.get(1)[1]);
        assertEquals(12, venue.itchMessagesPublished());
    }

    @Test
    void runPollsUntilToldAndThenEndsTheDay() throws Exception {
        int[] polls = {0};
        venue.run(() -> polls[0]++ < 50, new org.agrona.concurrent.NoOpIdleStrategy());
        drain();
        assertEquals(51, polls[0]);
        long[] last = packets.get(packets.size() - 1);
        assertEquals(MoldPacket.END_OF_SESSION, last[1]);
        assertEquals(venue.itchMessagesPublished() + 1, last[0]);
    }

    @Test
    void malformedOuchOverSoupBinTcpIsCountedAndTheSessionGoesOn() throws Exception {
        Recording received = new Recording();
        SoupClient client = new SoupClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), venue.soupPort(0)),
                "TRADER", "secret", "", 1, clock::nanoTime, 15 * SECOND, 0,
                (sequence, segment, offset, length) -> received.recordOuch(1, segment, offset, length));
        try (client) {
            for (int i = 0; i < 2000 && client.state() != SoupClient.State.LOGGED_IN; i++) {
                if (venue.pollOnce() + client.poll() == 0) {
                    Thread.sleep(1);
                }
            }
            Ouch o = new Ouch();
            long at = client.claimUnsequenced(48);
            MemorySegment.copy(o.enter("S1", 'B', 100, "AAPL", 900_000).segment(), 0, client.txSegment(), at, 48);
            at = client.claimUnsequenced(3);
            client.txSegment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, at, (byte) '?');
            at = client.claimUnsequenced(49);
            MemorySegment.copy(o.enter("S2", 'B', 100, "AAPL", 900_000).segment(), 0, client.txSegment(), at, 49);
            client.flush();
            for (int i = 0; i < 2000 && received.ouch.size() < 2; i++) {
                if (venue.pollOnce() + client.poll() == 0) {
                    Thread.sleep(1);
                }
            }
            assertEquals("1:S S", received.ouch.get(0));
            assertTrue(received.ouch.get(1).startsWith("1:A S2 B 100 AAPL 900000"), received.ouch.get(1));
            assertEquals(2, venue.ouchMalformed());
            assertEquals(1, venue.ordersReceived());
        }
    }
}
