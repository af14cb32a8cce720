package dev.hft.dpdk;

import dev.hft.dpdk.ffi.dpdk_h;
import dev.hft.dpdk.ffi.eth_rx_burst_t;
import dev.hft.dpdk.ffi.eth_tx_burst_t;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The fast-path downcalls, linked {@code Linker.Option.critical(false)}, which jextract does not emit: these
 * functions are short, never call back into Java and never touch the Java heap, so the thread-state transition
 * around a plain downcall is pure cost. Addresses and descriptors are the generated binding's; only the linkage
 * differs. Touch only once {@link Native#UNAVAILABLE_REASON} is null.
 */
final class CriticalCalls {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    private static final MethodHandle hft_rx_burst = critical(dpdk_h.hft_rx_burst$address(), dpdk_h.hft_rx_burst$descriptor());
    private static final MethodHandle hft_tx_burst = critical(dpdk_h.hft_tx_burst$address(), dpdk_h.hft_tx_burst$descriptor());
    private static final MethodHandle hft_pktmbuf_alloc_bulk = critical(dpdk_h.hft_pktmbuf_alloc_bulk$address(),
            dpdk_h.hft_pktmbuf_alloc_bulk$descriptor());
    private static final MethodHandle rte_pktmbuf_free_bulk = critical(dpdk_h.rte_pktmbuf_free_bulk$address(),
            dpdk_h.rte_pktmbuf_free_bulk$descriptor());
    /** A PMD's burst function from {@code rte_eth_fp_ops}: the function pointer is the first argument. */
    private static final MethodHandle eth_rx_burst = LINKER.downcallHandle(eth_rx_burst_t.descriptor(), CRITICAL);
    private static final MethodHandle eth_tx_burst = LINKER.downcallHandle(eth_tx_burst_t.descriptor(), CRITICAL);

    private CriticalCalls() {
    }

    private static MethodHandle critical(MemorySegment function, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(function, descriptor, CRITICAL);
    }

    static short hft_rx_burst(short portId, short queueId, MemorySegment rxPkts, short nbPkts) {
        try {
            return (short) hft_rx_burst.invokeExact(portId, queueId, rxPkts, nbPkts);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static short hft_tx_burst(short portId, short queueId, MemorySegment txPkts, short nbPkts) {
        try {
            return (short) hft_tx_burst.invokeExact(portId, queueId, txPkts, nbPkts);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static int hft_pktmbuf_alloc_bulk(MemorySegment pool, MemorySegment mbufs, int count) {
        try {
            return (int) hft_pktmbuf_alloc_bulk.invokeExact(pool, mbufs, count);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static void rte_pktmbuf_free_bulk(MemorySegment mbufs, int count) {
        try {
            rte_pktmbuf_free_bulk.invokeExact(mbufs, count);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static short eth_rx_burst(MemorySegment function, MemorySegment rxq, MemorySegment rxPkts, short nbPkts) {
        try {
            return (short) eth_rx_burst.invokeExact(function, rxq, rxPkts, nbPkts);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static short eth_tx_burst(MemorySegment function, MemorySegment txq, MemorySegment txPkts, short nbPkts) {
        try {
            return (short) eth_tx_burst.invokeExact(function, txq, txPkts, nbPkts);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
