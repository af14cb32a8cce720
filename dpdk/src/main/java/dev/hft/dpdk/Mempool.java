package dev.hft.dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import dev.hft.dpdk.ffi.dpdk_h;

/**
 * A packet-mbuf pool ({@code rte_pktmbuf_pool_create}) on one NUMA socket, of mbufs with DPDK's default data room
 * ({@code RTE_MBUF_DEFAULT_BUF_SIZE}: {@code RTE_PKTMBUF_HEADROOM} plus 2048 bytes for the frame).
 */
public final class Mempool implements AutoCloseable {

    private final String name;
    private final MemorySegment pool;
    private final int size;
    private final int socketId;
    private boolean closed;

    private Mempool(String name, MemorySegment pool, int size, int socketId) {
        this.name = name;
        this.pool = pool;
        this.size = size;
        this.socketId = socketId;
    }

    /**
     * @param name      at most {@code RTE_MEMPOOL_NAMESIZE - 1} characters (25 in DPDK 22.11)
     * @param size      mbufs in the pool (2^q - 1 is optimal for the ring underneath)
     * @param cacheSize per-lcore cache (0 for none); only threads known to the EAL use it
     * @param socketId  NUMA socket, or -1 for any
     */
    public static Mempool create(String name, int size, int cacheSize, int socketId) {
        Dpdk.requireInitialized();
        if (name.length() > maxNameLength()) {
            throw new DpdkException("mempool name '" + name + "' is longer than " + maxNameLength() + " characters");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pool = dpdk_h.rte_pktmbuf_pool_create(arena.allocateFrom(name), size, cacheSize,
                    (short) 0, (short) dpdk_h.RTE_MBUF_DEFAULT_BUF_SIZE(), socketId);
            if (pool.address() == 0) {
                throw new DpdkException("rte_pktmbuf_pool_create " + name + " (" + size + " mbufs, socket " + socketId
                        + ") failed: " + Dpdk.lastError() + (socketId >= 0 ? " (the EAL needs memory on NUMA node "
                        + socketId + ": hugepages there and --socket-mem; with --no-huge all of it is on node 0)" : ""));
            }
            return new Mempool(name, pool, size, socketId);
        }
    }

    /** {@code RTE_MEMPOOL_NAMESIZE} minus the terminating NUL. */
    static int maxNameLength() {
        return (int) dpdk_h.RTE_MEMPOOL_NAMESIZE() - 1;
    }

    /** Bytes a frame may have in one mbuf of this pool: the data room after the headroom. */
    public int frameRoom() {
        return defaultFrameRoom();
    }

    /** Bytes a frame may have in one mbuf of the pools this binding creates. Needs DPDK ({@link Dpdk#isAvailable()}). */
    public static int defaultFrameRoom() {
        return dpdk_h.RTE_MBUF_DEFAULT_BUF_SIZE() - dpdk_h.RTE_PKTMBUF_HEADROOM();
    }

    public String name() {
        return name;
    }

    /** The {@code struct rte_mempool *}. */
    public MemorySegment address() {
        return pool;
    }

    public int size() {
        return size;
    }

    /** The NUMA socket the pool was created on, -1 for any. */
    public int socketId() {
        return socketId;
    }

    /** {@code rte_mempool_avail_count}: free mbufs, per-lcore caches included. */
    public int availableCount() {
        return dpdk_h.rte_mempool_avail_count(pool);
    }

    /** {@code rte_mempool_in_use_count}. */
    public int inUseCount() {
        return dpdk_h.rte_mempool_in_use_count(pool);
    }

    /** {@code rte_mempool_free}; the ports using the pool must be closed first. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            dpdk_h.rte_mempool_free(pool);
        }
    }
}
