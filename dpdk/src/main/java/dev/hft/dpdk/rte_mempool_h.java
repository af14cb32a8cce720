package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** rte_mempool.h and rte_mbuf.h: pool lifecycle and the exported bulk free. */
public final class rte_mempool_h {

    private static final MethodHandle rte_pktmbuf_pool_create = Native.downcall("rte_pktmbuf_pool_create",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_INT));
    private static final MethodHandle rte_mempool_free = Native.downcall("rte_mempool_free",
            FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle rte_mempool_avail_count = Native.downcall("rte_mempool_avail_count",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle rte_mempool_in_use_count = Native.downcall("rte_mempool_in_use_count",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle rte_pktmbuf_free_bulk = Native.downcall("rte_pktmbuf_free_bulk",
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT), Linker.Option.critical(false));

    private rte_mempool_h() {
    }

    public static MemorySegment rte_pktmbuf_pool_create(MemorySegment name, int n, int cacheSize, short privSize,
                                                        short dataRoomSize, int socketId) {
        try {
            return (MemorySegment) rte_pktmbuf_pool_create.invokeExact(name, n, cacheSize, privSize, dataRoomSize, socketId);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static void rte_mempool_free(MemorySegment mp) {
        try {
            rte_mempool_free.invokeExact(mp);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_mempool_avail_count(MemorySegment mp) {
        try {
            return (int) rte_mempool_avail_count.invokeExact(mp);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_mempool_in_use_count(MemorySegment mp) {
        try {
            return (int) rte_mempool_in_use_count.invokeExact(mp);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static void rte_pktmbuf_free_bulk(MemorySegment mbufs, int count) {
        try {
            rte_pktmbuf_free_bulk.invokeExact(mbufs, count);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
