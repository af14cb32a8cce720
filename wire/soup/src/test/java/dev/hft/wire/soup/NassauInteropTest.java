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

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

import com.paritytrading.nassau.soupbintcp.SoupBinTCP;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPClient;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPClientStatusListener;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPServer;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPServerStatusListener;

/** Our client and server against paritytrading/nassau's, the peer Java SoupBinTCP 3.00 implementation. */
class NassauInteropTest {

    static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    interface Step {
        void run() throws IOException;
    }

    static void pumpUntil(BooleanSupplier done, Step step) throws IOException {
        for (int i = 0; i < 4000; i++) {
            step.run();
            if (done.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(50_000);
        }
        throw new AssertionError("condition not reached");
    }

    static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void nassauClientLogsIntoOurServerAndExchangesData() throws IOException {
        List<String> toServer = new ArrayList<>();
        List<String> toClient = new ArrayList<>();
        List<String> status = new ArrayList<>();
        try (SoupServer server = new SoupServer(ANY, "SESS1", "user", "secret", new SystemNanoClock(), 15_000_000_000L,
                (peer, segment, offset, length) -> toServer.add(new String(
                        segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII)))) {
            server.publish(MemorySegment.ofArray("one".getBytes(StandardCharsets.US_ASCII)), 0, 3);
            server.publish(MemorySegment.ofArray("two".getBytes(StandardCharsets.US_ASCII)), 0, 3);
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            channel.configureBlocking(false);
            SoupBinTCPClient client = new SoupBinTCPClient(channel, buffer -> toClient.add(text(buffer)),
                    new SoupBinTCPClientStatusListener() {
                        @Override public void heartbeatTimeout(SoupBinTCPClient c) { status.add("timeout"); }
                        @Override public void loginAccepted(SoupBinTCPClient c, SoupBinTCP.LoginAccepted p) {
                            status.add("accepted " + p.getSession().strip() + " " + p.getSequenceNumber());
                        }
                        @Override public void loginRejected(SoupBinTCPClient c, SoupBinTCP.LoginRejected p) { status.add("rejected"); }
                        @Override public void endOfSession(SoupBinTCPClient c) { status.add("end"); }
                    });
            SoupBinTCP.LoginRequest login = new SoupBinTCP.LoginRequest();
            login.setUsername("user");
            login.setPassword("secret");
            login.setRequestedSession("");
            login.setRequestedSequenceNumber(2);
            client.login(login);
            pumpUntil(() -> toClient.size() == 1, () -> {
                server.poll();
                client.receive();
            });
            client.send(bytes("hello"));
            pumpUntil(() -> toServer.size() == 1, server::poll);
            assertEquals(List.of("accepted SESS1 2"), status);
            assertEquals(List.of("two"), toClient);
            assertEquals(List.of("hello"), toServer);
            client.close();
        }
    }

    @Test
    void ourClientLogsIntoNassauServerAndExchangesData() throws IOException {
        List<String> toServer = new ArrayList<>();
        List<String> logins = new ArrayList<>();
        List<String> toClient = new ArrayList<>();
        try (ServerSocketChannel acceptor = ServerSocketChannel.open().bind(ANY)) {
            SoupClient client = new SoupClient((InetSocketAddress) acceptor.getLocalAddress(), "user", "secret", "", 5,
                    new SystemNanoClock(), 15_000_000_000L, 0, (sequence, segment, offset, length) -> toClient.add(sequence
                            + " " + new String(segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII)));
            client.poll();
            SocketChannel channel = acceptor.accept();
            channel.configureBlocking(false);
            SoupBinTCPServer[] server = new SoupBinTCPServer[1];
            server[0] = new SoupBinTCPServer(channel, buffer -> toServer.add(text(buffer)), new SoupBinTCPServerStatusListener() {
                @Override public void heartbeatTimeout(SoupBinTCPServer s) { logins.add("timeout"); }
                @Override public void loginRequest(SoupBinTCPServer s, SoupBinTCP.LoginRequest p) throws IOException {
                    logins.add(p.getUsername().strip() + "/" + p.getPassword().strip() + "/'" + p.getRequestedSession().strip()
                            + "'/" + p.getRequestedSequenceNumber());
                    SoupBinTCP.LoginAccepted accepted = new SoupBinTCP.LoginAccepted();
                    accepted.setSession("NAS1");
                    accepted.setSequenceNumber(5);
                    s.accept(accepted);
                }
                @Override public void logoutRequest(SoupBinTCPServer s) { logins.add("logout"); }
            });
            pumpUntil(() -> client.state() == SoupClient.State.LOGGED_IN, () -> {
                client.poll();
                server[0].receive();
            });
            server[0].send(bytes("abc"));
            server[0].send(bytes("de"));
            long at = client.claimUnsequenced(3);
            MemorySegment.copy(MemorySegment.ofArray("xyz".getBytes(StandardCharsets.US_ASCII)), 0, client.txSegment(), at, 3);
            client.flush();
            pumpUntil(() -> toClient.size() == 2 && toServer.size() == 1, () -> {
                client.poll();
                server[0].receive();
            });
            assertEquals(List.of("user/secret/''/5"), logins);
            assertEquals("NAS1", client.session());
            assertEquals(List.of("5 abc", "6 de"), toClient);
            assertEquals(List.of("xyz"), toServer);
            client.logout();
            pumpUntil(() -> logins.contains("logout"), () -> server[0].receive());
            server[0].close();
        }
    }
}
