package dev.hft.wire.soup;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One non-blocking SoupBinTCP socket, either side: reassembles packets split across reads (and several per
 * read) by their length prefix, queues outgoing packets in a TX buffer and writes them on {@link #flush}.
 * Used from one thread; never blocks.
 *
 * <p>Garbage policy: a packet of an unexpected type or payload size is counted by the owner and skipped
 * (its length still frames it); a length of 0 or one larger than the receive buffer cannot be framed, so it
 * is counted here and the connection is dropped.
 */
final class SoupConnection {

    /** Receives each complete packet; the payload is valid only during the call. */
    interface PacketHandler {
        void onPacket(byte type, MemorySegment segment, long payloadOffset, int payloadLength);
    }

    static final int FAILED = -1;

    private SocketChannel channel;
    private final ByteBuffer rx;
    private final ByteBuffer tx;
    private final MemorySegment rxSegment;
    private final MemorySegment txSegment;
    private boolean closed = true;
    private long lastReceivedNanos;
    private long lastSentNanos;
    private long unframeable;

    /** Buffers are allocated once here and reused by every socket {@link #attach attached} later. */
    SoupConnection(int bufferSize) {
        this(bufferSize, bufferSize);
    }

    SoupConnection(int rxBytes, int txBytes) {
        this.rx = ByteBuffer.allocateDirect(rxBytes);
        this.tx = ByteBuffer.allocateDirect(txBytes);
        this.rxSegment = MemorySegment.ofBuffer(rx);
        this.txSegment = MemorySegment.ofBuffer(tx);
    }

    /** Starts using {@code channel} (non-blocking) with empty buffers. */
    void attach(SocketChannel channel, long nowNanos) {
        this.channel = channel;
        rx.clear();
        tx.clear();
        closed = false;
        lastReceivedNanos = nowNanos;
        lastSentNanos = nowNanos;
    }

    SocketChannel channel() {
        return channel;
    }

    /**
     * Reads what the socket holds and hands up to {@code maxPackets} complete packets to {@code handler}; the rest
     * stay buffered for the next call.
     *
     * @return packets handled, or {@link #FAILED} if the peer closed, the socket failed or the stream cannot be framed
     */
    int read(PacketHandler handler, long nowNanos, int maxPackets) {
        if (closed) {
            return FAILED;
        }
        int n;
        try {
            n = channel.read(rx);
        } catch (IOException e) {
            return FAILED;
        }
        if (n < 0) {
            return FAILED;
        }
        if (n > 0) {
            lastReceivedNanos = nowNanos;
        }
        int end = rx.position();
        int pos = 0;
        int packets = 0;
        while (!closed && packets < maxPackets && end - pos >= 2) {
            int length = Short.toUnsignedInt(rxSegment.get(SoupBinTcp.SHORT, pos));
            if (length == 0 || length + 2 > rx.capacity()) {
                unframeable++;
                return FAILED;
            }
            if (end - pos < 2 + length) {
                break;
            }
            handler.onPacket(rxSegment.get(ValueLayout.JAVA_BYTE, pos + SoupBinTcp.TYPE_OFFSET), rxSegment,
                    pos + SoupBinTcp.HEADER_LENGTH, length - 1);
            pos += 2 + length;
            packets++;
        }
        if (pos > 0 && !closed) {
            MemorySegment.copy(rxSegment, pos, rxSegment, 0, end - pos);
            rx.position(end - pos);
        }
        return packets;
    }

    /**
     * Appends a packet header to the TX buffer and reserves its payload.
     *
     * @return the offset of the payload in {@link #txSegment()}, or -1 if the buffer has no room (or is closed)
     */
    long begin(byte type, int payloadLength) {
        if (closed || tx.remaining() < SoupBinTcp.HEADER_LENGTH + payloadLength) {
            return -1;
        }
        int at = tx.position();
        txSegment.set(SoupBinTcp.SHORT, at, (short) (payloadLength + 1));
        txSegment.set(ValueLayout.JAVA_BYTE, at + SoupBinTcp.TYPE_OFFSET, type);
        tx.position(at + SoupBinTcp.HEADER_LENGTH + payloadLength);
        return at + SoupBinTcp.HEADER_LENGTH;
    }

    MemorySegment txSegment() {
        return txSegment;
    }

    /** Writes as much of the TX buffer as the socket takes; returns bytes written or {@link #FAILED}. */
    int flush(long nowNanos) {
        if (closed) {
            return FAILED;
        }
        if (tx.position() == 0) {
            return 0;
        }
        tx.flip();
        int n;
        try {
            n = channel.write(tx);
        } catch (IOException e) {
            tx.compact();
            return FAILED;
        }
        tx.compact();
        if (n > 0) {
            lastSentNanos = nowNanos;
        }
        return n;
    }

    boolean hasPendingOutput() {
        return tx.position() > 0;
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    long lastSentNanos() {
        return lastSentNanos;
    }

    long unframeable() {
        return unframeable;
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket that already failed has nothing left to report
        }
    }
}
