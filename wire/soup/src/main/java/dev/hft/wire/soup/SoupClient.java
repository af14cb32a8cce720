package dev.hft.wire.soup;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

import org.agrona.concurrent.NanoClock;

/**
 * SoupBinTCP 3.00 client over a non-blocking kernel socket, driven by {@link #poll()} from its owner's thread
 * (no threads of its own). It logs in, delivers Sequenced Data with its sequence number, sends Unsequenced
 * Data, sends a heartbeat after {@value SoupBinTcp#HEARTBEAT_INTERVAL_NANOS} ns without sending, drops the link
 * after the silence timeout, and reconnects after the reconnect delay, logging into the same session at the
 * next sequence number it expects: nothing is lost or delivered twice across reconnects. Login Rejected, End
 * of Session, {@link #logout()} and a Login Accepted whose sequence number is not the one asked for (the server's
 * session does not have, or has skipped, what this client expects: messages would be lost) end it for good.
 */
public final class SoupClient implements AutoCloseable {

    public enum State { DISCONNECTED, CONNECTING, LOGGING_IN, LOGGED_IN, CLOSED }

    /** What the client reports to its owner, on the polling thread. */
    public interface Listener {

        /** A Sequenced Data payload (one OUCH message): valid only during the call. */
        void onSequencedData(long sequence, MemorySegment segment, long offset, int length);

        default void onLoginAccepted(String session, long nextSequence) {
        }

        default void onLoginRejected(byte reasonCode) {
        }

        default void onEndOfSession() {
        }

        default void onDisconnected() {
        }

        /** The server answered a login for {@code requested} with {@code offered}; the client has closed for good. */
        default void onSequenceMismatch(long requested, long offered) {
        }
    }

    public static final int BUFFER_SIZE = 1 << 16;

    private final InetSocketAddress address;
    private final String username;
    private final String password;
    private final NanoClock clock;
    private final Listener listener;
    private final long silenceTimeoutNanos;
    private final long reconnectDelayNanos;

    private State state = State.DISCONNECTED;
    private final SoupConnection connection = new SoupConnection(BUFFER_SIZE);
    private final SoupConnection.PacketHandler handler = this::onPacket;
    private String session = "";
    private long nextSequence = 1;
    private long reconnectAtNanos;
    private long garbage;
    private long timeouts;
    private long connects;
    private long heartbeatsSent;

    /**
     * @param session        session to log into; blank = the server's current one
     * @param nextSequence   first sequence number wanted (1 on a fresh day)
     */
    public SoupClient(InetSocketAddress address, String username, String password, String session,
            long nextSequence, NanoClock clock, long silenceTimeoutNanos, long reconnectDelayNanos, Listener listener) {
        if (username.length() > SoupBinTcp.USERNAME_LENGTH || password.length() > SoupBinTcp.PASSWORD_LENGTH
                || session.length() > SoupBinTcp.SESSION_LENGTH) {
            throw new IllegalArgumentException("username is at most 6, password 10 and session 10 characters");
        }
        this.address = address;
        this.username = username;
        this.password = password;
        this.session = session;
        this.nextSequence = nextSequence;
        this.clock = clock;
        this.silenceTimeoutNanos = silenceTimeoutNanos;
        this.reconnectDelayNanos = reconnectDelayNanos;
        this.listener = listener;
    }

    /** {@link #poll(int)} without a limit on the packets delivered. */
    public int poll() {
        return poll(Integer.MAX_VALUE);
    }

    /**
     * Does the client's I/O once: connect, login, read and deliver at most {@code maxPackets} packets (the rest
     * wait in the receive buffer: back-pressure from a full response ring), heartbeat, timeout, reconnect, flush.
     *
     * @return packets read plus connection steps taken (0 = idle)
     */
    public int poll(int maxPackets) {
        long now = clock.nanoTime();
        switch (state) {
            case DISCONNECTED -> {
                if (now - reconnectAtNanos >= 0) {
                    connect(now);
                    return 1;
                }
                return 0;
            }
            case CONNECTING -> {
                return finishConnect(now);
            }
            case LOGGING_IN, LOGGED_IN -> {
                int work = connection.read(handler, now, maxPackets);
                if (work == SoupConnection.FAILED) {
                    disconnect(now);
                    return 1;
                }
                if (state == State.CLOSED) {
                    return work + 1;
                }
                if (now - connection.lastReceivedNanos() > silenceTimeoutNanos) {
                    timeouts++;
                    disconnect(now);
                    return work + 1;
                }
                if (state == State.LOGGED_IN && !connection.hasPendingOutput()
                        && now - connection.lastSentNanos() >= SoupBinTcp.HEARTBEAT_INTERVAL_NANOS
                        && connection.begin(SoupBinTcp.CLIENT_HEARTBEAT, 0) >= 0) {
                    heartbeatsSent++;
                    work++;
                }
                if (connection.flush(now) == SoupConnection.FAILED) {
                    disconnect(now);
                }
                return work;
            }
            default -> {
                return 0;
            }
        }
    }

    /**
     * Reserves an Unsequenced Data packet of {@code length} payload bytes in the TX buffer.
     *
     * @return the payload's offset in {@link #txSegment()}, or -1 if not logged in or the buffer is full
     */
    public long claimUnsequenced(int length) {
        return state == State.LOGGED_IN ? connection.begin(SoupBinTcp.UNSEQUENCED_DATA, length) : -1;
    }

    /** The memory {@link #claimUnsequenced} offsets point into; changes on reconnect. */
    public MemorySegment txSegment() {
        return connection.txSegment();
    }

    /** Writes queued packets; returns bytes written, 0 when not connected, -1 when the write failed (link dropped). */
    public int flush() {
        if (state != State.LOGGED_IN && state != State.LOGGING_IN) {
            return 0;
        }
        long now = clock.nanoTime();
        int n = connection.flush(now);
        if (n == SoupConnection.FAILED) {
            disconnect(now);
        }
        return n;
    }

    /** Sends Logout Request and closes; the client stays closed. */
    public void logout() {
        if (state == State.LOGGED_IN || state == State.LOGGING_IN) {
            connection.begin(SoupBinTcp.LOGOUT_REQUEST, 0);
            connection.flush(clock.nanoTime());
        }
        closeForGood();
    }

    private void onPacket(byte type, MemorySegment segment, long payloadOffset, int payloadLength) {
        switch (type) {
            case SoupBinTcp.SEQUENCED_DATA -> {
                if (state == State.LOGGED_IN) {
                    listener.onSequencedData(nextSequence++, segment, payloadOffset, payloadLength);
                } else {
                    garbage++;
                }
            }
            case SoupBinTcp.SERVER_HEARTBEAT, SoupBinTcp.DEBUG -> {
            }
            case SoupBinTcp.LOGIN_ACCEPTED -> {
                long sequence = SoupBinTcp.parseNumber(segment, payloadOffset + SoupBinTcp.SEQUENCE_NUMBER_OFFSET,
                        SoupBinTcp.SEQUENCE_NUMBER_LENGTH);
                if (state != State.LOGGING_IN || payloadLength != SoupBinTcp.LOGIN_ACCEPTED_PAYLOAD || sequence < 1) {
                    garbage++;
                    return;
                }
                if (sequence != nextSequence) {
                    long requested = nextSequence;
                    closeForGood();
                    listener.onSequenceMismatch(requested, sequence);
                    return;
                }
                session = SoupBinTcp.text(segment, payloadOffset + SoupBinTcp.SESSION_OFFSET, SoupBinTcp.SESSION_LENGTH);
                state = State.LOGGED_IN;
                listener.onLoginAccepted(session, sequence);
            }
            case SoupBinTcp.LOGIN_REJECTED -> {
                if (state != State.LOGGING_IN || payloadLength != SoupBinTcp.LOGIN_REJECTED_PAYLOAD) {
                    garbage++;
                    return;
                }
                byte reason = segment.get(java.lang.foreign.ValueLayout.JAVA_BYTE, payloadOffset);
                closeForGood();
                listener.onLoginRejected(reason);
            }
            case SoupBinTcp.END_OF_SESSION -> {
                closeForGood();
                listener.onEndOfSession();
            }
            default -> garbage++;
        }
    }

    private void connect(long now) {
        connects++;
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connection.attach(channel, now);
            state = State.CONNECTING;
            channel.connect(address);
        } catch (IOException e) {
            disconnect(now);
        }
    }

    private int finishConnect(long now) {
        try {
            if (!connection.channel().finishConnect()) {
                if (now - connection.lastReceivedNanos() > silenceTimeoutNanos) {
                    timeouts++;
                    disconnect(now);
                }
                return 0;
            }
        } catch (IOException e) {
            disconnect(now);
            return 1;
        }
        long at = connection.begin(SoupBinTcp.LOGIN_REQUEST, SoupBinTcp.LOGIN_REQUEST_PAYLOAD);
        MemorySegment tx = connection.txSegment();
        SoupBinTcp.putLeft(tx, at + SoupBinTcp.USERNAME_OFFSET, SoupBinTcp.USERNAME_LENGTH, username);
        SoupBinTcp.putLeft(tx, at + SoupBinTcp.PASSWORD_OFFSET, SoupBinTcp.PASSWORD_LENGTH, password);
        SoupBinTcp.putRight(tx, at + SoupBinTcp.REQUESTED_SESSION_OFFSET, SoupBinTcp.SESSION_LENGTH, session);
        SoupBinTcp.putNumber(tx, at + SoupBinTcp.REQUESTED_SEQUENCE_NUMBER_OFFSET, SoupBinTcp.SEQUENCE_NUMBER_LENGTH,
                nextSequence);
        state = State.LOGGING_IN;
        if (connection.flush(now) == SoupConnection.FAILED) {
            disconnect(now);
        }
        return 1;
    }

    private void disconnect(long now) {
        connection.close();
        state = State.DISCONNECTED;
        reconnectAtNanos = now + reconnectDelayNanos;
        listener.onDisconnected();
    }

    private void closeForGood() {
        connection.close();
        state = State.CLOSED;
    }

    @Override
    public void close() {
        closeForGood();
    }

    public State state() {
        return state;
    }

    /** The session name, learnt from Login Accepted. */
    public String session() {
        return session;
    }

    /** Sequence number of the next Sequenced Data message expected. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Packets of an unknown type, or of a known type at the wrong time or size. */
    public long garbage() {
        return garbage + connection.unframeable();
    }

    public long timeouts() {
        return timeouts;
    }

    public long connects() {
        return connects;
    }

    public long heartbeatsSent() {
        return heartbeatsSent;
    }
}
