package dev.hft.ingress.dpdk;

import java.lang.foreign.MemorySegment;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.Mbuf;
import dev.hft.dpdk.MbufBurst;
import dev.hft.dpdk.Native;
import dev.hft.dpdk.QueueCounter;
import dev.hft.dpdk.RxQueue;
import dev.hft.ingress.FrameHandler;
import dev.hft.ingress.net.DropReason;
import dev.hft.pipeline.Stage;

/**
 * A source stage over one DPDK RX queue: {@link #doWork()} polls a burst, hands its frames to the
 * {@link FrameHandler} in place (the mbuf's data room, no copy) as far as the handler can take them, and returns the
 * whole burst to the pool with one bulk free once every frame is handed over (or the handler threw). Never blocks. Packet, byte and drop counts are the queue's
 * ({@link RxQueue#counters()}); the port's imissed/rx_nombuf are in {@code port.stats()}.
 *
 * <p>Frames are passed as ({@link Native#EVERYTHING}, absolute address, length): one segment for all packets, so
 * nothing is allocated per packet; the handler must stay within {@code [offset, offset + length)}.
 */
public final class DpdkRxStage implements Stage {

    public static final int DEFAULT_BURST = 32;

    private static final MemorySegment MEMORY = Native.EVERYTHING;

    private final String role;
    private final RxQueue rxQueue;
    private final FrameHandler frameHandler;
    private final MbufBurst burst;
    private final Mbuf mbuf = new Mbuf();
    /** Frames in the burst in hand, and the next one to hand over. */
    private int count;
    private int next;
    private long receiveNanos;
    private long multiSegmentSeen;

    public DpdkRxStage(String role, RxQueue rxQueue, FrameHandler frameHandler, int burstSize) {
        this.role = role;
        this.rxQueue = rxQueue;
        this.frameHandler = frameHandler;
        this.burst = new MbufBurst(burstSize);
    }

    @Override
    public String role() {
        return role;
    }

    public RxQueue rxQueue() {
        return rxQueue;
    }

    /** Registers the stage's thread with the EAL so the mempool's per-lcore cache serves its frees. */
    @Override
    public void onStart() {
        Dpdk.registerThread();
    }

    /**
     * Hands over the frames of the burst in hand, polling a new burst once it is all handed over. A frame the handler
     * cannot take yet stays, with the rest of its burst, for the next call: the queue is not polled meanwhile, so the
     * NIC's own ring holds what arrives (and counts what it cannot hold).
     */
    @Override
    public int doWork() {
        if (next == count) {
            count = rxQueue.poll(burst);
            next = 0;
            long multiSegment = rxQueue.counters().get(QueueCounter.RX_DROP_MULTI_SEGMENT);
            if (multiSegment != multiSegmentSeen) {
                frameHandler.onDropped(DropReason.MULTI_SEGMENT_FRAME, multiSegment - multiSegmentSeen);
                multiSegmentSeen = multiSegment;
            }
            if (count == 0) {
                return 0;
            }
            receiveNanos = System.nanoTime();
        }
        int handed = 0;
        try {
            while (next < count) {
                mbuf.wrap(burst.mbuf(next));
                if (!frameHandler.canAccept(mbuf.dataLen())) {
                    break;
                }
                next++;
                handed++;
                frameHandler.onFrame(MEMORY, mbuf.dataAddress(), mbuf.dataLen(), receiveNanos);
            }
        } finally {
            if (next == count) {
                rxQueue.free(burst);
            }
        }
        return handed;
    }

    /** Returns a burst still in hand to the pool (at stop). */
    public void release() {
        if (next < count) {
            rxQueue.free(burst);
            next = count;
        }
    }
}
