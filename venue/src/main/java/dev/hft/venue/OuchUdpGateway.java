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
 *
 * <p>A sender gets one of the {@code maxClients} slots (buffers preallocated) with its first well-framed MoldUDP64
 * message, not before: garbage takes nothing. A slot silent for {@code idleNanos} expires: the venue cancels the
 * account's live orders ({@link Expired}) and the slot is free again. Each new sender is a new account, never one
 * that traded before, up to {@code maxAccounts}; senders past the slots or the accounts are counted and ignored.
 */
final class OuchUdpGateway implements MoldUdpFrameDecoder.Handler, AutoCloseable {

    /** A new client: the venue greets it (OUCH System Event). */
    interface NewClient {
        void onNewClient(int account);
    }

    /** A client's slot expired: the venue cancels its orders (responses still go to its address). */
    interface Expired {
        void onExpired(int account);
    }

    private static final int MAX_DATAGRAMS_PER_POLL = 64;
    private static final int NONE = -1;

    private final DatagramChannel channel;
    private final ByteBuffer rxBuffer = ByteBuffer.allocateDirect(1 << 16);
    private final MemorySegment rx = MemorySegment.ofBuffer(rxBuffer);
    private final MoldUdpFrameDecoder frames = new MoldUdpFrameDecoder();
    private final OuchInboundDecoder decoder;
    private final Venue.Inbound inbound;
    private final NewClient newClient;
    private final Expired expired;
    private final int firstAccount;
    private final long idleNanos;

    private final InetSocketAddress[] addresses;
    private final int[] accountOfSlot;
    private final int[] slotOfAccount;
    private final long[] lastSeen;
    private final ByteBuffer[] txBuffers;
    private final MemorySegment[] tx;
    private final MoldUdpFrameEncoder[] encoders;
    private final boolean[] open;
    private final long[] nextInbound;
    private int accountsUsed;
    private int clients;
    private int current;
    private InetSocketAddress from;
    private long now;
    private boolean refusedDatagram;
    private long refused;
    private long duplicates;
    private long ioFailures;
    private long expiredSlots;

    OuchUdpGateway(InetSocketAddress bind, String session, int maxClients, int maxAccounts, int firstAccount,
            long idleNanos, OuchInboundDecoder decoder, Venue.Inbound inbound, NewClient newClient, Expired expired)
            throws IOException {
        this.decoder = decoder;
        this.inbound = inbound;
        this.newClient = newClient;
        this.expired = expired;
        this.firstAccount = firstAccount;
        this.idleNanos = idleNanos;
        byte[] name = String.format("%-10s", session).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.addresses = new InetSocketAddress[maxClients];
        this.accountOfSlot = new int[maxClients];
        this.slotOfAccount = new int[maxAccounts];
        java.util.Arrays.fill(slotOfAccount, NONE);
        this.lastSeen = new long[maxClients];
        this.txBuffers = new ByteBuffer[maxClients];
        this.tx = new MemorySegment[maxClients];
        this.encoders = new MoldUdpFrameEncoder[maxClients];
        this.open = new boolean[maxClients];
        this.nextInbound = new long[maxClients];
        for (int i = 0; i < maxClients; i++) {
            txBuffers[i] = ByteBuffer.allocateDirect(MoldUdpFrame.DEFAULT_MAX_FRAME);
            tx[i] = MemorySegment.ofBuffer(txBuffers[i]);
            encoders[i] = new MoldUdpFrameEncoder(0, 0, 0, 0, 0, 0, name, MoldUdpFrame.DEFAULT_MAX_FRAME);
        }
        this.channel = DatagramChannel.open();
        channel.configureBlocking(false);
        channel.bind(bind);
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Reads and handles the datagrams waiting now, then expires idle slots; returns how many datagrams. */
    int poll(long nowNanos) {
        now = nowNanos;
        int n = 0;
        try {
            for (; n < MAX_DATAGRAMS_PER_POLL; n++) {
                rxBuffer.clear();
                SocketAddress sender = channel.receive(rxBuffer);
                if (sender == null) {
                    break;
                }
                from = (InetSocketAddress) sender;
                current = slot(from);
                refusedDatagram = false;
                frames.decodeMold(rx, 0, rxBuffer.position(), this);
            }
        } catch (IOException e) {
            ioFailures++;
        }
        return n + expire();
    }

    @Override
    public void onMessage(long sequence, MemorySegment segment, long offset, int length) {
        if (refusedDatagram) {
            return;
        }
        if (current == NONE) {
            current = admit(from);
            if (current == NONE) {
                refused++;
                refusedDatagram = true;
                return;
            }
        }
        lastSeen[current] = now;
        if (sequence < nextInbound[current]) {
            duplicates++;
            return;
        }
        nextInbound[current] = sequence + 1;
        inbound.account = accountOfSlot[current];
        decoder.decode(segment, offset, length);
    }

    private int slot(InetSocketAddress address) {
        for (int i = 0; i < addresses.length; i++) {
            if (address.equals(addresses[i])) {
                return i;
            }
        }
        return NONE;
    }

    /** A free slot and a new account for {@code address}, or NONE. */
    private int admit(InetSocketAddress address) {
        if (accountsUsed == slotOfAccount.length) {
            return NONE;
        }
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i] == null) {
                int account = firstAccount + accountsUsed;
                slotOfAccount[accountsUsed++] = i;
                addresses[i] = address;
                accountOfSlot[i] = account;
                nextInbound[i] = 1;
                open[i] = false;
                lastSeen[i] = now;
                clients++;
                newClient.onNewClient(account);
                return i;
            }
        }
        return NONE;
    }

    private int expire() {
        int n = 0;
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i] != null && now - lastSeen[i] > idleNanos) {
                int account = accountOfSlot[i];
                expired.onExpired(account);
                if (open[i]) {
                    send(i);
                }
                slotOfAccount[account - firstAccount] = NONE;
                addresses[i] = null;
                clients--;
                expiredSlots++;
                n++;
            }
        }
        return n;
    }

    private int slotOf(int account) {
        int index = account - firstAccount;
        return index < 0 || index >= slotOfAccount.length ? NONE : slotOfAccount[index];
    }

    /** Room for a response to {@code account}; the offset in {@link #segment(int)}, or -1 when it has no slot. */
    long claim(int account, int length) {
        int i = slotOf(account);
        if (i == NONE) {
            return -1;
        }
        if (!open[i]) {
            encoders[i].begin(tx[i], 0);
            open[i] = true;
        }
        long at = encoders[i].append(length);
        if (at < 0) {
            send(i);
            encoders[i].begin(tx[i], 0);
            open[i] = true;
            at = encoders[i].append(length);
        }
        return at;
    }

    MemorySegment segment(int account) {
        return tx[slotOf(account)];
    }

    /** Sends every client's pending responses; returns datagrams sent. */
    int flush() {
        int sent = 0;
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i] != null && open[i]) {
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

    /** The account of the client at {@code address} while it has a slot, or -1. */
    int account(InetSocketAddress address) {
        int i = slot(address);
        return i == NONE ? -1 : accountOfSlot[i];
    }

    /** The accounts that have a slot now. */
    int[] activeAccounts() {
        int[] out = new int[clients];
        int n = 0;
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i] != null) {
                out[n++] = accountOfSlot[i];
            }
        }
        return out;
    }

    /** UDP accounts handed out so far (firstAccount .. firstAccount + this - 1). */
    int accountsUsed() {
        return accountsUsed;
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

    long expiredSlots() {
        return expiredSlots;
    }

    long badFrames() {
        return frames.dropped();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
