package dev.hft.dpdk;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct rte_eth_link} (rte_ethdev.h); duplex/autoneg/status are bit-fields in {@code link_bits}. */
public final class rte_eth_link {

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("link_speed"),
            JAVA_SHORT.withName("link_bits"),
            MemoryLayout.paddingLayout(2))
            .withName("rte_eth_link");

    public static final long LINK_SPEED_OFFSET = LAYOUT.byteOffset(groupElement("link_speed"));
    public static final long LINK_BITS_OFFSET = LAYOUT.byteOffset(groupElement("link_bits"));
    /** The {@code link_status} bit within {@code link_bits} (checked by the probe: the bit-field order is the compiler's). */
    public static final int LINK_STATUS_MASK = 4;

    private rte_eth_link() {
    }
}
