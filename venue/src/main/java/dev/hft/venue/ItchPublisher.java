package dev.hft.venue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import dev.hft.wire.itch.ItchMessages;
import dev.hft.wire.mold.MoldMessageStore;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.mold.MoldPacketWriter;
import dev.hft.wire.mold.MoldRequestServer;

/**
 * ITCH 5.0 over MoldUDP64: messages are packed into one packet until it is full or {@link #flush} is called
 * (once per venue duty cycle), sent to the group (or a unicast address), and kept in a {@link MoldMessageStore}
 * (the first {@code storeMessages} of the session) that a {@link MoldRequestServer} answers re-requests from.
 * A heartbeat goes out after a second without a packet; {@link #endOfSession} sends the end-of-session packet.
 */
final class ItchPublisher implements ItchOutput, AutoCloseable {

    static final long HEARTBEAT_INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_PACKET_LENGTH = MoldRequestServer.DEFAULT_MAX_PACKET_LENGTH;

    private final DatagramChannel channel;
    private final InetSocketAddress destination;
    private final MemorySegment session;
    private final ByteBuffer packetBuffer = ByteBuffer.allocateDirect(MAX_PACKET_LENGTH);
    private final MemorySegment packet = MemorySegment.ofBuffer(packetBuffer);
    private final MoldPacketWriter writer = new MoldPacketWriter(packet, MAX_PACKET_LENGTH);
    private final MemorySegment scratch = MemorySegment.ofArray(new byte[ItchMessages.MAX_LENGTH]);
    private final MoldMessageStore store = new MoldMessageStore();
    private final int storeMessages;
    private final MoldRequestServer requests;
    private long nextSequence = 1;
    private long lastSentNanos;
    private long messages;
    private long packets;
    private long heartbeats;
    private long sendFailures;
    private long requestFailures;

    ItchPublisher(VenueConfig.Itch config, long nowNanos) throws IOException {
        this.destination = config.destination();
        this.session = MoldPacket.session(config.session());
        this.storeMessages = config.storeMessages();
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.configureBlocking(false);
        if (config.interfaceName() != null) {
            NetworkInterface nic = NetworkInterface.getByName(config.interfaceName());
            if (nic == null) {
                channel.close();
                throw new IllegalArgumentException("itch.interfaceName: no network interface '" + config.interfaceName() + "'");
            }
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nic);
        }
        channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
        this.requests = config.request() == null ? null
                : new MoldRequestServer(config.request(), session, store, MAX_PACKET_LENGTH);
        writer.begin(session, nextSequence);
        lastSentNanos = nowNanos;
    }

    @Override
    public long claim() {
        return 0;
    }

    @Override
    public MemorySegment segment() {
        return scratch;
    }

    @Override
    public void commit(long offset, int length) {
        if (store.size() < storeMessages) {
            store.append(scratch, offset, length);
        }
        if (!writer.add(scratch, offset, length)) {
            send();
            writer.add(scratch, offset, length);
        }
        messages++;
    }

    /** Sends the packet being filled, or a heartbeat when nothing was sent for a second; returns packets sent. */
    int flush(long nowNanos) {
        if (writer.count() > 0 || nowNanos - lastSentNanos >= HEARTBEAT_INTERVAL_NANOS) {
            if (writer.count() == 0) {
                heartbeats++;
            }
            send();
            lastSentNanos = nowNanos;
            return 1;
        }
        return 0;
    }

    /** Answers waiting re-requests; returns how many. */
    int serveRequests() {
        if (requests == null) {
            return 0;
        }
        try {
            return requests.poll();
        } catch (IOException e) {
            requestFailures++;
            return 0;
        }
    }

    /** Sends what is pending, then the end-of-session packet (message count 0xFFFF). */
    void endOfSession(long nowNanos) {
        if (writer.count() > 0) {
            flush(nowNanos);
        }
        MoldPacket.writeHeader(packet, 0, session, nextSequence, MoldPacket.END_OF_SESSION);
        transmit(MoldPacket.HEADER_LENGTH);
    }

    private void send() {
        int length = writer.finish();
        nextSequence = writer.nextSequence();
        transmit(length);
        writer.begin(session, nextSequence);
    }

    private void transmit(int length) {
        packetBuffer.clear().limit(length);
        try {
            if (channel.send(packetBuffer, destination) == 0) {
                sendFailures++;
            }
        } catch (IOException e) {
            sendFailures++;
        }
        packets++;
    }

    int requestPort() throws IOException {
        return requests == null ? -1 : requests.localAddress().getPort();
    }

    long messages() {
        return messages;
    }

    long packets() {
        return packets;
    }

    long heartbeats() {
        return heartbeats;
    }

    long sendFailures() {
        return sendFailures;
    }

    long requestsServed() {
        return requests == null ? 0 : requests.served();
    }

    long requestsIgnored() {
        return requests == null ? 0 : requests.ignored() + requestFailures;
    }

    long nextSequence() {
        return nextSequence;
    }

    @Override
    public void close() throws IOException {
        if (requests != null) {
            requests.close();
        }
        channel.close();
    }
}
