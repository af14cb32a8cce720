package dev.hft.wire.soup;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.agrona.concurrent.NanoClock;

/**
 * SoupBinTCP 3.00 server for the venue simulator and tests, driven by {@link #poll()} on one thread. It keeps
 * every Sequenced Data message of its one session in memory ({@link #publish}), checks credentials and the
 * requested session at login, streams each client from the sequence number it asked for (so a reconnecting
 * client resumes exactly), sends heartbeats after 1 s without sending, drops clients silent for longer than the
 * silence timeout, and sends End of Session after {@link #endSession()} once a client has caught up.
 *
 * <p>A requested sequence number of 0, or one beyond the last stored message, starts the client at the next new
 * message.
 */
public final class SoupServer implements AutoCloseable {

    /** Client messages, on the polling thread. */
    public interface Listener {

        /** An Unsequenced Data payload from client connection {@code peer}; valid only during the call. */
        void onUnsequencedData(int peer, MemorySegment segment, long offset, int length);
    }

    private static final int MAX_PACKETS_PER_POLL = 256;
    private static final Consumer<SelectionKey> READY = key -> { };

    private final ServerSocketChannel acceptor;
    /**
     * Tells whether a connection is pending: a non-blocking {@code accept()} allocates a descriptor and address arrays
     * even when there is nothing to accept, and the server is polled in a loop.
     */
    private final Selector acceptReady;
    private final String session;
    private final String username;
    private final String password;
    private final NanoClock clock;
    private final long silenceTimeoutNanos;
    private final Listener listener;
    private final List<Peer> peers = new ArrayList<>();

    private byte[] store = new byte[1 << 16];
    private MemorySegment storeSegment = MemorySegment.ofArray(store);
    private int[] ends = new int[1024];
    private int messages;
    private boolean ended;
    private int nextPeerId;
    private long garbage;
    private long loginsAccepted;
    private long loginsRejected;
    private long timeouts;
    private long heartbeatsSent;

    public SoupServer(InetSocketAddress bind, String session, String username, String password, NanoClock clock,
            long silenceTimeoutNanos, Listener listener) throws IOException {
        if (session.isBlank() || session.length() > SoupBinTcp.SESSION_LENGTH) {
            throw new IllegalArgumentException("session must be 1 to 10 characters");
        }
        this.session = session;
        this.username = username;
        this.password = password;
        this.clock = clock;
        this.silenceTimeoutNanos = silenceTimeoutNanos;
        this.listener = listener;
        this.acceptor = ServerSocketChannel.open();
        acceptor.configureBlocking(false);
        acceptor.bind(bind);
        this.acceptReady = Selector.open();
        acceptor.register(acceptReady, SelectionKey.OP_ACCEPT);
    }

    public int port() {
        try {
            return ((InetSocketAddress) acceptor.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("server socket is closed", e);
        }
    }

    /** Stores one Sequenced Data message for every client, present and future; returns its sequence number. */
    public long publish(MemorySegment segment, long offset, int length) {
        int start = messages == 0 ? 0 : ends[messages - 1];
        if (start + length > store.length) {
            store = Arrays.copyOf(store, Math.max(store.length * 2, start + length));
            storeSegment = MemorySegment.ofArray(store);
        }
        if (messages == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
        }
        MemorySegment.copy(segment, offset, storeSegment, start, length);
        ends[messages++] = start + length;
        return messages;
    }

    /** No more messages: each client gets End of Session once it has everything. */
    public void endSession() {
        ended = true;
    }

    /** Accepts, reads, streams, heartbeats and times out every client once; returns the work done. */
    public int poll() {
        long now = clock.nanoTime();
        int work = accept(now);
        for (int i = peers.size() - 1; i >= 0; i--) {
            Peer peer = peers.get(i);
            work += peer.poll(now);
            if (peer.connection.isClosed()) {
                garbage += peer.connection.unframeable();
                peers.remove(i);
            }
        }
        return work;
    }

    private int accept(long now) {
        try {
            if (acceptReady.selectNow(READY) == 0) {
                return 0;
            }
            SocketChannel channel = acceptor.accept();
            if (channel == null) {
                return 0;
            }
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            peers.add(new Peer(nextPeerId++, channel, now));
            return 1;
        } catch (IOException e) {
            return 0;
        }
    }

    /** One client connection: login state and the next sequence number to send it. */
    private final class Peer implements SoupConnection.PacketHandler {
        final int id;
        final SoupConnection connection = new SoupConnection(SoupClient.BUFFER_SIZE);
        boolean loggedIn;
        boolean closeAfterFlush;
        boolean endSent;
        long nextToSend;

        Peer(int id, SocketChannel channel, long now) {
            this.id = id;
            connection.attach(channel, now);
        }

        int poll(long now) {
            int work = connection.read(this, now, Integer.MAX_VALUE);
            if (work == SoupConnection.FAILED) {
                connection.close();
                return 1;
            }
            if (connection.isClosed()) {
                return work;
            }
            if (now - connection.lastReceivedNanos() > silenceTimeoutNanos) {
                timeouts++;
                connection.close();
                return work + 1;
            }
            if (loggedIn) {
                work += stream();
                if (!connection.hasPendingOutput() && now - connection.lastSentNanos() >= SoupBinTcp.HEARTBEAT_INTERVAL_NANOS
                        && connection.begin(SoupBinTcp.SERVER_HEARTBEAT, 0) >= 0) {
                    heartbeatsSent++;
                    work++;
                }
            }
            if (connection.flush(now) == SoupConnection.FAILED
                    || closeAfterFlush && !connection.hasPendingOutput()) {
                connection.close();
            }
            return work;
        }

        private int stream() {
            int sent = 0;
            while (nextToSend <= messages && sent < MAX_PACKETS_PER_POLL) {
                int index = (int) nextToSend - 1;
                int start = index == 0 ? 0 : ends[index - 1];
                int length = ends[index] - start;
                long at = connection.begin(SoupBinTcp.SEQUENCED_DATA, length);
                if (at < 0) {
                    return sent;
                }
                MemorySegment.copy(storeSegment, start, connection.txSegment(), at, length);
                nextToSend++;
                sent++;
            }
            if (ended && !endSent && nextToSend > messages && connection.begin(SoupBinTcp.END_OF_SESSION, 0) >= 0) {
                endSent = true;
                closeAfterFlush = true;
                sent++;
            }
            return sent;
        }

        @Override
        public void onPacket(byte type, MemorySegment segment, long payloadOffset, int payloadLength) {
            switch (type) {
                case SoupBinTcp.LOGIN_REQUEST -> login(segment, payloadOffset, payloadLength);
                case SoupBinTcp.UNSEQUENCED_DATA -> {
                    if (loggedIn) {
                        listener.onUnsequencedData(id, segment, payloadOffset, payloadLength);
                    } else {
                        garbage++;
                    }
                }
                case SoupBinTcp.CLIENT_HEARTBEAT, SoupBinTcp.DEBUG -> {
                }
                case SoupBinTcp.LOGOUT_REQUEST -> connection.close();
                default -> garbage++;
            }
        }

        private void login(MemorySegment segment, long at, int length) {
            if (loggedIn || length != SoupBinTcp.LOGIN_REQUEST_PAYLOAD) {
                garbage++;
                return;
            }
            String user = SoupBinTcp.text(segment, at + SoupBinTcp.USERNAME_OFFSET, SoupBinTcp.USERNAME_LENGTH);
            String pass = SoupBinTcp.text(segment, at + SoupBinTcp.PASSWORD_OFFSET, SoupBinTcp.PASSWORD_LENGTH);
            String requested = SoupBinTcp.text(segment, at + SoupBinTcp.REQUESTED_SESSION_OFFSET, SoupBinTcp.SESSION_LENGTH);
            long sequence = SoupBinTcp.parseNumber(segment, at + SoupBinTcp.REQUESTED_SEQUENCE_NUMBER_OFFSET,
                    SoupBinTcp.SEQUENCE_NUMBER_LENGTH);
            if (!user.equals(username) || !pass.equals(password)) {
                reject(SoupBinTcp.REJECT_NOT_AUTHORIZED);
                return;
            }
            if (!requested.isEmpty() && !requested.equals(session) || sequence < 0) {
                reject(SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
                return;
            }
            nextToSend = sequence == 0 || sequence > messages + 1 ? messages + 1 : sequence;
            long out = connection.begin(SoupBinTcp.LOGIN_ACCEPTED, SoupBinTcp.LOGIN_ACCEPTED_PAYLOAD);
            SoupBinTcp.putRight(connection.txSegment(), out + SoupBinTcp.SESSION_OFFSET, SoupBinTcp.SESSION_LENGTH, session);
            SoupBinTcp.putNumber(connection.txSegment(), out + SoupBinTcp.SEQUENCE_NUMBER_OFFSET,
                    SoupBinTcp.SEQUENCE_NUMBER_LENGTH, nextToSend);
            loggedIn = true;
            loginsAccepted++;
        }

        private void reject(byte reason) {
            long out = connection.begin(SoupBinTcp.LOGIN_REJECTED, SoupBinTcp.LOGIN_REJECTED_PAYLOAD);
            connection.txSegment().set(ValueLayout.JAVA_BYTE, out, reason);
            closeAfterFlush = true;
            loginsRejected++;
        }
    }

    /** Sequenced Data messages stored so far (= the last sequence number). */
    public int messages() {
        return messages;
    }

    /** Connected clients, logged in or not. */
    public int connections() {
        return peers.size();
    }

    public long garbage() {
        long live = 0;
        for (Peer peer : peers) {
            live += peer.connection.unframeable();
        }
        return garbage + live;
    }

    public long loginsAccepted() {
        return loginsAccepted;
    }

    public long loginsRejected() {
        return loginsRejected;
    }

    public long timeouts() {
        return timeouts;
    }

    public long heartbeatsSent() {
        return heartbeatsSent;
    }

    /** Drops every client without End of Session (a venue-side connection loss). */
    public void dropConnections() {
        for (Peer peer : peers) {
            peer.connection.close();
        }
    }

    @Override
    public void close() throws IOException {
        dropConnections();
        try {
            acceptReady.close();
        } finally {
            acceptor.close();
        }
    }
}
