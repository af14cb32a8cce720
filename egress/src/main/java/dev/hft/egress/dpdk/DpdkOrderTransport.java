package dev.hft.egress.dpdk;

import java.lang.foreign.MemorySegment;

import dev.hft.dpdk.Mbuf;
import dev.hft.dpdk.MbufBurst;
import dev.hft.dpdk.Native;
import dev.hft.dpdk.QueueCounter;
import dev.hft.dpdk.RxQueue;
import dev.hft.dpdk.TxQueue;
import dev.hft.egress.OrderTransport;
import dev.hft.egress.udp.MoldUdpFrame;
import dev.hft.egress.udp.MoldUdpFrameDecoder;
import dev.hft.egress.udp.MoldUdpFrameEncoder;

/**
 * {@code transport: dpdk}: OUCH in MoldUDP64 over Ethernet/IPv4/UDP, built in place in mbufs of a DPDK TX queue
 * ({@link MoldUdpFrameEncoder} over {@link TxQueue#memory()}) and sent with TX bursts when the stage flushes at
 * the end of a batch. A partial burst is retried by the queue within its bound, then freed and counted
 * ({@code TX_DROP_FULL}); an mbuf is either sent or freed, never kept. Venue responses are read back from an RX
 * queue of the order-entry port, decoded with {@link MoldUdpFrameDecoder} and handed to the stage's listener.
 * Allocation-free after construction.
 */
public final class DpdkOrderTransport implements OrderTransport {

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

    /** One RX burst of venue frames per call (frames, not messages, bound the work: {@code maxMessages} is not split). */
    @Override
    public int poll(VenueListener listener, int maxMessages) {
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

    /** Sends what is pending and returns the queue's spare mbufs; the port is closed by its owner. */
    @Override
    public void close() {
        if (open) {
            flush();
        }
        tx.close();
    }

    /** The largest frame this transport claims by default: a standard Ethernet frame. */
    public static final int DEFAULT_MAX_FRAME = MoldUdpFrame.DEFAULT_MAX_FRAME;
}
