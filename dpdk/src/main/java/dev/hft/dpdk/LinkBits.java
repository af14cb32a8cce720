package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.hft.dpdk.ffi.rte_eth_link;
import java.lang.foreign.MemorySegment;

/**
 * The bit-fields of {@code struct rte_eth_link} ({@code uint16_t link_duplex : 1, link_autoneg : 1,
 * link_status : 1}), which jextract skips: they follow {@code link_speed}, and where each bit lands is the
 * compiler's choice, so {@code OffsetsProbeTest} checks {@link #STATUS_BYTE} and {@link #STATUS_MASK} against gcc's.
 */
final class LinkBits {

    static final long STATUS_BYTE = rte_eth_link.link_speed$offset() + rte_eth_link.link_speed$layout().byteSize();
    static final int STATUS_MASK = 4;

    private LinkBits() {
    }

    static boolean linkStatus(MemorySegment link) {
        return (link.get(JAVA_BYTE, STATUS_BYTE) & STATUS_MASK) != 0;
    }
}
