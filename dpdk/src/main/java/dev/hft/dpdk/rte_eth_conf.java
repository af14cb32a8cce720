package dev.hft.dpdk;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct rte_eth_conf} (rte_ethdev.h): zeroed, then RX multi-queue mode and RSS hash functions set. */
public final class rte_eth_conf {

    public static final int RTE_ETH_MQ_RX_NONE = 0;
    public static final int RTE_ETH_MQ_RX_RSS = 1;
    public static final long RTE_ETH_RSS_IP = 41868L;
    public static final long RTE_ETH_RSS_UDP = 133152L;
    public static final long RTE_ETH_RSS_TCP = 66576L;

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("link_speeds"),
            MemoryLayout.paddingLayout(4),
            MemoryLayout.structLayout(JAVA_INT.withName("mq_mode")).withName("rxmode"),
            MemoryLayout.paddingLayout(116),
            MemoryLayout.structLayout(MemoryLayout.structLayout(
                    ADDRESS.withName("rss_key"),
                    JAVA_BYTE.withName("rss_key_len"),
                    MemoryLayout.paddingLayout(7),
                    JAVA_LONG.withName("rss_hf")).withName("rss_conf")).withName("rx_adv_conf"),
            MemoryLayout.paddingLayout(2120))
            .withName("rte_eth_conf");

    public static final long RXMODE_MQ_MODE_OFFSET = LAYOUT.byteOffset(groupElement("rxmode"), groupElement("mq_mode"));
    public static final long RSS_KEY_OFFSET = rss("rss_key");
    public static final long RSS_KEY_LEN_OFFSET = rss("rss_key_len");
    public static final long RSS_HF_OFFSET = rss("rss_hf");

    private rte_eth_conf() {
    }

    private static long rss(String field) {
        return LAYOUT.byteOffset(groupElement("rx_adv_conf"), groupElement("rss_conf"), groupElement(field));
    }
}
