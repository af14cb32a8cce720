package dev.hft.venue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import dev.hft.wire.mold.MoldUdpFrame;
import dev.hft.wire.mold.MoldUdpFrameDecoder;
import dev.hft.wire.mold.MoldUdpFrameEncoder;
import dev.hft.wire.ouch.OuchInboundDecoder;

/**
 * OUCH over UDP, the project's format (a MoldUDP64 packet of OUCH messages per datagram, as
 * the egress UDP order transport sends): each distinct sender address is one client account, its
 * messages are taken once in MoldUDP64 sequence order (lower sequence numbers are duplicates, dropped), and its
 * responses go back to that address in MoldUDP64 packets of its own session, numbered from 1. Responses are
 * packed per client and sent by {@link #flush()} (once per duty cycle) or when a packet is full.
 */
final class OuchUdpGateway implements MoldUdpFrameDecoder.Handler, AutoCloseable {

    /** A new client: the venue greets it (OUCH System Event). */
    interface NewClient {
        void onNewClient(int account);
    }

    private static final int MAX_DATAGRAMS_PER_POLL = 64;

    private final DatagramChannel channel;
    private final ByteBuffer rxBuffer = ByteBuffer.allocateDirect(1 << 16);
    private final MemorySegment rx = MemorySegment.ofBuffer(rxBuffer);
    private final MoldUdpFrameDecoder frames = new MoldUdpFrameDecoder();
    private final OuchInboundDecoder decoder;
    private final Venue.Inbound inbound;
    private final NewClient newClient;
    private final int firstAccount;
    private final byte[] session;

    private final InetSocketAddress[] addresses;
    private final ByteBuffer[] txBuffers;
    private final MemorySegment[] tx;
    private final MoldUdpFrameEncoder[] encoders;
    private final boolean[] open;
    private final long[] nextInbound;
    private int clients;
    private int current;
    private long refused;
    private long duplicates;
    private long ioFailures;

    OuchUdpGateway(InetSocketAddress bind, String session, int maxClients, int firstAccount, OuchInboundDecoder decoder,
            Venue.Inbound inbound, NewClient newClient) throws IOException {
        this.decoder = decoder;
        this.inbound = inbound;
        this.newClient = newClient;
        this.firstAccount = firstAccount;
        this.session = String.format("%-10s", session).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.addresses = new InetSocketAddress[maxClients];
        this.txBuffers = new ByteBuffer[maxClients];
        this.tx = new MemorySegment[maxClients];
        this.encoders = new MoldUdpFrameEncoder[maxClients];
        this.open = new boolean[maxClients];
        this.nextInbound = new long[maxClients];
        this.channel = DatagramChannel.open();
        channel.configureBlocking(false);
        channel.bind(bind);
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Reads and handles the datagrams waiting now; returns how many. */
    int poll() {
        int n = 0;
        try {
            for (; n < MAX_DATAGRAMS_PER_POLL; n++) {
                rxBuffer.clear();
                SocketAddress from = channel.receive(rxBuffer);
                if (from == null) {
                    break;
                }
                current = client((InetSocketAddress) from);
                if (current < 0) {
                    refused++;
                    continue;
                }
                inbound.account = firstAccount + current;
                frames.decodeMold(rx, 0, rxBuffer.position(), this);
            }
        } catch (IOException e) {
            ioFailures++;
        }
        return n;
    }

    @Override
    public void onMessage(long sequence, MemorySegment segment, long offset, int length) {
        if (sequence < nextInbound[current]) {
            duplicates++;
            return;
        }
        nextInbound[current] = sequence + 1;
        decoder.decode(segment, offset, length);
    }

    private int client(InetSocketAddress from) {
        for (int i = 0; i < clients; i++) {
            if (addresses[i].equals(from)) {
                return i;
            }
        }
        if (clients == addresses.length) {
            return -1;
        }
        int i = clients++;
        addresses[i] = from;
        txBuffers[i] = ByteBuffer.allocateDirect(MoldUdpFrame.DEFAULT_MAX_FRAME);
        tx[i] = MemorySegment.ofBuffer(txBuffers[i]);
        encoders[i] = new MoldUdpFrameEncoder(0, 0, 0, 0, 0, 0, session, MoldUdpFrame.DEFAULT_MAX_FRAME);
        nextInbound[i] = 1;
        newClient.onNewClient(firstAccount + i);
        return i;
    }

    /** Room for a response to client {@code index}; the offset in {@link #segment(int)}. */
    long claim(int index, int length) {
        if (index >= clients) {
            return -1;
        }
        if (!open[index]) {
            encoders[index].begin(tx[index], 0);
            open[index] = true;
        }
        long at = encoders[index].append(length);
        if (at < 0) {
            send(index);
            encoders[index].begin(tx[index], 0);
            open[index] = true;
            at = encoders[index].append(length);
        }
        return at;
    }

    MemorySegment segment(int index) {
        return tx[index];
    }

    /** Sends every client's pending responses; returns datagrams sent. */
    int flush() {
        int sent = 0;
        for (int i = 0; i < clients; i++) {
            if (open[i]) {
                send(i);
                sent++;
            }
        }
        return sent;
    }

    private void send(int index) {
        open[index] = false;
        int length = encoders[index].finish();
        ByteBuffer buffer = txBuffers[index];
        buffer.clear().limit(length).position(MoldUdpFrame.MOLD_OFFSET);
        try {
            if (channel.send(buffer, addresses[index]) == 0) {
                ioFailures++;
            }
        } catch (IOException e) {
            ioFailures++;
        }
    }

    /** The account of the client at {@code address}, or -1 if it never sent anything. */
    int account(InetSocketAddress address) {
        for (int i = 0; i < clients; i++) {
            if (addresses[i].equals(address)) {
                return firstAccount + i;
            }
        }
        return -1;
    }

    int clients() {
        return clients;
    }

    long refused() {
        return refused;
    }

    long duplicates() {
        return duplicates;
    }

    long ioFailures() {
        return ioFailures;
    }

    long badFrames() {
        return frames.dropped();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
