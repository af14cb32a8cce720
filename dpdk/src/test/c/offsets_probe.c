/*
 * Prints, as key=value lines, every struct offset, size and constant the Java side relies on, read from
 * the installed DPDK headers. OffsetsProbeTest compiles and runs it and compares each line with the
 * generated binding (dev.hft.dpdk.ffi) and the hand-written constants, so bindings generated for another
 * DPDK version fail loudly instead of corrupting memory.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#define OFF(type, field, key) printf(#type "." key "=%zu\n", offsetof(struct type, field))
#define SIZE(type) printf("sizeof." #type "=%zu\n", sizeof(struct type))
#define CONST(name) printf("const." #name "=%llu\n", (unsigned long long) (name))

int main(void) {
    OFF(rte_mbuf, buf_addr, "buf_addr");
    OFF(rte_mbuf, data_off, "data_off");
    OFF(rte_mbuf, nb_segs, "nb_segs");
    OFF(rte_mbuf, port, "port");
    OFF(rte_mbuf, pkt_len, "pkt_len");
    OFF(rte_mbuf, data_len, "data_len");
    OFF(rte_mbuf, buf_len, "buf_len");
    OFF(rte_mbuf, pool, "pool");
    SIZE(rte_mbuf);

    OFF(rte_eth_fp_ops, rx_pkt_burst, "rx_pkt_burst");
    OFF(rte_eth_fp_ops, rxq.data, "rxq.data");
    OFF(rte_eth_fp_ops, rxq.clbk, "rxq.clbk");
    OFF(rte_eth_fp_ops, tx_pkt_burst, "tx_pkt_burst");
    OFF(rte_eth_fp_ops, txq.data, "txq.data");
    OFF(rte_eth_fp_ops, txq.clbk, "txq.clbk");
    SIZE(rte_eth_fp_ops);

    OFF(rte_eth_dev_info, device, "device");
    OFF(rte_eth_dev_info, driver_name, "driver_name");
    OFF(rte_eth_dev_info, max_rx_queues, "max_rx_queues");
    OFF(rte_eth_dev_info, max_tx_queues, "max_tx_queues");
    OFF(rte_eth_dev_info, reta_size, "reta_size");
    OFF(rte_eth_dev_info, flow_type_rss_offloads, "flow_type_rss_offloads");
    SIZE(rte_eth_dev_info);

    OFF(rte_eth_conf, rxmode.mq_mode, "rxmode.mq_mode");
    OFF(rte_eth_conf, rx_adv_conf.rss_conf.rss_key, "rx_adv_conf.rss_conf.rss_key");
    OFF(rte_eth_conf, rx_adv_conf.rss_conf.rss_key_len, "rx_adv_conf.rss_conf.rss_key_len");
    OFF(rte_eth_conf, rx_adv_conf.rss_conf.rss_hf, "rx_adv_conf.rss_conf.rss_hf");
    SIZE(rte_eth_conf);

    OFF(rte_eth_stats, ipackets, "ipackets");
    OFF(rte_eth_stats, opackets, "opackets");
    OFF(rte_eth_stats, ibytes, "ibytes");
    OFF(rte_eth_stats, obytes, "obytes");
    OFF(rte_eth_stats, imissed, "imissed");
    OFF(rte_eth_stats, ierrors, "ierrors");
    OFF(rte_eth_stats, oerrors, "oerrors");
    OFF(rte_eth_stats, rx_nombuf, "rx_nombuf");
    SIZE(rte_eth_stats);

    OFF(rte_eth_link, link_speed, "link_speed");
    SIZE(rte_eth_link);
    {
        /* link_status is a bit-field (no offsetof): set it alone and find the byte and the bit it lands in. */
        struct rte_eth_link link;
        const unsigned char *bytes = (const unsigned char *) &link;
        size_t i = 0;
        memset(&link, 0, sizeof(link));
        link.link_status = 1;
        while (i < sizeof(link) - 1 && bytes[i] == 0) {
            i++;
        }
        printf("rte_eth_link.link_status_byte=%zu\n", i);
        printf("rte_eth_link.link_status_mask=%u\n", bytes[i]);
    }

    OFF(rte_eth_xstat, id, "id");
    OFF(rte_eth_xstat, value, "value");
    SIZE(rte_eth_xstat);
    OFF(rte_eth_xstat_name, name, "name");
    SIZE(rte_eth_xstat_name);

    CONST(RTE_MAX_ETHPORTS);
    CONST(RTE_PKTMBUF_HEADROOM);
    CONST(RTE_MBUF_DEFAULT_BUF_SIZE);
    CONST(RTE_ETH_MQ_RX_NONE);
    CONST(RTE_ETH_MQ_RX_RSS);
    CONST(RTE_ETH_RSS_IP);
    CONST(RTE_ETH_RSS_UDP);
    CONST(RTE_ETH_RSS_TCP);
    CONST(RTE_ETH_XSTATS_NAME_SIZE);
    CONST(RTE_MEMPOOL_NAMESIZE);
    printf("dims.rte_eth_fp_ops=%zu\n", sizeof(rte_eth_fp_ops) / sizeof(rte_eth_fp_ops[0]));
    return 0;
}
