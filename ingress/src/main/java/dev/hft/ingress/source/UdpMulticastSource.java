package dev.hft.ingress.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

import dev.hft.ingress.mold.MoldReceiver;
import dev.hft.pipeline.Stage;

/**
 * Receives MoldUDP64 from kernel UDP multicast sockets, for machines without DPDK: one non-blocking socket per
 * line (A/B: line index = position in the list), each datagram read into one direct buffer and handed in place
 * to the {@link MoldReceiver}.
 */
public final class UdpMulticastSource implements Stage, AutoCloseable {

    /** One feed line: multicast group and port, joined on {@code networkInterface} (null: the system's default). */
    public record Line(InetAddress group, int port, NetworkInterface networkInterface) {
    }

    public static final int DEFAULT_BATCH = 64;

    private final String role;
    private final MoldReceiver receiver;
    private final Timers timers;
    private final int batch;
    private final DatagramChannel[] channels;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
    private final MemorySegment segment = MemorySegment.ofBuffer(buffer);
    private long datagrams;

    /** {@code timers} (re-request replies, gap timer) are polled in every duty cycle and closed with the source. */
    public UdpMulticastSource(String role, List<Line> lines, MoldReceiver receiver, Timers timers, int batch)
            throws IOException {
        this.role = role;
        this.receiver = receiver;
        this.timers = timers;
        this.batch = batch;
        this.channels = new DatagramChannel[lines.size()];
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
            for (int line = 0; line < channels.length; line++) {
                for (int i = 0; i < batch; i++) {
                    buffer.clear();
                    if (channels[line].receive(buffer) == null) {
                        break;
                    }
                    receiver.onPayload(segment, 0, buffer.position(), now, line);
                    datagrams++;
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n + timers.poll(now);
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
            if (timers instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing " + role, e);
        }
    }
}
