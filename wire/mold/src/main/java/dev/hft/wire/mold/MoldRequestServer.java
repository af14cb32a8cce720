package dev.hft.wire.mold;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import dev.hft.wire.net.BigEndian;

/**
 * A MoldUDP64 re-request server over a {@link MoldMessageStore}: each valid 20-byte request for this session
 * is answered with one downstream packet, unicast to the requester, starting at the requested sequence and
 * holding as many of the requested messages as fit {@code maxPacketLength} (clients re-request the rest).
 * Invalid requests (wrong size or session, sequence outside the store) get no answer, as in NASDAQ's servers.
 * Non-blocking: {@link #poll()} serves what is waiting and returns.
 */
public final class MoldRequestServer implements AutoCloseable {

    public static final int DEFAULT_MAX_PACKET_LENGTH = 1400;

    private final MemorySegment session;
    private final MoldMessageStore store;
    private final DatagramChannel channel;
    private final ByteBuffer requestBuffer = ByteBuffer.allocateDirect(64);
    private final MemorySegment request = MemorySegment.ofBuffer(requestBuffer);
    private final MoldPacket header = new MoldPacket().wrap(request, 0);
    private final ByteBuffer replyBuffer;
    private final MoldPacketWriter writer;
    private long served;
    private long ignored;

    public MoldRequestServer(InetSocketAddress bindAddress, MemorySegment session, MoldMessageStore store,
                             int maxPacketLength) throws IOException {
        this.session = session;
        this.store = store;
        this.replyBuffer = ByteBuffer.allocateDirect(maxPacketLength);
        this.writer = new MoldPacketWriter(MemorySegment.ofBuffer(replyBuffer), maxPacketLength);
        this.channel = DatagramChannel.open();
        channel.bind(bindAddress);
        channel.configureBlocking(false);
    }

    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Serves every request waiting now; returns how many were answered. */
    public int poll() throws IOException {
        int answered = 0;
        for (SocketAddress from; (from = receive()) != null; ) {
            if (answer(from)) {
                answered++;
            }
        }
        return answered;
    }

    private SocketAddress receive() throws IOException {
        requestBuffer.clear();
        return channel.receive(requestBuffer);
    }

    private boolean answer(SocketAddress from) throws IOException {
        if (requestBuffer.position() != MoldPacket.HEADER_LENGTH || !header.sessionEquals(session)) {
            ignored++;
            return false;
        }
        long sequence = header.sequenceNumber();
        int count = BigEndian.u16(request, MoldPacket.MESSAGE_COUNT_OFFSET);
        if (sequence < 1 || sequence > store.size() || count == 0) {
            ignored++;
            return false;
        }
        long last = Math.min(store.size(), sequence + count - 1);
        writer.begin(session, sequence);
        long s = sequence;
        while (s <= last && writer.add(store.segment(), store.offset(s), store.length(s))) {
            s++;
        }
        int length = writer.finish();
        replyBuffer.clear().limit(length);
        channel.send(replyBuffer, from);
        served++;
        return true;
    }

    public long served() {
        return served;
    }

    public long ignored() {
        return ignored;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
