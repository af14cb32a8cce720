package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import dev.hft.dpdk.ffi.dpdk_h;
import dev.hft.dpdk.ffi.rte_eth_fp_ops;
import dev.hft.dpdk.ffi.rte_ethdev_qdata;

/**
 * One TX queue of a started port, used by exactly one thread. Frames are built in place:
 * {@link #claim(int)} takes an mbuf, sets its lengths and returns where to write the frame in
 * {@link #memory()}; {@link #flush()} (at the end of a batch, or when the burst is full) sends them. A partial
 * send is retried up to {@code txRetries} times; what is still unsent is freed and counted. No mbuf leaks:
 * every claimed mbuf is either handed to the driver or freed.
 */
public final class TxQueue implements AutoCloseable {

    private final Port port;
    private final short portId;
    private final short queueId;
    private final FastPath fastPath;
    private final MemorySegment txPktBurst;
    private final MemorySegment txq;
    private final Mempool pool;
    private final int maxFrameLength;
    private final int capacity;
    private final int retries;
    private final MemorySegment pending;
    /** {@code pendingFrom[i]} is {@code pending} from element i: retries resume there without allocating. */
    private final MemorySegment[] pendingFrom;
    private final int[] pendingLengths;
    private final MemorySegment spare;
    private final QueueCounters counters = new QueueCounters();
    private final Mbuf mbuf = new Mbuf();
    private int pendingCount;
    private int spareIndex;
    private int spareCount;

    TxQueue(Port port, int queueId, FastPath fastPath, Mempool pool, int burstCapacity, int retries) {
        this.port = port;
        this.portId = (short) port.portId();
        this.queueId = (short) queueId;
        this.fastPath = fastPath;
        this.pool = pool;
        this.maxFrameLength = pool.frameRoom();
        this.capacity = burstCapacity;
        this.retries = retries;
        MemorySegment ops = dpdk_h.rte_eth_fp_ops(port.portId());
        this.txPktBurst = rte_eth_fp_ops.tx_pkt_burst(ops);
        this.txq = rte_ethdev_qdata.data(rte_eth_fp_ops.txq(ops)).getAtIndex(ADDRESS, queueId);
        Arena arena = Arena.ofAuto();
        this.pending = arena.allocate(ADDRESS, burstCapacity);
        this.pendingFrom = new MemorySegment[burstCapacity];
        for (int i = 0; i < burstCapacity; i++) {
            pendingFrom[i] = pending.asSlice(i * ADDRESS.byteSize());
        }
        this.pendingLengths = new int[burstCapacity];
        this.spare = arena.allocate(ADDRESS, burstCapacity);
    }

    public Port port() {
        return port;
    }

    public int queueId() {
        return queueId;
    }

    public QueueCounters counters() {
        return counters;
    }

    /** The memory {@link #claim} offsets point into (absolute addresses). */
    public MemorySegment memory() {
        return Native.EVERYTHING;
    }

    public int pending() {
        return pendingCount;
    }

    /**
     * Starts a frame of {@code length} bytes in a fresh mbuf, queued for the next {@link #flush()} (flushing
     * first when the burst is full).
     *
     * @return the offset in {@link #memory()} of the frame's first byte, or -1 when it was dropped and counted
     *         (no mbuf: {@link QueueCounter#TX_DROP_NO_MBUF}; too long: {@link QueueCounter#TX_DROP_TOO_LONG})
     */
    public long claim(int length) {
        if (length <= 0 || length > maxFrameLength) {
            counters.add(QueueCounter.TX_DROP_TOO_LONG, 1);
            return -1;
        }
        if (pendingCount == capacity) {
            flush();
        }
        if (spareIndex == spareCount && !refill()) {
            counters.add(QueueCounter.TX_DROP_NO_MBUF, 1);
            return -1;
        }
        long address = spare.getAtIndex(JAVA_LONG, spareIndex++);
        mbuf.wrap(address).dataLen(length).pktLen(length);
        pending.setAtIndex(JAVA_LONG, pendingCount, address);
        pendingLengths[pendingCount++] = length;
        return mbuf.dataAddress();
    }

    /**
     * Shrinks the frame claimed last (still pending) to {@code length} bytes, for frames whose length is known only
     * once built. Returns false, changing nothing, if nothing is pending or {@code length} is not in 1..claimed.
     */
    public boolean trimLast(int length) {
        if (pendingCount == 0 || length <= 0 || length > pendingLengths[pendingCount - 1]) {
            return false;
        }
        mbuf.wrap(pending.getAtIndex(JAVA_LONG, pendingCount - 1)).dataLen(length).pktLen(length);
        pendingLengths[pendingCount - 1] = length;
        return true;
    }

    /** Takes back the frame claimed last, unsent: its mbuf returns to the spares for the next claim. */
    public boolean unclaimLast() {
        if (pendingCount == 0 || spareIndex == 0
                || spare.getAtIndex(JAVA_LONG, spareIndex - 1) != pending.getAtIndex(JAVA_LONG, pendingCount - 1)) {
            return false;
        }
        pendingCount--;
        spareIndex--;
        return true;
    }

    /**
     * Makes sure the next {@link #claim} finds a preallocated mbuf, refilling the spares now if none is left: for the
     * caller's idle time, so the bulk allocation stays off its message path. False when the pool has none to give
     * (nothing is counted: no frame was lost).
     */
    public boolean refillIfEmpty() {
        return spareIndex < spareCount || refill();
    }

    private boolean refill() {
        spareIndex = 0;
        spareCount = 0;
        if (CriticalCalls.hft_pktmbuf_alloc_bulk(pool.address(), spare, capacity) == 0) {
            spareCount = capacity;
        } else if (CriticalCalls.hft_pktmbuf_alloc_bulk(pool.address(), spare, 1) == 0) {
            spareCount = 1;
        }
        return spareCount > 0;
    }

    /**
     * Sends the pending frames: one {@code tx_burst}, then up to {@code txRetries} more for what the queue did
     * not take; frames still unsent are freed and counted as {@link QueueCounter#TX_DROP_FULL}.
     *
     * @return frames handed to the driver
     */
    public int flush() {
        int count = pendingCount;
        if (count == 0) {
            return 0;
        }
        int sent = burst(pending, count);
        for (int attempt = 0; sent < count && attempt < retries; attempt++) {
            counters.add(QueueCounter.TX_RETRIES, 1);
            sent += burst(pendingFrom[sent], count - sent);
        }
        long bytes = 0;
        for (int i = 0; i < sent; i++) {
            bytes += pendingLengths[i];
        }
        if (sent < count) {
            CriticalCalls.rte_pktmbuf_free_bulk(pendingFrom[sent], count - sent);
            counters.add(QueueCounter.TX_DROP_FULL, count - sent);
        }
        counters.add(QueueCounter.TX_PACKETS, sent);
        counters.add(QueueCounter.TX_BYTES, bytes);
        pendingCount = 0;
        return sent;
    }

    private int burst(MemorySegment from, int count) {
        return Short.toUnsignedInt(fastPath == FastPath.SHIM
                ? CriticalCalls.hft_tx_burst(portId, queueId, from, (short) count)
                : CriticalCalls.eth_tx_burst(txPktBurst, txq, from, (short) count));
    }

    /** Flushes what is pending and returns the unused preallocated mbufs to the pool. */
    @Override
    public void close() {
        flush();
        if (spareIndex < spareCount) {
            CriticalCalls.rte_pktmbuf_free_bulk(spare.asSlice(spareIndex * ADDRESS.byteSize()), spareCount - spareIndex);
        }
        spareIndex = 0;
        spareCount = 0;
    }
}
