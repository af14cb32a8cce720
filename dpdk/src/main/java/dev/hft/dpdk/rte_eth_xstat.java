package dev.hft.dpdk;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct rte_eth_xstat} and {@code struct rte_eth_xstat_name} (rte_ethdev.h). */
public final class rte_eth_xstat {

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("id"),
            JAVA_LONG.withName("value"))
            .withName("rte_eth_xstat");

    public static final int RTE_ETH_XSTATS_NAME_SIZE = 64;

    public static final StructLayout NAME_LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(RTE_ETH_XSTATS_NAME_SIZE, java.lang.foreign.ValueLayout.JAVA_BYTE).withName("name"))
            .withName("rte_eth_xstat_name");

    public static final long ID_OFFSET = LAYOUT.byteOffset(groupElement("id"));
    public static final long VALUE_OFFSET = LAYOUT.byteOffset(groupElement("value"));
    public static final long NAME_OFFSET = NAME_LAYOUT.byteOffset(groupElement("name"));

    private rte_eth_xstat() {
    }
}
