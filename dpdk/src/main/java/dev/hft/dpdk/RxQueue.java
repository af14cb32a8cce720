package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.hft.dpdk.ffi.dpdk_h;
import dev.hft.dpdk.ffi.rte_eth_fp_ops;
import dev.hft.dpdk.ffi.rte_ethdev_qdata;
import java.lang.foreign.MemorySegment;

/**
 * One RX queue of a started port, polled by exactly one thread. {@link #poll} fills a preallocated
 * {@link MbufBurst}; the caller reads the frames in place and then hands them back with {@link #free}.
 */
public final class RxQueue {

    private final Port port;
    private final short portId;
    private final short queueId;
    private final FastPath fastPath;
    private final MemorySegment rxPktBurst;
    private final MemorySegment rxq;
    private final QueueCounters counters = new QueueCounters();
    private final Mbuf mbuf = new Mbuf();

    RxQueue(Port port, int queueId, FastPath fastPath) {
        this.port = port;
        this.portId = (short) port.portId();
        this.queueId = (short) queueId;
        this.fastPath = fastPath;
        MemorySegment ops = dpdk_h.rte_eth_fp_ops(port.portId());
        this.rxPktBurst = rte_eth_fp_ops.rx_pkt_burst(ops);
        this.rxq = rte_ethdev_qdata.data(rte_eth_fp_ops.rxq(ops)).getAtIndex(ADDRESS, queueId);
    }

    public Port port() {
        return port;
    }

    public int queueId() {
        return queueId;
    }

    public FastPath fastPath() {
        return fastPath;
    }

    public QueueCounters counters() {
        return counters;
    }

    /**
     * One {@code rte_eth_rx_burst} of up to {@code burst.capacity()} frames into {@code burst}. Frames spanning
     * several mbufs are freed and counted ({@link QueueCounter#RX_DROP_MULTI_SEGMENT}); never blocks.
     *
     * @return the number of single-segment frames now in {@code burst}
     */
    public int poll(MbufBurst burst) {
        MemorySegment array = burst.array();
        short capacity = (short) burst.capacity();
        int received = Short.toUnsignedInt(fastPath == FastPath.SHIM
                ? CriticalCalls.hft_rx_burst(portId, queueId, array, capacity)
                : CriticalCalls.eth_rx_burst(rxPktBurst, rxq, array, capacity));
        if (received == 0) {
            burst.count(0);
            return 0;
        }
        long bytes = 0;
        int kept = 0;
        for (int i = 0; i < received; i++) {
            long address = burst.mbuf(i);
            mbuf.wrap(address);
            if (mbuf.nbSegs() != 1) {
                CriticalCalls.rte_pktmbuf_free_bulk(array.asSlice(i * ADDRESS.byteSize()), 1);
                counters.add(QueueCounter.RX_DROP_MULTI_SEGMENT, 1);
                continue;
            }
            bytes += mbuf.dataLen();
            if (kept != i) {
                burst.mbuf(kept, address);
            }
            kept++;
        }
        burst.count(kept);
        counters.add(QueueCounter.RX_PACKETS, kept);
        counters.add(QueueCounter.RX_BYTES, bytes);
        return kept;
    }

    /** Returns every mbuf of {@code burst} to its pool ({@code rte_pktmbuf_free_bulk}) and empties it. */
    public void free(MbufBurst burst) {
        if (burst.count() > 0) {
            CriticalCalls.rte_pktmbuf_free_bulk(burst.array(), burst.count());
            burst.count(0);
        }
    }
}
