package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * dpdk/src/main/c/hft_dpdk_shim.c: exported wrappers of DPDK's static-inline fast path. The burst and alloc
 * calls are short, never call back into Java and never touch the Java heap, so they are linked critical.
 */
public final class hft_dpdk_shim_h {

    private static final MethodHandle hft_rx_burst = Native.downcall("hft_rx_burst",
            FunctionDescriptor.of(JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, ADDRESS, JAVA_SHORT), Linker.Option.critical(false));
    private static final MethodHandle hft_tx_burst = Native.downcall("hft_tx_burst",
            FunctionDescriptor.of(JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, ADDRESS, JAVA_SHORT), Linker.Option.critical(false));
    private static final MethodHandle hft_pktmbuf_alloc_bulk = Native.downcall("hft_pktmbuf_alloc_bulk",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), Linker.Option.critical(false));
    private static final MethodHandle hft_rte_errno = Native.downcall("hft_rte_errno",
            FunctionDescriptor.of(JAVA_INT));

    private hft_dpdk_shim_h() {
    }

    public static short hft_rx_burst(short portId, short queueId, MemorySegment rxPkts, short nbPkts) {
        try {
            return (short) hft_rx_burst.invokeExact(portId, queueId, rxPkts, nbPkts);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static short hft_tx_burst(short portId, short queueId, MemorySegment txPkts, short nbPkts) {
        try {
            return (short) hft_tx_burst.invokeExact(portId, queueId, txPkts, nbPkts);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int hft_pktmbuf_alloc_bulk(MemorySegment pool, MemorySegment mbufs, int count) {
        try {
            return (int) hft_pktmbuf_alloc_bulk.invokeExact(pool, mbufs, count);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code rte_errno} of the calling thread (a thread-local in DPDK, so read through the shim). */
    public static int hft_rte_errno() {
        try {
            return (int) hft_rte_errno.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
