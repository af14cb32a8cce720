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
import org.junit.jupiter.api.Test;

import dev.hft.wire.ouch.EnterOrder;
import dev.hft.wire.soup.SoupClient;

/** A SoupBinTCP client trades against the background liquidity over loopback TCP, stepped on the test thread. */
class VenueSoupTest {

    static final long SECOND = 1_000_000_000L;

    final TestClock clock = new TestClock();
    final Recording received = new Recording();
    final List<Long> sequences = new ArrayList<>();
    DatagramChannel itchSink;
    Venue venue;
    SoupClient client;

    final SoupClient.Listener listener = new SoupClient.Listener() {
        @Override
        public void onSequencedData(long sequence, MemorySegment segment, long offset, int length) {
            sequences.add(sequence);
            received.recordOuch(1, segment, offset, length);
        }
    };

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.close();
        }
        if (venue != null) {
            venue.stop();
        }
        itchSink.close();
    }

    Venue startVenue() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        itchSink = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
        VenueConfig config = VenueConfig.loopback(List.of(new VenueConfig.Symbol("AAPL", 1_000_000, 100)),
                        (InetSocketAddress) itchSink.getLocalAddress())
                .withBackground(new VenueConfig.Background(0, 5, 100, 40, 7));
        return Venue.start(config, clock);
    }

    SoupClient connect(String session, long next) {
        return new SoupClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), venue.soupPort(0)), "TRADER",
                "secret", session, next, clock::nanoTime, 15 * SECOND, 0, listener);
    }

    /** Polls venue and client until {@code done}, at most 2000 rounds, pausing 1 ms when neither did anything. */
    void pollUntil(BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 2000 && !done.getAsBoolean(); i++) {
            if (venue.pollOnce() + client.poll() == 0) {
                Thread.sleep(1);
            }
        }
        assertTrue(done.getAsBoolean(), "condition not reached; received " + received.ouch);
    }

    @Test
    void anOrderCrossingRestingLiquidityIsAcceptedThenExecutedAndPositionsAgree() throws Exception {
        venue = startVenue();
        int bestAsk = venue.engine().levelPrice(0, MatchingEngine.ASK, 0);
        long askShares = venue.engine().levelShares(0, MatchingEngine.ASK, 0);
        client = connect("", 1);
        pollUntil(() -> client.state() == SoupClient.State.LOGGED_IN);

        int shares = (int) askShares + 100;
        long at = client.claimUnsequenced(EnterOrder.LENGTH);
        MemorySegment.copy(new Ouch().enter("T1", 'B', shares, "AAPL", bestAsk, Ouch.IOC, 'Y').segment(), 0,
                client.txSegment(), at, EnterOrder.LENGTH);
        client.flush();
        pollUntil(() -> received.ouch.stream().anyMatch(s -> s.startsWith("1:C T1")));

        List<String> ouch = received.ouch;
        assertEquals("1:S S", ouch.get(0));
        assertTrue(ouch.get(1).startsWith("1:A T1 B " + shares + " AAPL " + bestAsk), ouch.get(1));
        long executed = 0;
        for (String line : ouch.subList(2, ouch.size() - 1)) {
            assertTrue(line.startsWith("1:E T1 ") && line.contains(" " + bestAsk + " R "), line);
            executed += Long.parseLong(line.split(" ")[2]);
        }
        assertEquals(askShares, executed);
        assertEquals("1:C T1 100 I", ouch.get(ouch.size() - 1));
        assertEquals(executed, venue.position(Venue.soupAccount(0), "AAPL"));
        assertEquals(-executed, venue.position(MatchingEngine.BACKGROUND_ACCOUNT, "AAPL"));
        assertEquals(1, venue.ordersReceived());
        assertEquals(1, venue.accepted());
        assertEquals(ouch.size() - 3, venue.executions());
        assertEquals(executed, venue.sharesTraded());

        int total = ouch.size();
        client.close();
        received.clear();
        sequences.clear();
        client = connect("OUCH", 2);
        pollUntil(() -> received.ouch.size() == total - 1);
        assertEquals(sequences.get(0), 2L);
        assertTrue(received.ouch.get(0).startsWith("1:A T1 "), received.ouch.get(0));
    }

    @Test
    void aDroppedSessionCancelsTheAccountsOrdersAndTheNextLoginHearsOfIt() throws Exception {
        venue = startVenue();
        int farBid = venue.engine().levelPrice(0, MatchingEngine.BID, 0) - 1_000;
        client = connect("", 1);
        pollUntil(() -> client.state() == SoupClient.State.LOGGED_IN);
        for (String token : new String[] {"R1", "R2"}) {
            long at = client.claimUnsequenced(EnterOrder.LENGTH);
            MemorySegment.copy(new Ouch().enter(token, 'B', 100, "AAPL", farBid, Ouch.DAY, 'Y').segment(), 0,
                    client.txSegment(), at, EnterOrder.LENGTH);
        }
        client.flush();
        pollUntil(() -> venue.engine().liveOrders(Venue.soupAccount(0)) == 2 && received.ouch.size() == 3);
        SoupClient second = connect("", 1);
        for (int i = 0; i < 200 && second.state() != SoupClient.State.CLOSED; i++) {
            venue.pollOnce();
            second.poll();
            Thread.sleep(1);
        }
        assertEquals(SoupClient.State.CLOSED, second.state(), "a second login on the account is refused");
        assertEquals(2, venue.engine().liveOrders(Venue.soupAccount(0)), "and ends nothing of the live session");

        client.close();
        for (int i = 0; i < 200 && venue.engine().liveOrders(Venue.soupAccount(0)) > 0; i++) {
            venue.pollOnce();
            Thread.sleep(1);
        }
        assertEquals(0, venue.engine().liveOrders(Venue.soupAccount(0)), "cancel on disconnect");
        assertEquals(2, venue.engine().canceledOnDisconnect(Venue.soupAccount(0)));
        received.clear();
        client = connect("OUCH", 4);
        pollUntil(() -> received.ouch.size() == 2);
        assertEquals(List.of("1:C R1 100 Z", "1:C R2 100 Z"), received.ouch, "waiting in the session for the next login");
    }

    @Test
    void endOfDayReachesTheClient() throws Exception {
        venue = startVenue();
        client = connect("", 1);
        pollUntil(() -> client.state() == SoupClient.State.LOGGED_IN && !received.ouch.isEmpty());
        venue.stop();
        for (int i = 0; i < 2000 && received.ouch.size() < 2; i++) {
            if (client.poll() == 0) {
                Thread.sleep(1);
            }
        }
        assertEquals(List.of("1:S S", "1:S E"), received.ouch);
    }
}
