package dev.hft.wire.soup;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import org.agrona.concurrent.NanoClock;

/**
 * SoupBinTCP 3.00 server for the venue simulator and tests, driven by {@link #poll()} on one thread. It keeps
 * every Sequenced Data message of its one session ({@link #publish}) for the day's re-requests, checks credentials
 * and the requested session at login, streams each client from the sequence number it asked for (so a reconnecting
 * client resumes exactly), sends heartbeats after 1 s without sending, drops clients silent for longer than the
 * silence timeout, and sends End of Session after {@link #endSession()} once a client has caught up.
 *
 * <p>A requested sequence number of 0, or one beyond the last stored message, starts the client at the next new
 * message (a client that checks, as {@link SoupClient} does, then knows the session is not the one it expects).
 *
 * <p>What a hostile or broken client can take is bounded ({@link Options}): connections are capped (one over the
 * cap is accepted and closed at once), each uses a fixed pair of preallocated buffers, one that has not logged in
 * within the login timeout is dropped, one session may be live at a time (a second login is refused with
 * {@code S}), failed logins lock their source address out for a doubling time (its connections are closed unread),
 * and the message store has a fixed capacity. When a logged-in connection ends, for whatever reason, the listener
 * hears {@link Listener#onSessionEnded} (the venue's cancel-on-disconnect).
 */
public final class SoupServer implements AutoCloseable {

    /** Client messages, on the polling thread. */
    public interface Listener {

        /** An Unsequenced Data payload from client connection {@code peer}; valid only during the call. */
        void onUnsequencedData(int peer, MemorySegment segment, long offset, int length);

        /** The logged-in connection {@code peer} ended: logout, disconnect, silence, or the server closing. */
        default void onSessionEnded(int peer) {
        }
    }

    /**
     * Limits on what clients can take.
     *
     * @param maxConnections     connections at once, logged in or not
     * @param rxBytes            receive buffer per connection (the largest client packet must fit)
     * @param txBytes            send buffer per connection
     * @param loginTimeoutNanos  a connection must log in within this long
     * @param lockoutNanos       a failed login locks its address out this long, doubling per further failure
     * @param maxLockoutNanos    ... up to this
     * @param storeBytes         message store capacity
     */
    public record Options(int maxConnections, int rxBytes, int txBytes, long loginTimeoutNanos, long lockoutNanos,
            long maxLockoutNanos, long storeBytes) {

        public static final Options DEFAULTS = new Options(8, 4096, 32 * 1024, 5_000_000_000L, 100_000_000L,
                10_000_000_000L, 256L << 20);

        public Options {
            if (maxConnections < 1 || rxBytes < 256 || txBytes < 256 || loginTimeoutNanos <= 0 || lockoutNanos < 0
                    || maxLockoutNanos < lockoutNanos || storeBytes < 1) {
                throw new IllegalArgumentException("soup options: maxConnections >= 1, buffers >= 256 bytes, a login"
                        + " timeout, lockouts >= 0 and a store are needed");
            }
        }

        public Options withStoreBytes(long value) {
            return new Options(maxConnections, rxBytes, txBytes, loginTimeoutNanos, lockoutNanos, maxLockoutNanos, value);
        }

        public Options withMaxConnections(int value) {
            return new Options(value, rxBytes, txBytes, loginTimeoutNanos, lockoutNanos, maxLockoutNanos, storeBytes);
        }
    }

    private static final int MAX_PACKETS_PER_POLL = 256;
    private static final int LOCKOUT_ENTRIES = 64;
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
    private final Options options;
    private final Peer[] peers;
    private final Peer[] order;
    private final SoupStore store;

    private final InetAddress[] lockedAddress = new InetAddress[LOCKOUT_ENTRIES];
    private final int[] lockedFailures = new int[LOCKOUT_ENTRIES];
    private final long[] lockedUntil = new long[LOCKOUT_ENTRIES];

    private boolean ended;
    private int nextPeerId;
    private long garbage;
    private long loginsAccepted;
    private long loginsRejected;
    private long loginsInUse;
    private long loginsThrottled;
    private long loginTimeouts;
    private long connectionsRefused;
    private long storeFull;
    private long timeouts;
    private long heartbeatsSent;

    public SoupServer(InetSocketAddress bind, String session, String username, String password, NanoClock clock,
            long silenceTimeoutNanos, Listener listener) throws IOException {
        this(bind, session, username, password, clock, silenceTimeoutNanos, listener, Options.DEFAULTS);
    }

    public SoupServer(InetSocketAddress bind, String session, String username, String password, NanoClock clock,
            long silenceTimeoutNanos, Listener listener, Options options) throws IOException {
        if (session.isBlank() || session.length() > SoupBinTcp.SESSION_LENGTH) {
            throw new IllegalArgumentException("session must be 1 to 10 characters");
        }
        this.session = session;
        this.username = username;
        this.password = password;
        this.clock = clock;
        this.silenceTimeoutNanos = silenceTimeoutNanos;
        this.listener = listener;
        this.options = options;
        this.store = new SoupStore(options.storeBytes());
        this.peers = new Peer[options.maxConnections()];
        this.order = new Peer[options.maxConnections()];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = new Peer(options.rxBytes(), options.txBytes());
        }
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

    /**
     * Stores one Sequenced Data message for every client, present and future; returns its sequence number, or -1
     * when the store is full (counted in {@link #storeFull()}; the message is lost).
     */
    public long publish(MemorySegment segment, long offset, int length) {
        long sequence = store.append(segment, offset, length);
        if (sequence < 0) {
            storeFull++;
        }
        return sequence;
    }

    /** Bytes the store can still take. */
    public long storeRemaining() {
        return store.remaining();
    }

    /** No more messages: each client gets End of Session once it has everything. */
    public void endSession() {
        ended = true;
    }

    /**
     * Reads, streams, heartbeats and times out every client once, oldest connection first (so a client's old
     * connection is seen closed before its new one logs in), then accepts; returns the work done.
     */
    public int poll() {
        long now = clock.nanoTime();
        int n = 0;
        for (Peer peer : peers) {
            if (peer.active) {
                int i = n++;
                while (i > 0 && order[i - 1].id > peer.id) {
                    order[i] = order[i - 1];
                    i--;
                }
                order[i] = peer;
            }
        }
        int work = 0;
        for (int i = 0; i < n; i++) {
            Peer peer = order[i];
            work += peer.poll(now);
            if (peer.connection.isClosed()) {
                release(peer);
            }
        }
        return work + accept(now);
    }

    private void release(Peer peer) {
        garbage += peer.connection.unframeable();
        peer.active = false;
        if (peer.loggedIn) {
            peer.loggedIn = false;
            listener.onSessionEnded(peer.id);
        }
    }

    private int accept(long now) {
        SocketChannel channel;
        try {
            if (acceptReady.selectNow(READY) == 0) {
                return 0;
            }
            channel = acceptor.accept();
        } catch (IOException e) {
            return 0;
        }
        if (channel == null) {
            return 0;
        }
        try {
            InetAddress from = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
            Peer free = null;
            for (Peer p : peers) {
                if (!p.active) {
                    free = p;
                    break;
                }
            }
            if (free == null) {
                connectionsRefused++;
                channel.close();
                return 1;
            }
            if (lockedOut(from, now)) {
                loginsThrottled++;
                channel.close();
                return 1;
            }
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            free.start(nextPeerId++, channel, from, now);
            return 1;
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a socket that failed while being set up has nothing more to give
            }
            return 1;
        }
    }

    private int lockoutEntry(InetAddress address) {
        for (int i = 0; i < LOCKOUT_ENTRIES; i++) {
            if (address.equals(lockedAddress[i])) {
                return i;
            }
        }
        return -1;
    }

    private boolean lockedOut(InetAddress address, long now) {
        int i = lockoutEntry(address);
        return i >= 0 && now - lockedUntil[i] < 0;
    }

    private void loginFailed(InetAddress address, long now) {
        int i = lockoutEntry(address);
        if (i < 0) {
            i = 0;
            for (int j = 1; j < LOCKOUT_ENTRIES; j++) {
                if (lockedAddress[j] == null || lockedUntil[j] - lockedUntil[i] < 0) {
                    i = j;
                }
            }
            lockedAddress[i] = address;
            lockedFailures[i] = 0;
        }
        int failures = ++lockedFailures[i];
        long lockout = options.lockoutNanos() << Math.min(20, failures - 1);
        lockedUntil[i] = now + Math.min(options.maxLockoutNanos(), lockout < 0 ? Long.MAX_VALUE : lockout);
    }

    private void loginSucceeded(InetAddress address) {
        int i = lockoutEntry(address);
        if (i >= 0) {
            lockedAddress[i] = null;
            lockedFailures[i] = 0;
        }
    }

    private boolean sessionLive() {
        for (Peer p : peers) {
            if (p.active && p.loggedIn && !p.connection.isClosed()) {
                return true;
            }
        }
        return false;
    }

    /** One client connection: login state and the next sequence number to send it; reused after it closes. */
    private final class Peer implements SoupConnection.PacketHandler {
        final SoupConnection connection;
        int id;
        InetAddress from;
        boolean active;
        boolean loggedIn;
        boolean closeAfterFlush;
        boolean endSent;
        long acceptedNanos;
        long nextToSend;

        Peer(int rxBytes, int txBytes) {
            connection = new SoupConnection(rxBytes, txBytes);
        }

        void start(int peerId, SocketChannel channel, InetAddress address, long now) {
            id = peerId;
            from = address;
            active = true;
            loggedIn = false;
            closeAfterFlush = false;
            endSent = false;
            acceptedNanos = now;
            nextToSend = 0;
            connection.attach(channel, now);
        }

        int poll(long now) {
            int work = connection.read(this, now, MAX_PACKETS_PER_POLL);
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
            if (!loggedIn && !closeAfterFlush && now - acceptedNanos > options.loginTimeoutNanos()) {
                loginTimeouts++;
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
            int messages = store.messages();
            while (nextToSend <= messages && sent < MAX_PACKETS_PER_POLL) {
                int length = store.length(nextToSend);
                long at = connection.begin(SoupBinTcp.SEQUENCED_DATA, length);
                if (at < 0) {
                    return sent;
                }
                store.copy(nextToSend, connection.txSegment(), at);
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
            if (closeAfterFlush) {
                return;
            }
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
            long now = clock.nanoTime();
            if (!user.equals(username) || !pass.equals(password)) {
                loginFailed(from, now);
                reject(SoupBinTcp.REJECT_NOT_AUTHORIZED);
                return;
            }
            if (!requested.isEmpty() && !requested.equals(session) || sequence < 0) {
                reject(SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
                return;
            }
            if (sessionLive()) {
                loginsInUse++;
                reject(SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
                return;
            }
            loginSucceeded(from);
            int messages = store.messages();
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
        return store.messages();
    }

    /** Connected clients, logged in or not. */
    public int connections() {
        int n = 0;
        for (Peer p : peers) {
            n += p.active ? 1 : 0;
        }
        return n;
    }

    /** True while a client is logged in. */
    public boolean loggedIn() {
        return sessionLive();
    }

    public long garbage() {
        long live = 0;
        for (Peer peer : peers) {
            live += peer.active ? peer.connection.unframeable() : 0;
        }
        return garbage + live;
    }

    public long loginsAccepted() {
        return loginsAccepted;
    }

    /** Logins answered with Login Rejected: bad credentials or session, or the session already in use. */
    public long loginsRejected() {
        return loginsRejected;
    }

    /** Logins refused because another connection had the session. */
    public long loginsInUse() {
        return loginsInUse;
    }

    /** Connections closed unread because their address was locked out after failed logins. */
    public long loginsThrottled() {
        return loginsThrottled;
    }

    /** Connections dropped for not logging in within the login timeout. */
    public long loginTimeouts() {
        return loginTimeouts;
    }

    /** Connections closed at once because {@code maxConnections} were open. */
    public long connectionsRefused() {
        return connectionsRefused;
    }

    /** Messages lost because the store was full. */
    public long storeFull() {
        return storeFull;
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
            if (peer.active) {
                peer.connection.close();
                release(peer);
            }
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
