package dev.hft.egress;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import dev.hft.wire.mold.MoldUdpFrame;
import dev.hft.wire.mold.MoldUdpFrameEncoder;

/**
 * OUCH in MoldUDP64 datagrams over a kernel UDP socket: the stand-in for the DPDK TX path, using the same
 * {@link MoldUdpFrameEncoder}. The full Ethernet/IPv4/UDP frame is built in a direct buffer and the socket sends
 * its MoldUDP64 part (the kernel writes its own headers). A datagram the socket cannot take now is lost and
 * reported as a failed flush (its sequence numbers are used). This path is send-only: no venue responses.
 */
public final class UdpOrderTransport implements OrderTransport {

    private final DatagramChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MoldUdpFrame.DEFAULT_MAX_FRAME);
    private final MemorySegment segment = MemorySegment.ofBuffer(buffer);
    private final MoldUdpFrameEncoder encoder;
    private boolean open;

    /** @param session the MoldUDP64 session, at most 10 ASCII characters, padded right with spaces */
    public UdpOrderTransport(InetSocketAddress destination, String session) throws IOException {
        if (session.length() > MoldUdpFrame.MOLD_SESSION_LENGTH) {
            throw new IllegalArgumentException("MoldUDP64 session is at most 10 characters: '" + session + "'");
        }
        this.channel = DatagramChannel.open();
        channel.configureBlocking(false);
        channel.connect(destination);
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        byte[] name = String.format("%-10s", session).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.encoder = new MoldUdpFrameEncoder(0, 0, ipv4(local), ipv4(destination), local.getPort(),
                destination.getPort(), name, MoldUdpFrame.DEFAULT_MAX_FRAME);
    }

    private static int ipv4(InetSocketAddress address) {
        byte[] a = address.getAddress().getAddress();
        return a.length == 4 ? (a[0] & 0xFF) << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | (a[3] & 0xFF) : 0;
    }

    @Override
    public boolean beginFrame() {
        encoder.begin(segment, 0);
        open = true;
        return true;
    }

    @Override
    public long append(int length) {
        return open ? encoder.append(length) : -1;
    }

    @Override
    public MemorySegment segment() {
        return segment;
    }

    @Override
    public int flush() {
        if (!open || encoder.count() == 0) {
            open = false;
            return 0;
        }
        open = false;
        int length = encoder.finish();
        buffer.limit(length).position(MoldUdpFrame.MOLD_OFFSET);
        try {
            int n = channel.write(buffer);
            return n == 0 ? -1 : n;
        } catch (IOException e) {
            return -1;
        } finally {
            buffer.clear();
        }
    }

    /** The next MoldUDP64 sequence number (continues across frames). */
    public long nextSequence() {
        return encoder.nextSequence();
    }

    @Override
    public int poll(VenueListener listener, int maxMessages) {
        return 0;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to recover at shutdown
        }
    }
}
