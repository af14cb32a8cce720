package dev.hft.dpdk;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct rte_eth_stats} (rte_ethdev.h): the port totals; the per-queue arrays are padding here. */
public final class rte_eth_stats {

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("ipackets"),
            JAVA_LONG.withName("opackets"),
            JAVA_LONG.withName("ibytes"),
            JAVA_LONG.withName("obytes"),
            JAVA_LONG.withName("imissed"),
            JAVA_LONG.withName("ierrors"),
            JAVA_LONG.withName("oerrors"),
            JAVA_LONG.withName("rx_nombuf"),
            MemoryLayout.paddingLayout(640))
            .withName("rte_eth_stats");

    public static final long IPACKETS_OFFSET = LAYOUT.byteOffset(groupElement("ipackets"));
    public static final long OPACKETS_OFFSET = LAYOUT.byteOffset(groupElement("opackets"));
    public static final long IBYTES_OFFSET = LAYOUT.byteOffset(groupElement("ibytes"));
    public static final long OBYTES_OFFSET = LAYOUT.byteOffset(groupElement("obytes"));
    public static final long IMISSED_OFFSET = LAYOUT.byteOffset(groupElement("imissed"));
    public static final long IERRORS_OFFSET = LAYOUT.byteOffset(groupElement("ierrors"));
    public static final long OERRORS_OFFSET = LAYOUT.byteOffset(groupElement("oerrors"));
    public static final long RX_NOMBUF_OFFSET = LAYOUT.byteOffset(groupElement("rx_nombuf"));

    private rte_eth_stats() {
    }
}
