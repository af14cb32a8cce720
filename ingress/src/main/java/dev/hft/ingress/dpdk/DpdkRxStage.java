package dev.hft.ingress.dpdk;

import java.lang.foreign.MemorySegment;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.Mbuf;
import dev.hft.dpdk.MbufBurst;
import dev.hft.dpdk.Native;
import dev.hft.dpdk.RxQueue;
import dev.hft.ingress.FrameHandler;
import dev.hft.pipeline.Stage;

/**
 * A source stage over one DPDK RX queue: each {@link #doWork()} polls one burst, hands every frame to the
 * {@link FrameHandler} in place (the mbuf's data room, no copy), then returns the whole burst to the pool with one
 * bulk free, even when the handler throws. Never blocks. Packet, byte and drop counts are the queue's
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

    @Override
    public int doWork() {
        int count = rxQueue.poll(burst);
        if (count == 0) {
            return 0;
        }
        long receiveNanos = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                mbuf.wrap(burst.mbuf(i));
                frameHandler.onFrame(MEMORY, mbuf.dataAddress(), mbuf.dataLen(), receiveNanos);
            }
        } finally {
            rxQueue.free(burst);
        }
        return count;
    }
}
