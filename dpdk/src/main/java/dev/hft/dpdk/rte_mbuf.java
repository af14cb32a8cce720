package dev.hft.dpdk;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct rte_mbuf} (rte_mbuf_core.h), only the fields the project reads or writes; the rest is padding.
 * Native byte order (these are DPDK's structs, not wire formats).
 */
public final class rte_mbuf {

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ADDRESS.withName("buf_addr"),
            MemoryLayout.paddingLayout(8),              // buf_iova
            JAVA_SHORT.withName("data_off"),
            JAVA_SHORT.withName("refcnt"),
            JAVA_SHORT.withName("nb_segs"),
            JAVA_SHORT.withName("port"),
            JAVA_LONG.withName("ol_flags"),
            JAVA_INT.withName("packet_type"),
            JAVA_INT.withName("pkt_len"),
            JAVA_SHORT.withName("data_len"),
            JAVA_SHORT.withName("vlan_tci"),
            MemoryLayout.paddingLayout(10),             // hash, vlan_tci_outer
            JAVA_SHORT.withName("buf_len"),
            ADDRESS.withName("pool"),
            MemoryLayout.paddingLayout(64))             // second cache line
            .withName("rte_mbuf");

    public static final long BUF_ADDR_OFFSET = offset("buf_addr");
    public static final long DATA_OFF_OFFSET = offset("data_off");
    public static final long NB_SEGS_OFFSET = offset("nb_segs");
    public static final long PORT_OFFSET = offset("port");
    public static final long PKT_LEN_OFFSET = offset("pkt_len");
    public static final long DATA_LEN_OFFSET = offset("data_len");
    public static final long BUF_LEN_OFFSET = offset("buf_len");
    public static final long POOL_OFFSET = offset("pool");

    private rte_mbuf() {
    }

    static long offset(String field) {
        return LAYOUT.byteOffset(groupElement(field));
    }
}
