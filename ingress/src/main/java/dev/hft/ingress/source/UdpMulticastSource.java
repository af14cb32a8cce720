package dev.hft.ingress.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

import dev.hft.ingress.stage.IngressChain;
import dev.hft.pipeline.Stage;

/**
 * Receives MoldUDP64 from kernel UDP multicast sockets, for machines without DPDK: one non-blocking socket per
 * line (A/B: line index = position in the list), each datagram read into one direct buffer and handed in place
 * to the {@link IngressChain} with its sender's address. A datagram the chain cannot take yet stays in the buffer, and
 * no socket is read, until it can.
 */
public final class UdpMulticastSource implements Stage, AutoCloseable {

    /** One feed line: multicast group and port, joined on {@code networkInterface} (null: the system's default). */
    public record Line(InetAddress group, int port, NetworkInterface networkInterface) {
    }

    public static final int DEFAULT_BATCH = 64;

    private final String role;
    private final IngressChain chain;
    private final int batch;
    private final DatagramChannel[] channels;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
    private final MemorySegment segment = MemorySegment.ofBuffer(buffer);
    private long datagrams;
    /** A datagram received and not yet handed over: its length (-1 for none), line and sender. */
    private int pendingLength = -1;
    private int pendingLine;
    private int pendingSource;
    /**
     * Per line, the sender address last decoded: a channel hands back the same object while its sender stays the same,
     * and {@code Inet4Address.getAddress()} allocates an array per call, so it is read once per sender, not per packet.
     */
    private final SocketAddress[] lastFrom;
    private final int[] lastSource;

    /** The chain's timers (re-request replies, gap timer) are polled in every duty cycle; it is closed with the source. */
    public UdpMulticastSource(String role, List<Line> lines, IngressChain chain, int batch) throws IOException {
        this.role = role;
        this.chain = chain;
        this.batch = batch;
        this.channels = new DatagramChannel[lines.size()];
        this.lastFrom = new SocketAddress[lines.size()];
        this.lastSource = new int[lines.size()];
        for (int i = 0; i < channels.length; i++) {
            Line line = lines.get(i);
            NetworkInterface nif = line.networkInterface() != null ? line.networkInterface() : defaultInterface();
            // Bound to the group, not the wildcard, so the socket takes only datagrams addressed to its line.
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)
                    .setOption(StandardSocketOptions.SO_REUSEADDR, true)
                    .bind(new InetSocketAddress(line.group(), line.port()));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            channel.join(line.group(), nif);
            channel.configureBlocking(false);
            channels[i] = channel;
        }
    }

    /** The first interface that is up, multicast-capable and has an IPv4 address: what a one-NIC host means. */
    static NetworkInterface defaultInterface() throws IOException {
        for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
            if (nif.isUp() && nif.supportsMulticast() && nif.inetAddresses().anyMatch(a -> a instanceof Inet4Address)) {
                return nif;
            }
        }
        throw new IOException("no multicast-capable IPv4 interface: name one with the 'interface' parameter");
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public int doWork() {
        long now = System.nanoTime();
        int n = 0;
        try {
            if (pendingLength < 0 || hand(now)) {
                for (int line = 0; line < channels.length; line++) {
                    for (int i = 0; i < batch; i++) {
                        buffer.clear();
                        SocketAddress from = channels[line].receive(buffer);
                        if (from == null) {
                            break;
                        }
                        pendingLength = buffer.position();
                        pendingLine = line;
                        if (from != lastFrom[line]) {
                            lastFrom[line] = from;
                            lastSource[line] = ipv4(from);
                        }
                        pendingSource = lastSource[line];
                        if (!hand(now)) {
                            return n + chain.poll(now);
                        }
                        n++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n + chain.poll(now);
    }

    /** Hands the pending datagram to the chain when it can take it; true when it did (or there was none). */
    private boolean hand(long now) {
        if (!chain.canAcceptDatagram(pendingLength)) {
            return false;
        }
        int length = pendingLength;
        pendingLength = -1;
        datagrams++;
        chain.onDatagram(segment, 0, length, now, pendingLine, pendingSource);
        return true;
    }

    private static int ipv4(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet4Address v4) {
            byte[] a = v4.getAddress();
            return (a[0] & 0xFF) << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | (a[3] & 0xFF);
        }
        return 0;
    }

    public long datagrams() {
        return datagrams;
    }

    @Override
    public void onStop() {
        close();
    }

    @Override
    public void close() {
        try {
            for (DatagramChannel channel : channels) {
                channel.close();
            }
            chain.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + role, e);
        }
    }
}
