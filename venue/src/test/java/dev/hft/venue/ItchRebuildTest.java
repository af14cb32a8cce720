package dev.hft.venue;

import static dev.hft.venue.MatchingEngine.ASK;
import static dev.hft.venue.MatchingEngine.BID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.hft.book.BookAnomaly;
import dev.hft.book.BookUpdater;
import dev.hft.book.OrderBook;
import dev.hft.book.OrderBooks;
import dev.hft.wire.itch.ItchDecoder;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.mold.MoldUdpFrameDecoder;

/**
 * The venue's ITCH over MoldUDP64 (loopback unicast), fed into dev.hft.book, rebuilds exactly the displayed
 * book of the venue's engine, while background flow and a UDP client's random enters, IOCs, hidden orders,
 * cancels, replaces and modifies run. Re-requests are answered with the same bytes.
 */
class ItchRebuildTest {

    static final List<VenueConfig.Symbol> SYMBOLS = List.of(new VenueConfig.Symbol("AAPL", 1_000_000, 100),
            new VenueConfig.Symbol("MSFT", 4_000_000, 100), new VenueConfig.Symbol("QQQ", 5_000_000, 500));

    final TestClock clock = new TestClock();
    final Ouch o = new Ouch();
    final OrderBooks books = OrderBooks.withOrderCapacity(1 << 14);
    final ItchDecoder itch = new ItchDecoder(new BookUpdater(books));
    final List<byte[]> firstMessages = new ArrayList<>();
    final ByteBuffer rx = ByteBuffer.allocateDirect(1 << 16);
    final MemorySegment rxSegment = MemorySegment.ofBuffer(rx);
    final MoldUdpFrameDecoder mold = new MoldUdpFrameDecoder();
    long nextSequence = 1;
    long gaps;
    DatagramChannel itchSink;
    Venue venue;
    UdpClient client;

    @AfterEach
    void tearDown() throws IOException {
        client.close();
        venue.stop();
        itchSink.close();
    }

    int drain() throws IOException {
        int n = 0;
        while (true) {
            rx.clear();
            if (itchSink.receive(rx) == null) {
                return n;
            }
            n++;
            mold.decodeMold(rxSegment, 0, rx.position(), (sequence, segment, offset, length) -> {
                if (sequence != nextSequence) {
                    gaps++;
                }
                nextSequence = sequence + 1;
                if (firstMessages.size() < 40) {
                    firstMessages.add(segment.asSlice(offset, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                }
                itch.decode(segment, offset, length);
            });
        }
    }

    /** Sends one client message and polls until the venue has decoded it (bounded). */
    void sendAndWait(dev.hft.wire.ouch.OuchFlyweight message) throws Exception {
        long before = venue.ouchDecoded();
        client.send(message);
        for (int i = 0; i < 1000 && venue.ouchDecoded() == before; i++) {
            if (venue.pollOnce() == 0) {
                Thread.sleep(1);
            }
        }
        assertEquals(before + 1, venue.ouchDecoded());
    }

    @Test
    void theItchStreamRebuildsTheEnginesDisplayedBook() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        itchSink = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
        itchSink.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 22);
        itchSink.configureBlocking(false);
        VenueConfig config = VenueConfig.loopback(SYMBOLS, (InetSocketAddress) itchSink.getLocalAddress())
                .withBackground(new VenueConfig.Background(2_000, 8, 300, 100, 3));
        venue = Venue.start(config, clock);
        client = new UdpClient(venue.ouchUdpPort());

        SplittableRandom random = new SplittableRandom(5);
        List<String> tokens = new ArrayList<>();
        for (int round = 0; round < 400; round++) {
            clock.advance(5_000_000);
            VenueConfig.Symbol symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
            int price = symbol.referencePrice() + (random.nextInt(13) - 6) * symbol.tick();
            int shares = 100 * (1 + random.nextInt(8));
            String old = tokens.isEmpty() ? "NONE" : tokens.get(random.nextInt(tokens.size()));
            int kind = random.nextInt(20);
            if (kind < 11) {
                String token = "R" + round;
                tokens.add(token);
                char side = random.nextBoolean() ? 'B' : (random.nextBoolean() ? 'S' : 'T');
                char display = "YYYAN".charAt(random.nextInt(5));
                sendAndWait(o.enter(token, side, shares, symbol.stock(), price,
                        random.nextInt(4) == 0 ? Ouch.IOC : Ouch.DAY, display));
            } else if (kind < 14) {
                sendAndWait(o.cancel(old, random.nextBoolean() ? 0 : 100));
            } else if (kind < 18) {
                String token = "R" + round;
                tokens.add(token);
                sendAndWait(o.replace(old, token, shares, price, Ouch.DAY, random.nextInt(4) == 0 ? 'A' : 'Y'));
            } else {
                sendAndWait(o.modify(old, 'S', 100));
            }
            drain();
        }
        for (int i = 0; i < 20; i++) {
            venue.pollOnce();
            drain();
            Thread.sleep(1);
        }

        assertEquals(0, gaps);
        assertEquals(venue.itchMessagesPublished(), nextSequence - 1);
        for (BookAnomaly anomaly : BookAnomaly.values()) {
            assertEquals(0, books.anomalies(anomaly), anomaly.name());
        }
        MatchingEngine engine = venue.engine();
        int compared = 0;
        for (int s = 0; s < SYMBOLS.size(); s++) {
            OrderBook book = books.book(s + 1);
            assertEquals(SYMBOLS.get(s).stock(), book.name());
            for (int side : new int[] {BID, ASK}) {
                int rank = 0;
                for (int level = 0; level < engine.levelCount(s, side); level++) {
                    long displayed = engine.levelDisplayedShares(s, side, level);
                    if (displayed == 0) {
                        continue;
                    }
                    assertEquals(engine.levelPrice(s, side, level), book.price(side, rank), "price " + s + "/" + side + "/" + rank);
                    assertEquals(displayed, book.shares(side, rank), "shares " + s + "/" + side + "/" + rank);
                    rank++;
                    compared++;
                }
                assertEquals(rank, book.levelCount(side));
            }
        }
        assertTrue(compared > 20, "compared " + compared + " levels");
        assertTrue(venue.executions() > 0);
        for (char type : "AFEXDUP".toCharArray()) {
            assertTrue(itch.count((byte) type) > 0, "no ITCH " + type + " in the run");
        }
        assertRetransmissionMatches();
    }

    private void assertRetransmissionMatches() throws Exception {
        try (DatagramChannel requester = DatagramChannel.open()) {
            requester.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            requester.configureBlocking(false);
            ByteBuffer request = ByteBuffer.allocateDirect(MoldPacket.HEADER_LENGTH);
            MoldPacket.writeHeader(MemorySegment.ofBuffer(request), 0, MoldPacket.session("VENUE"), 5, 30);
            requester.send(request, new InetSocketAddress(InetAddress.getLoopbackAddress(), venue.itchRequestPort()));
            ByteBuffer reply = ByteBuffer.allocateDirect(2048);
            MemorySegment replySegment = MemorySegment.ofBuffer(reply);
            for (int i = 0; i < 1000 && reply.position() == 0; i++) {
                venue.pollOnce();
                if (requester.receive(reply) == null) {
                    Thread.sleep(1);
                }
            }
            List<byte[]> replayed = new ArrayList<>();
            long[] first = {-1};
            mold.decodeMold(replySegment, 0, reply.position(), (sequence, segment, offset, length) -> {
                if (first[0] < 0) {
                    first[0] = sequence;
                }
                replayed.add(segment.asSlice(offset, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            });
            assertEquals(5, first[0]);
            assertTrue(replayed.size() >= 10, "replayed " + replayed.size());
            for (int i = 0; i < replayed.size(); i++) {
                assertArrayEquals(firstMessages.get(4 + i), replayed.get(i), "message " + (5 + i));
            }
            assertEquals(1, venue.itchRequestsServed());
        }
    }
}
