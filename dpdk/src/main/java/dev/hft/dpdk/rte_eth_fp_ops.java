package dev.hft.dpdk;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct rte_eth_fp_ops} (rte_ethdev_core.h): per-port fast-path function pointers, the exported
 * array {@code rte_eth_fp_ops[RTE_MAX_ETHPORTS]} that the static-inline {@code rte_eth_rx_burst} reads.
 */
public final class rte_eth_fp_ops {

    private static final StructLayout QDATA = MemoryLayout.structLayout(
            ADDRESS.withName("data"),
            ADDRESS.withName("clbk"));

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ADDRESS.withName("rx_pkt_burst"),
            ADDRESS.withName("rx_queue_count"),
            ADDRESS.withName("rx_descriptor_status"),
            QDATA.withName("rxq"),
            MemoryLayout.paddingLayout(24),
            ADDRESS.withName("tx_pkt_burst"),
            ADDRESS.withName("tx_pkt_prepare"),
            ADDRESS.withName("tx_descriptor_status"),
            QDATA.withName("txq"),
            MemoryLayout.paddingLayout(24))
            .withName("rte_eth_fp_ops");

    public static final long RX_PKT_BURST_OFFSET = LAYOUT.byteOffset(groupElement("rx_pkt_burst"));
    public static final long RXQ_DATA_OFFSET = LAYOUT.byteOffset(groupElement("rxq"), groupElement("data"));
    public static final long RXQ_CLBK_OFFSET = LAYOUT.byteOffset(groupElement("rxq"), groupElement("clbk"));
    public static final long TX_PKT_BURST_OFFSET = LAYOUT.byteOffset(groupElement("tx_pkt_burst"));
    public static final long TXQ_DATA_OFFSET = LAYOUT.byteOffset(groupElement("txq"), groupElement("data"));
    public static final long TXQ_CLBK_OFFSET = LAYOUT.byteOffset(groupElement("txq"), groupElement("clbk"));

    private rte_eth_fp_ops() {
    }
}
