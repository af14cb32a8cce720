package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * rte_ethdev.h: control-path functions, plus the exported {@code rte_eth_fp_ops} array and downcall handles for
 * the PMD burst function pointers found in it (what the static-inline {@code rte_eth_rx_burst} calls).
 */
public final class rte_ethdev_h {

    /** {@code rte_eth_fp_ops[RTE_MAX_ETHPORTS]}. */
    public static final int RTE_MAX_ETHPORTS = 32;
    private static final MemorySegment FP_OPS = Native.symbol("rte_eth_fp_ops")
            .reinterpret(RTE_MAX_ETHPORTS * rte_eth_fp_ops.LAYOUT.byteSize());

    /** {@code uint16_t (*eth_rx_burst_t)(void *rxq, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)}, function first. */
    private static final MethodHandle eth_rx_burst_t = Native.LINKER.downcallHandle(
            FunctionDescriptor.of(JAVA_SHORT, ADDRESS, ADDRESS, JAVA_SHORT), Linker.Option.critical(false));
    /** {@code uint16_t (*eth_tx_burst_t)(void *txq, struct rte_mbuf **tx_pkts, uint16_t nb_pkts)}, function first. */
    private static final MethodHandle eth_tx_burst_t = Native.LINKER.downcallHandle(
            FunctionDescriptor.of(JAVA_SHORT, ADDRESS, ADDRESS, JAVA_SHORT), Linker.Option.critical(false));

    private static final MethodHandle rte_eth_dev_count_avail = Native.downcall("rte_eth_dev_count_avail",
            FunctionDescriptor.of(JAVA_SHORT));
    private static final MethodHandle rte_eth_dev_get_port_by_name = Native.downcall("rte_eth_dev_get_port_by_name",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle rte_eth_dev_info_get = Native.downcall("rte_eth_dev_info_get",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, ADDRESS));
    private static final MethodHandle rte_eth_dev_socket_id = Native.downcall("rte_eth_dev_socket_id",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    private static final MethodHandle rte_eth_dev_configure = Native.downcall("rte_eth_dev_configure",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, ADDRESS));
    private static final MethodHandle rte_eth_rx_queue_setup = Native.downcall("rte_eth_rx_queue_setup",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle rte_eth_tx_queue_setup = Native.downcall("rte_eth_tx_queue_setup",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, JAVA_INT, ADDRESS));
    private static final MethodHandle rte_eth_dev_start = Native.downcall("rte_eth_dev_start",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    private static final MethodHandle rte_eth_dev_stop = Native.downcall("rte_eth_dev_stop",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    private static final MethodHandle rte_eth_dev_close = Native.downcall("rte_eth_dev_close",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    private static final MethodHandle rte_eth_promiscuous_enable = Native.downcall("rte_eth_promiscuous_enable",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    private static final MethodHandle rte_eth_allmulticast_enable = Native.downcall("rte_eth_allmulticast_enable",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT));
    private static final MethodHandle rte_eth_link_get_nowait = Native.downcall("rte_eth_link_get_nowait",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, ADDRESS));
    private static final MethodHandle rte_eth_stats_get = Native.downcall("rte_eth_stats_get",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, ADDRESS));
    private static final MethodHandle rte_eth_xstats_get_names = Native.downcall("rte_eth_xstats_get_names",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, ADDRESS, JAVA_INT));
    private static final MethodHandle rte_eth_xstats_get = Native.downcall("rte_eth_xstats_get",
            FunctionDescriptor.of(JAVA_INT, JAVA_SHORT, ADDRESS, JAVA_INT));

    private rte_ethdev_h() {
    }

    /** The exported array {@code rte_eth_fp_ops[RTE_MAX_ETHPORTS]}. */
    public static MemorySegment rte_eth_fp_ops() {
        return FP_OPS;
    }

    public static short eth_rx_burst(MemorySegment function, MemorySegment rxq, MemorySegment rxPkts, short nbPkts) {
        try {
            return (short) eth_rx_burst_t.invokeExact(function, rxq, rxPkts, nbPkts);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static short eth_tx_burst(MemorySegment function, MemorySegment txq, MemorySegment txPkts, short nbPkts) {
        try {
            return (short) eth_tx_burst_t.invokeExact(function, txq, txPkts, nbPkts);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static short rte_eth_dev_count_avail() {
        try {
            return (short) rte_eth_dev_count_avail.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_dev_get_port_by_name(MemorySegment name, MemorySegment portId) {
        try {
            return (int) rte_eth_dev_get_port_by_name.invokeExact(name, portId);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_dev_info_get(short portId, MemorySegment devInfo) {
        try {
            return (int) rte_eth_dev_info_get.invokeExact(portId, devInfo);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_dev_socket_id(short portId) {
        try {
            return (int) rte_eth_dev_socket_id.invokeExact(portId);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_dev_configure(short portId, short nbRxQueue, short nbTxQueue, MemorySegment ethConf) {
        try {
            return (int) rte_eth_dev_configure.invokeExact(portId, nbRxQueue, nbTxQueue, ethConf);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_rx_queue_setup(short portId, short rxQueueId, short nbRxDesc, int socketId, MemorySegment rxConf, MemorySegment mbPool) {
        try {
            return (int) rte_eth_rx_queue_setup.invokeExact(portId, rxQueueId, nbRxDesc, socketId, rxConf, mbPool);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_tx_queue_setup(short portId, short txQueueId, short nbTxDesc, int socketId, MemorySegment txConf) {
        try {
            return (int) rte_eth_tx_queue_setup.invokeExact(portId, txQueueId, nbTxDesc, socketId, txConf);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_dev_start(short portId) {
        try {
            return (int) rte_eth_dev_start.invokeExact(portId);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_dev_stop(short portId) {
        try {
            return (int) rte_eth_dev_stop.invokeExact(portId);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_dev_close(short portId) {
        try {
            return (int) rte_eth_dev_close.invokeExact(portId);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_promiscuous_enable(short portId) {
        try {
            return (int) rte_eth_promiscuous_enable.invokeExact(portId);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_allmulticast_enable(short portId) {
        try {
            return (int) rte_eth_allmulticast_enable.invokeExact(portId);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_link_get_nowait(short portId, MemorySegment link) {
        try {
            return (int) rte_eth_link_get_nowait.invokeExact(portId, link);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_stats_get(short portId, MemorySegment stats) {
        try {
            return (int) rte_eth_stats_get.invokeExact(portId, stats);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_xstats_get_names(short portId, MemorySegment xstatsNames, int size) {
        try {
            return (int) rte_eth_xstats_get_names.invokeExact(portId, xstatsNames, size);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eth_xstats_get(short portId, MemorySegment xstats, int n) {
        try {
            return (int) rte_eth_xstats_get.invokeExact(portId, xstats, n);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
