package dev.hft.egress.dpdk;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkException;
import dev.hft.dpdk.Mbuf;
import dev.hft.dpdk.MbufBurst;
import dev.hft.dpdk.Native;
import dev.hft.dpdk.Port;
import dev.hft.dpdk.PortConfig;
import dev.hft.dpdk.QueueCounter;
import dev.hft.dpdk.RxQueue;
import dev.hft.dpdk.SharedPorts;
import dev.hft.dpdk.TxQueue;
import dev.hft.egress.OrderTransport;
import dev.hft.pipeline.Params;
import dev.hft.wire.mold.MoldUdpFrame;
import dev.hft.wire.mold.MoldUdpFrameDecoder;
import dev.hft.wire.mold.MoldUdpFrameEncoder;

/**
 * {@code transport: dpdk}: OUCH in MoldUDP64 over Ethernet/IPv4/UDP, built in place in mbufs of a DPDK TX queue
 * ({@link MoldUdpFrameEncoder} over {@link TxQueue#memory()}) and sent with TX bursts when the stage flushes at
 * the end of a batch. A partial burst is retried by the queue within its bound, then freed and counted
 * ({@code TX_DROP_FULL}); an mbuf is either sent or freed, never kept. Venue responses are read back from an RX
 * queue of the order-entry port, decoded with {@link MoldUdpFrameDecoder} and handed to the stage's listener.
 * Allocation-free after construction.
 */
public final class DpdkOrderTransport implements OrderTransport {

    private static final int CACHE_LINE = 64;

    private final TxQueue tx;
    private final RxQueue rx;
    private final MoldUdpFrameEncoder encoder;
    private final MoldUdpFrameDecoder decoder = new MoldUdpFrameDecoder();
    private final MbufBurst burst;
    private final Mbuf mbuf = new Mbuf();
    private final int maxFrame;
    private OrderTransport.VenueListener listener;
    private final MoldUdpFrameDecoder.Handler handler = this::onVenueMessage;
    private boolean open;
    private long sendFailures;
    private Port sharedPort;

    /**
     * @param rx       the RX queue venue responses arrive on, or null for send-only
     * @param encoder  addresses, ports and session of the frames
     * @param maxFrame bytes claimed per frame (at most an mbuf's room), trimmed to the frame's length at flush
     */
    public DpdkOrderTransport(TxQueue tx, RxQueue rx, MoldUdpFrameEncoder encoder, int maxFrame, int rxBurst) {
        this.tx = tx;
        this.rx = rx;
        this.encoder = encoder;
        this.maxFrame = maxFrame;
        this.burst = new MbufBurst(rxBurst);
    }

    /** Claims an mbuf and writes the frame headers into it; false (counted by the queue) when no mbuf is free. */
    @Override
    public boolean beginFrame() {
        if (open) {
            return true;
        }
        long at = tx.claim(maxFrame);
        if (at < 0) {
            return false;
        }
        encoder.begin(tx.memory(), at);
        open = true;
        return true;
    }

    /** Begins the next frame ahead of its order and writes its first two cache lines (headers, first message) once. */
    private void prepareFrame() {
        long at = tx.claim(maxFrame);
        if (at < 0) {
            return;
        }
        encoder.begin(tx.memory(), at);
        open = true;
        tx.memory().set(ValueLayout.JAVA_BYTE, at, (byte) 0);
        tx.memory().set(ValueLayout.JAVA_BYTE, at + CACHE_LINE, (byte) 0);
    }

    @Override
    public long append(int length) {
        return open ? encoder.append(length) : -1;
    }

    @Override
    public MemorySegment segment() {
        return tx.memory();
    }

    /** Finishes the frame, trims its mbuf to the frame's length and sends the burst; -1 if the frame was dropped. */
    @Override
    public int flush() {
        if (!open) {
            return 0;
        }
        open = false;
        if (encoder.count() == 0) {
            tx.unclaimLast();
            return 0;
        }
        int length = encoder.finish();
        tx.trimLast(length);
        long droppedBefore = tx.counters().get(QueueCounter.TX_DROP_FULL);
        tx.flush();
        if (tx.counters().get(QueueCounter.TX_DROP_FULL) != droppedBefore) {
            sendFailures++;
            return -1;
        }
        return length;
    }

    /** Frames dropped after the TX queue's retries (their sequence numbers are used). */
    public long sendFailures() {
        return sendFailures;
    }

    public long nextSequence() {
        return encoder.nextSequence();
    }

    public MoldUdpFrameDecoder decoder() {
        return decoder;
    }

    /**
     * One RX burst of venue frames per call (frames, not messages, bound the work: {@code maxMessages} is not split).
     * Then, with no frame open, the next one is claimed and begun ahead of the order it will carry: the stage polls
     * after every flush and when idle, so the mbuf allocation and the first touch of its lines (last written by whoever
     * freed it, often another core) happen here instead of between an order's arrival and its TX burst. A frame
     * begun this way and never used goes back to the queue's spares at {@link #close()}.
     */
    @Override
    public int poll(VenueListener listener, int maxMessages) {
        if (!open && tx.refillIfEmpty()) {
            prepareFrame();
        }
        if (rx == null) {
            return 0;
        }
        int count = rx.poll(burst);
        if (count == 0) {
            return 0;
        }
        this.listener = listener;
        int messages = 0;
        try {
            for (int i = 0; i < count; i++) {
                mbuf.wrap(burst.mbuf(i));
                int n = decoder.decode(Native.EVERYTHING, mbuf.dataAddress(), mbuf.dataLen(), handler);
                messages += Math.max(n, 0);
            }
        } finally {
            rx.free(burst);
            this.listener = null;
        }
        return messages;
    }

    private void onVenueMessage(long sequence, MemorySegment segment, long offset, int length) {
        listener.onVenueMessage(sequence, segment, offset, length);
    }

    /**
     * {@code transport: dpdk} from egress params: {@code dpdk_port} (the topology's port entry, filled in by the
     * loader from {@code dpdk_port: <name>}), {@code dpdk_eal}, {@code host}/{@code port} (venue IPv4 and UDP port),
     * {@code local_ip} (0.0.0.0), {@code local_port} (40000), {@code src_mac}/{@code dst_mac} (hex, e.g.
     * 02:00:00:00:00:01), {@code session} (MoldUDP64, padded to 10), {@code tx_queue} (0), {@code rx_queue}
     * (0; -1: send-only). Initialises the EAL if nothing did; the port is shared ({@link SharedPorts}) and
     * released by {@link #close()}.
     */
    public static DpdkOrderTransport open(Params params) {
        if (!Dpdk.isAvailable()) {
            throw new DpdkException("DPDK not installed: " + Dpdk.unavailableReason() + "; transport dpdk needs it");
        }
        if (!Dpdk.isInitialized()) {
            Dpdk.init(params.has("dpdk_eal") ? params.strings("dpdk_eal") : Dpdk.SMALL_MACHINE_EAL);
        }
        Map<String, Object> entry = params.child("dpdk_port").asMap();
        if (entry.isEmpty()) {
            throw new DpdkException("transport dpdk needs params.dpdk_port naming a dpdk.ports entry");
        }
        PortConfig config = PortConfig.fromTopology(entry, 1, 1);
        String session = params.string("session", "OUCH");
        if (session.length() > MoldUdpFrame.MOLD_SESSION_LENGTH) {
            throw new IllegalArgumentException("MoldUDP64 session is at most 10 characters: '" + session + "'");
        }
        MoldUdpFrameEncoder encoder = new MoldUdpFrameEncoder(mac(params.string("src_mac", "02:00:00:00:00:01")),
                mac(params.string("dst_mac", "ff:ff:ff:ff:ff:ff")), ipv4(params.string("local_ip", "0.0.0.0")),
                ipv4(params.string("host", "")), params.intValue("local_port", 40000), params.intValue("port", 0),
                String.format("%-10s", session).getBytes(StandardCharsets.US_ASCII), DEFAULT_MAX_FRAME);
        Port port = SharedPorts.acquire(config, new boolean[1]);
        try {
            int rxQueue = params.intValue("rx_queue", 0);
            DpdkOrderTransport transport = new DpdkOrderTransport(port.txQueue(params.intValue("tx_queue", 0)),
                    rxQueue < 0 ? null : port.rxQueue(rxQueue), encoder, DEFAULT_MAX_FRAME, 32);
            transport.sharedPort = port;
            return transport;
        } catch (RuntimeException e) {
            SharedPorts.release(port);
            throw e;
        }
    }

    /** {@code 02:00:00:00:00:01} as the low 48 bits of a long. */
    public static long mac(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("expected a MAC address like 02:00:00:00:00:01, found '" + text + "'");
        }
        long mac = 0;
        for (String part : parts) {
            mac = mac << 8 | Integer.parseInt(part, 16);
        }
        return mac;
    }

    /** A dotted-quad IPv4 address as an int in network order. */
    public static int ipv4(String text) {
        String[] parts = text.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected an IPv4 address, found '" + text + "'");
        }
        int address = 0;
        for (String part : parts) {
            int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("expected an IPv4 address, found '" + text + "'");
            }
            address = address << 8 | octet;
        }
        return address;
    }

    /** Sends what is pending and returns the queue's spare mbufs; a port from {@link #open} is released. */
    @Override
    public void close() {
        if (open) {
            flush();
        }
        tx.close();
        if (sharedPort != null) {
            SharedPorts.release(sharedPort);
            sharedPort = null;
        }
    }

    /** The largest frame this transport claims by default: a standard Ethernet frame. */
    public static final int DEFAULT_MAX_FRAME = MoldUdpFrame.DEFAULT_MAX_FRAME;
}
