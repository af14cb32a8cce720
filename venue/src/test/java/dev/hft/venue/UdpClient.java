package dev.hft.venue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import dev.hft.wire.mold.MoldUdpFrame;
import dev.hft.wire.mold.MoldUdpFrameDecoder;
import dev.hft.wire.mold.MoldUdpFrameEncoder;
import dev.hft.wire.ouch.OuchFlyweight;

/** A test's OUCH-over-UDP client: frames built with the project's encoder, responses decoded into a {@link Recording}. */
final class UdpClient implements AutoCloseable {

    final DatagramChannel channel;
    final Recording received = new Recording();
    private final InetSocketAddress venue;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(MoldUdpFrame.DEFAULT_MAX_FRAME);
    private final MemorySegment txSegment = MemorySegment.ofBuffer(tx);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(1 << 16);
    private final MemorySegment rxSegment = MemorySegment.ofBuffer(rx);
    private final MoldUdpFrameEncoder encoder =
            new MoldUdpFrameEncoder(0, 0, 0, 0, 0, 0, "CLIENT    ".getBytes(), MoldUdpFrame.DEFAULT_MAX_FRAME);
    private final MoldUdpFrameDecoder decoder = new MoldUdpFrameDecoder();
    private int account;
    byte[] lastDatagram;

    UdpClient(int venuePort) throws IOException {
        this.venue = new InetSocketAddress(InetAddress.getLoopbackAddress(), venuePort);
        this.channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Sends one frame holding copies of the given messages (each its own fixed length). */
    void send(OuchFlyweight... messages) throws IOException {
        encoder.begin(txSegment, 0);
        for (OuchFlyweight m : messages) {
            long at = encoder.append(m.length());
            MemorySegment.copy(m.segment(), m.offset(), txSegment, at, m.length());
        }
        flush();
    }

    /** Sends one frame with a single message of {@code length} bytes copied from {@code source}. */
    void sendRaw(MemorySegment source, int length) throws IOException {
        encoder.begin(txSegment, 0);
        long at = encoder.append(length);
        MemorySegment.copy(source, 0, txSegment, at, length);
        flush();
    }

    private void flush() throws IOException {
        int length = encoder.finish();
        tx.clear().limit(length).position(MoldUdpFrame.MOLD_OFFSET);
        lastDatagram = new byte[length - MoldUdpFrame.MOLD_OFFSET];
        tx.duplicate().get(lastDatagram);
        channel.send(tx, venue);
    }

    void sendDatagram(byte[] bytes) throws IOException {
        channel.send(ByteBuffer.wrap(bytes), venue);
    }

    /** Decodes every response waiting now as {@code account}'s; returns datagrams read. */
    int poll(int account) throws IOException {
        this.account = account;
        int n = 0;
        while (true) {
            rx.clear();
            if (channel.receive(rx) == null) {
                return n;
            }
            n++;
            decoder.decodeMold(rxSegment, 0, rx.position(),
                    (sequence, segment, offset, length) -> received.recordOuch(this.account, segment, offset, length));
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
