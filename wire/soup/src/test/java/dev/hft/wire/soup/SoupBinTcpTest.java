package dev.hft.wire.soup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Client and server on loopback, stepped on the test thread with an injected clock and bounded loops. */
class SoupBinTcpTest {

    static final long SECOND = 1_000_000_000L;
    static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    final CachedNanoClock clock = new CachedNanoClock();
    final Received received = new Received();
    final List<String> unsequenced = new ArrayList<>();
    SoupServer server;
    SoupClient client;

    /** Everything the client reported, in order. */
    static final class Received implements SoupClient.Listener {
        final List<Long> sequences = new ArrayList<>();
        final List<String> payloads = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void onSequencedData(long sequence, MemorySegment segment, long offset, int length) {
            sequences.add(sequence);
            payloads.add(new String(segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII));
        }

        @Override
        public void onLoginAccepted(String session, long nextSequence) {
            events.add("accepted " + session + " " + nextSequence);
        }

        @Override
        public void onLoginRejected(byte reasonCode) {
            events.add("rejected " + (char) reasonCode);
        }

        @Override
        public void onEndOfSession() {
            events.add("end of session");
        }

        @Override
        public void onDisconnected() {
            events.add("disconnected");
        }
    }

    @AfterEach
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    final List<Integer> sessionsEnded = new ArrayList<>();

    void startServer() throws IOException {
        startServer(SoupServer.Options.DEFAULTS);
    }

    void startServer(SoupServer.Options options) throws IOException {
        server = new SoupServer(ANY, "SESS1", "user", "secret", clock, 15 * SECOND, new SoupServer.Listener() {
            @Override
            public void onUnsequencedData(int peer, MemorySegment segment, long offset, int length) {
                unsequenced.add(new String(segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII));
            }

            @Override
            public void onSessionEnded(int peer) {
                sessionsEnded.add(peer);
            }
        }, options);
    }

    SoupClient client(String password, String session, long next) {
        return new SoupClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), "user", password,
                session, next, clock, 3 * SECOND, 0, received);
    }

    void publish(String... messages) {
        for (String m : messages) {
            server.publish(MemorySegment.ofArray(m.getBytes(StandardCharsets.US_ASCII)), 0, m.length());
        }
    }

    /** Polls both sides until {@code done}, at most 4000 rounds of 50 µs pauses; fails if it never happens. */
    void pumpUntil(BooleanSupplier done) {
        for (int i = 0; i < 4000; i++) {
            if (server != null) {
                server.poll();
            }
            client.poll();
            if (done.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(50_000);
        }
        throw new AssertionError("condition not reached; client " + client.state() + ", events " + received.events);
    }

    @Test
    void loginAcceptedThenSequencedMessagesInOrderWithTheirNumbers() throws IOException {
        startServer();
        publish("one", "two", "three");
        client = client("secret", "", 1);
        pumpUntil(() -> received.sequences.size() == 3);
        publish("four", "five");
        pumpUntil(() -> received.sequences.size() == 5);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), received.sequences);
        assertEquals(List.of("one", "two", "three", "four", "five"), received.payloads);
        assertEquals(List.of("accepted SESS1 1"), received.events);
        assertEquals("SESS1", client.session());
        assertEquals(6, client.nextSequence());
    }

    @Test
    void loginRejectedForBadPasswordAndUnknownSession() throws IOException {
        startServer(new SoupServer.Options(8, 4096, 32 * 1024, 5 * SECOND, 0, 0, 1 << 20));
        client = client("wrong", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.CLOSED);
        client = client("secret", "OTHER", 1);
        pumpUntil(() -> client.state() == SoupClient.State.CLOSED);
        assertEquals(List.of("rejected A", "rejected S"), received.events);
        assertEquals(2, server.loginsRejected());
        assertEquals(0, server.loginsAccepted());
    }

    @Test
    void aFailedLoginLocksItsAddressOutForADoublingTime() throws IOException {
        startServer();
        client = client("wrong", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.CLOSED);
        client = client("secret", "", 1);
        pumpUntil(() -> server.loginsThrottled() == 1);
        assertEquals(0, server.loginsAccepted(), "closed unread, even with the right password, while locked out");
        client.close();
        clock.advance(SECOND / 10 + 1);
        client = client("secret", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.LOGGED_IN);
        assertEquals(1, server.loginsRejected());
    }

    @Test
    void oneLiveSessionAtATimeAndItsEndIsReported() throws IOException {
        startServer();
        client = client("secret", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.LOGGED_IN);
        SoupClient first = client;
        client = client("secret", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.CLOSED);
        assertEquals(List.of("accepted SESS1 1", "rejected S"), received.events, "a second login on the account is refused");
        assertEquals(1, server.loginsInUse());
        first.logout();
        client = first;
        pumpUntil(() -> sessionsEnded.size() == 1);
        client = client("secret", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.LOGGED_IN);
    }

    @Test
    void connectionsAreCappedAndMustLogInInTime() throws IOException {
        startServer(SoupServer.Options.DEFAULTS.withMaxConnections(2));
        java.nio.channels.SocketChannel a = java.nio.channels.SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        java.nio.channels.SocketChannel b = java.nio.channels.SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        for (int i = 0; i < 2000 && server.connectionsRefused() == 0; i++) {
            server.poll();
            LockSupport.parkNanos(50_000);
        }
        assertEquals(2, server.connections());
        assertEquals(1, server.connectionsRefused(), "the third is closed at once");
        clock.advance(5 * SECOND + 1);
        server.poll();
        assertEquals(0, server.connections(), "neither logged in within 5 s");
        assertEquals(2, server.loginTimeouts());
        a.close();
        b.close();
        c.close();
    }

    @Test
    void theStoreIsBoundedAndKeepsEveryMessageItTook() throws IOException {
        startServer(SoupServer.Options.DEFAULTS.withStoreBytes(1));
        byte[] message = new byte[1000];
        long last = 0;
        for (int i = 0; i < 2000; i++) {
            long sequence = server.publish(MemorySegment.ofArray(message), 0, message.length);
            if (sequence < 0) {
                break;
            }
            last = sequence;
        }
        assertEquals(1048, last, "one 1 MiB chunk of 1000-byte messages");
        assertEquals(1, server.storeFull());
        client = client("secret", "", 1000);
        pumpUntil(() -> received.sequences.size() == 49);
        assertEquals(1000L, received.sequences.get(0), "re-requests are served from the store");
    }

    @Test
    void heartbeatsFlowBothWaysAndSilenceDropsTheLink() throws IOException {
        startServer();
        client = client("secret", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.LOGGED_IN);
        for (int i = 0; i < 5; i++) {
            clock.advance(SECOND + SECOND / 10);
            long serverBeats = server.heartbeatsSent();
            long clientBeats = client.heartbeatsSent();
            pumpUntil(() -> server.heartbeatsSent() > serverBeats && client.heartbeatsSent() > clientBeats);
        }
        assertEquals(SoupClient.State.LOGGED_IN, client.state());
        assertEquals(0, client.timeouts());
        assertEquals(0, server.timeouts());
        assertEquals(List.of("accepted SESS1 1"), received.events);
    }

    @Test
    void silenceIsDetectedOnBothSides() throws IOException {
        startServer();
        client = client("secret", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.LOGGED_IN);
        clock.advance(3 * SECOND + 1);
        client.poll();
        assertEquals(1, client.timeouts());
        assertEquals(SoupClient.State.DISCONNECTED, client.state());

        client = client("secret", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.LOGGED_IN && server.connections() == 1);
        clock.advance(15 * SECOND + 1);
        server.poll();
        assertEquals(1, server.timeouts());
        assertEquals(0, server.connections());
    }

    @Test
    void theServerCountsGarbageAndDataBeforeLogin() throws IOException {
        startServer();
        try (SocketChannel raw = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()))) {
            raw.write(ByteBuffer.wrap(concat(packet('Q', "xyz"), packet('U', "early"), packet('L', "short"))));
            for (int i = 0; i < 4000 && server.garbage() < 3; i++) {
                server.poll();
                LockSupport.parkNanos(50_000);
            }
        }
        assertEquals(3, server.garbage());
        assertEquals(List.of(), unsequenced);
        assertEquals(0, server.loginsAccepted());
    }

    @Test
    void reconnectResumesAtTheNextSequenceWithoutLossOrDuplicate() throws IOException {
        startServer();
        publish("m1", "m2", "m3");
        client = client("secret", "", 1);
        pumpUntil(() -> received.sequences.size() == 3);
        server.dropConnections();
        publish("m4", "m5", "m6");
        pumpUntil(() -> received.sequences.size() == 6);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), received.sequences);
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5", "m6"), received.payloads);
        assertEquals(List.of("accepted SESS1 1", "disconnected", "accepted SESS1 4"), received.events);
        assertEquals(2, client.connects());
    }

    @Test
    void unsequencedDataReachesTheServerAndLogoutEndsTheConnection() throws IOException {
        startServer();
        client = client("secret", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.LOGGED_IN);
        for (String m : List.of("alpha", "beta")) {
            long at = client.claimUnsequenced(m.length());
            MemorySegment.copy(MemorySegment.ofArray(m.getBytes(StandardCharsets.US_ASCII)), 0, client.txSegment(), at, m.length());
        }
        client.flush();
        pumpUntil(() -> unsequenced.size() == 2);
        assertEquals(List.of("alpha", "beta"), unsequenced);

        client.logout();
        assertEquals(SoupClient.State.CLOSED, client.state());
        pumpUntil(() -> server.connections() == 0);
        assertEquals(-1, client.claimUnsequenced(1));
        assertEquals(List.of("accepted SESS1 1"), received.events);
    }

    @Test
    void endOfSessionClosesTheClientForGood() throws IOException {
        startServer();
        publish("last");
        server.endSession();
        client = client("secret", "", 1);
        pumpUntil(() -> client.state() == SoupClient.State.CLOSED);
        assertEquals(List.of("last"), received.payloads);
        assertEquals(List.of("accepted SESS1 1", "end of session"), received.events);
    }

    @Test
    void packetsSplitAcrossReadsAndManyPerReadAreReassembledAndGarbageIsCounted() throws IOException {
        try (ServerSocketChannel fake = ServerSocketChannel.open().bind(ANY)) {
            client = new SoupClient((InetSocketAddress) fake.getLocalAddress(), "user", "secret", "", 7, clock,
                    3 * SECOND, 0, received);
            client.poll();
            SocketChannel venue = fake.accept();
            pumpUntil(() -> client.state() == SoupClient.State.LOGGING_IN);
            ByteBuffer login = ByteBuffer.allocate(49);
            while (login.hasRemaining()) {
                venue.read(login);
            }
            assertEquals(new String(packet('L', "user  " + "secret    " + "          " + " ".repeat(19) + "7"),
                    StandardCharsets.US_ASCII), new String(login.array(), StandardCharsets.US_ASCII));

            byte[] stream = concat(packet('A', "     FAKE1" + " ".repeat(19) + "7"), packet('S', "abc"),
                    packet('Q', "junk"), packet('S', "defg"), packet('H', ""), packet('S', "h"));
            for (byte b : stream) {
                venue.write(ByteBuffer.wrap(new byte[] {b}));
                client.poll();
            }
            pumpUntil(() -> received.sequences.size() == 3);
            venue.write(ByteBuffer.wrap(concat(packet('S', "i"), packet('S', "jk"), packet('S', "lmn"))));
            pumpUntil(() -> received.sequences.size() == 6);
            assertEquals(List.of(7L, 8L, 9L, 10L, 11L, 12L), received.sequences);
            assertEquals(List.of("abc", "defg", "h", "i", "jk", "lmn"), received.payloads);
            assertEquals(1, client.garbage());

            venue.write(ByteBuffer.wrap(new byte[] {0, 0, 'S'}));
            pumpUntil(() -> client.state() == SoupClient.State.DISCONNECTED);
            assertEquals(2, client.garbage());
            venue.close();
        }
    }

    @Test
    void aLoginAnsweredWithAnotherSequenceThanAskedEndsTheClientForGood() throws IOException {
        try (ServerSocketChannel fake = ServerSocketChannel.open().bind(ANY)) {
            List<String> mismatches = new ArrayList<>();
            client = new SoupClient((InetSocketAddress) fake.getLocalAddress(), "user", "secret", "S1", 501, clock,
                    3 * SECOND, 0, new SoupClient.Listener() {
                        @Override
                        public void onSequencedData(long sequence, java.lang.foreign.MemorySegment segment, long offset, int length) {
                            mismatches.add("data " + sequence);
                        }

                        @Override
                        public void onSequenceMismatch(long requested, long offered) {
                            mismatches.add("asked " + requested + " offered " + offered);
                        }
                    });
            client.poll();
            SocketChannel venue = fake.accept();
            pumpUntil(() -> client.state() == SoupClient.State.LOGGING_IN);
            venue.write(ByteBuffer.wrap(concat(packet('A', "        S1" + " ".repeat(19) + "2"), packet('S', "x"))));
            pumpUntil(() -> client.state() == SoupClient.State.CLOSED);
            assertEquals(List.of("asked 501 offered 2"), mismatches, "a venue that lost the session's messages: never read on");
            venue.close();
        }
    }

    static byte[] packet(char type, String payload) {
        byte[] p = new byte[3 + payload.length()];
        p[0] = (byte) ((payload.length() + 1) >> 8);
        p[1] = (byte) (payload.length() + 1);
        p[2] = (byte) type;
        System.arraycopy(payload.getBytes(StandardCharsets.US_ASCII), 0, p, 3, payload.length());
        return p;
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
