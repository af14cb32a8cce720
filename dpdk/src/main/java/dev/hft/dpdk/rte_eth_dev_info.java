package dev.hft.dpdk;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct rte_eth_dev_info} (rte_ethdev.h), only the fields the project reads. */
public final class rte_eth_dev_info {

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ADDRESS.withName("device"),
            ADDRESS.withName("driver_name"),
            MemoryLayout.paddingLayout(28),
            JAVA_SHORT.withName("max_rx_queues"),
            JAVA_SHORT.withName("max_tx_queues"),
            MemoryLayout.paddingLayout(56),
            JAVA_SHORT.withName("reta_size"),
            MemoryLayout.paddingLayout(6),
            JAVA_LONG.withName("flow_type_rss_offloads"),
            MemoryLayout.paddingLayout(256))
            .withName("rte_eth_dev_info");

    public static final long DEVICE_OFFSET = LAYOUT.byteOffset(groupElement("device"));
    public static final long DRIVER_NAME_OFFSET = LAYOUT.byteOffset(groupElement("driver_name"));
    public static final long MAX_RX_QUEUES_OFFSET = LAYOUT.byteOffset(groupElement("max_rx_queues"));
    public static final long MAX_TX_QUEUES_OFFSET = LAYOUT.byteOffset(groupElement("max_tx_queues"));
    public static final long RETA_SIZE_OFFSET = LAYOUT.byteOffset(groupElement("reta_size"));
    public static final long FLOW_TYPE_RSS_OFFLOADS_OFFSET = LAYOUT.byteOffset(groupElement("flow_type_rss_offloads"));

    private rte_eth_dev_info() {
    }
}
