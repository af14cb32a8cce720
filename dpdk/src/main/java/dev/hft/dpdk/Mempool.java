package dev.hft.dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A packet-mbuf pool ({@code rte_pktmbuf_pool_create}) on one NUMA socket. */
public final class Mempool implements AutoCloseable {

    /** {@code RTE_MBUF_DEFAULT_BUF_SIZE}: 2048 bytes of data room after the 128-byte headroom. */
    public static final int DEFAULT_DATA_ROOM = 2176;
    /** {@code RTE_PKTMBUF_HEADROOM}. */
    public static final int HEADROOM = 128;
    /** {@code RTE_MEMPOOL_NAMESIZE} minus the terminating NUL. */
    public static final int MAX_NAME_LENGTH = 25;

    private final String name;
    private final MemorySegment pool;
    private final int size;
    private boolean closed;

    private Mempool(String name, MemorySegment pool, int size) {
        this.name = name;
        this.pool = pool;
        this.size = size;
    }

    /**
     * @param size      mbufs in the pool (2^q - 1 is optimal for the ring underneath)
     * @param cacheSize per-lcore cache (0 for none); only threads known to the EAL use it
     * @param socketId  NUMA socket, or -1 for any
     */
    public static Mempool create(String name, int size, int cacheSize, int socketId) {
        Dpdk.requireInitialized();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new DpdkException("mempool name '" + name + "' is longer than " + MAX_NAME_LENGTH + " characters");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pool = rte_mempool_h.rte_pktmbuf_pool_create(arena.allocateFrom(name), size, cacheSize,
                    (short) 0, (short) DEFAULT_DATA_ROOM, socketId);
            if (pool.address() == 0) {
                throw new DpdkException("rte_pktmbuf_pool_create " + name + " (" + size + " mbufs, socket " + socketId
                        + ") failed: " + Dpdk.lastError());
            }
            return new Mempool(name, pool, size);
        }
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

    /** {@code rte_mempool_avail_count}: free mbufs, per-lcore caches included. */
    public int availableCount() {
        return rte_mempool_h.rte_mempool_avail_count(pool);
    }

    /** {@code rte_mempool_in_use_count}. */
    public int inUseCount() {
        return rte_mempool_h.rte_mempool_in_use_count(pool);
    }

    /** {@code rte_mempool_free}; the ports using the pool must be closed first. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rte_mempool_h.rte_mempool_free(pool);
        }
    }
}
