package dev.hft.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.hft.egress.UdpOrderTransport;
import dev.hft.wire.ouch.EnterOrder;

/** OUCH over UDP (MoldUDP64-framed) on loopback: trading, positions, and hostile datagrams counted and skipped. */
class VenueUdpTest {

    final TestClock clock = new TestClock();
    final Ouch o = new Ouch();
    DatagramChannel itchSink;
    Venue venue;
    UdpClient client;

    @BeforeEach
    void setUp() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        itchSink = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
        VenueConfig config = VenueConfig.loopback(List.of(new VenueConfig.Symbol("AAPL", 1_000_000, 100)),
                        (InetSocketAddress) itchSink.getLocalAddress())
                .withBackground(new VenueConfig.Background(0, 5, 100, 40, 11));
        venue = Venue.start(config, clock);
        client = new UdpClient(venue.ouchUdpPort());
    }

    @AfterEach
    void tearDown() throws IOException {
        client.close();
        venue.stop();
        itchSink.close();
    }

    int account() throws IOException {
        return venue.udpAccount(client.address());
    }

    void pollUntil(BooleanSupplier done) throws Exception {
        for (int i = 0; i < 2000 && !done.getAsBoolean(); i++) {
            int work = venue.pollOnce();
            work += client.poll(Math.max(0, account()));
            if (work == 0) {
                Thread.sleep(1);
            }
        }
        assertTrue(done.getAsBoolean(), "condition not reached; received " + client.received.ouch);
    }

    @Test
    void anOrderCrossingRestingLiquidityIsAcceptedThenExecutedAndPositionsAgree() throws Exception {
        int bestAsk = venue.engine().levelPrice(0, MatchingEngine.ASK, 0);
        long askShares = venue.engine().levelShares(0, MatchingEngine.ASK, 0);

        client.send(o.enter("U1", 'B', (int) askShares, "AAPL", bestAsk, Ouch.DAY, 'Y'));
        pollUntil(() -> client.received.ouch.stream().mapToLong(VenueUdpTest::executedShares).sum() == askShares);

        int account = account();
        assertEquals(2, account);
        List<String> ouch = client.received.ouch;
        assertEquals(account + ":S S", ouch.get(0));
        assertTrue(ouch.get(1).startsWith(account + ":A U1 B " + askShares + " AAPL " + bestAsk), ouch.get(1));
        assertEquals(askShares, venue.position(account, "AAPL"));
        assertEquals(-askShares, venue.position(MatchingEngine.BACKGROUND_ACCOUNT, "AAPL"));
        assertEquals(ouch.size() - 2, venue.executions());
    }

    @Test
    void framesFromTheEgressUdpTransportAreTaken() throws Exception {
        int bestAsk = venue.engine().levelPrice(0, MatchingEngine.ASK, 0);
        try (UdpOrderTransport transport = new UdpOrderTransport(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), venue.ouchUdpPort()), "STRAT")) {
            assertTrue(transport.beginFrame());
            long at = transport.append(EnterOrder.LENGTH);
            MemorySegment.copy(o.enter("E1", 'B', 100, "AAPL", 900_000).segment(), 0, transport.segment(), at,
                    EnterOrder.LENGTH);
            at = transport.append(EnterOrder.LENGTH);
            MemorySegment.copy(o.enter("E2", 'B', 100, "AAPL", bestAsk).segment(), 0, transport.segment(), at,
                    EnterOrder.LENGTH);
            assertTrue(transport.flush() > 0);
            pollUntil(() -> venue.accepted() == 2);
        }
        assertEquals(100, venue.position(2, "AAPL"));
        MatchingEngine engine = venue.engine();
        assertEquals(900_000, engine.levelPrice(0, MatchingEngine.BID, engine.levelCount(0, MatchingEngine.BID) - 1));
    }

    @Test
    void garbageTakesNoSlotAndAnIdleSlotExpiresWithItsOrdersCancelled() throws Exception {
        List<UdpClient> noise = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                UdpClient c = new UdpClient(venue.ouchUdpPort());
                noise.add(c);
                c.sendDatagram(new byte[] {7});
            }
            for (int i = 0; i < 50; i++) {
                venue.pollOnce();
                Thread.sleep(1);
            }
            assertEquals(0, venue.udpAccountsUsed(), "one-byte datagrams from 20 ports take none of the 16 slots");
        } finally {
            for (UdpClient c : noise) {
                c.close();
            }
        }
        client.send(o.enter("U1", 'B', 100, "AAPL", 900_000, Ouch.DAY, 'Y'));
        pollUntil(() -> client.received.ouch.size() == 2);
        int account = account();
        assertEquals(1, venue.engine().liveOrders(account));
        clock.advance(31_000_000_000L);
        venue.pollOnce();
        assertEquals(1, venue.udpExpired());
        assertEquals(0, venue.engine().liveOrders(account), "the expired slot's orders are cancelled");
        assertEquals(-1, account(), "the slot is free");
        client.send(o.enter("U2", 'B', 100, "AAPL", 900_000, Ouch.DAY, 'Y'));
        InetSocketAddress me = client.address();
        pollUntil(() -> venue.udpAccount(me) >= 0 && venue.engine().liveOrders(venue.udpAccount(me)) == 1);
        assertTrue(account() > account, "a sender back after expiry is a new account: positions never carry over");
    }

    static long executedShares(String line) {
        return line.contains(":E ") ? Long.parseLong(line.split(" ")[2]) : 0;
    }

    @Test
    void hostileDatagramsAndMessagesAreCountedAndSkipped() throws Exception {
        client.send(o.enter("U1", 'B', 100, "AAPL", 900_000));
        pollUntil(() -> client.received.ouch.size() == 2);
        byte[] first = client.lastDatagram.clone();

        client.sendDatagram(new byte[] {1, 2, 3, 4, 5});
        byte[] overrun = first.clone();
        overrun[19] = 3;
        client.sendDatagram(overrun);
        client.sendRaw(MemorySegment.ofArray(new byte[] {'Q', 0, 0, 0, 0, 0, 0, 0, 0, 0}), 10);
        EnterOrder shortEnter = o.enter("U2", 'B', 100, "AAPL", 900_000);
        client.sendRaw(shortEnter.segment(), EnterOrder.LENGTH - 1);
        client.sendDatagram(first);
        client.send(o.enter("U3", 'B', 100, "AAPL", 900_000));
        pollUntil(() -> client.received.ouch.size() == 3);

        assertTrue(client.received.ouch.get(2).startsWith(account() + ":A U3 B 100"), client.received.ouch.get(2));
        assertEquals(2, venue.udpBadFrames());
        assertEquals(2, venue.ouchMalformed());
        assertEquals(1, venue.udpDuplicates());
        assertEquals(2, venue.ordersReceived());
        assertEquals(2, venue.accepted());
    }
}
