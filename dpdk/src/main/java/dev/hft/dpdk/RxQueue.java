package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;

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
        MemorySegment ops = rte_ethdev_h.rte_eth_fp_ops().asSlice(port.portId() * rte_eth_fp_ops.LAYOUT.byteSize(),
                rte_eth_fp_ops.LAYOUT);
        this.rxPktBurst = ops.get(ADDRESS, rte_eth_fp_ops.RX_PKT_BURST_OFFSET);
        this.rxq = ops.get(ADDRESS, rte_eth_fp_ops.RXQ_DATA_OFFSET).reinterpret(ADDRESS.byteSize() * (queueId + 1L))
                .getAtIndex(ADDRESS, queueId);
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
                ? hft_dpdk_shim_h.hft_rx_burst(portId, queueId, array, capacity)
                : rte_ethdev_h.eth_rx_burst(rxPktBurst, rxq, array, capacity));
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
                rte_mempool_h.rte_pktmbuf_free_bulk(array.asSlice(i * ADDRESS.byteSize()), 1);
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
            rte_mempool_h.rte_pktmbuf_free_bulk(burst.array(), burst.count());
            burst.count(0);
        }
    }
}
