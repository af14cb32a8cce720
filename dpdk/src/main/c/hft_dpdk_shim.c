/*
 * DPDK's fast path is static inline in its headers (rte_eth_rx_burst, rte_eth_tx_burst,
 * rte_pktmbuf_alloc_bulk, rte_errno): these exported wrappers let Java reach them with one downcall.
 */
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "hft_dpdk_bindings.h"

uint16_t hft_rx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts, uint16_t nb_pkts) {
    return rte_eth_rx_burst(port_id, queue_id, rx_pkts, nb_pkts);
}

uint16_t hft_tx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts, uint16_t nb_pkts) {
    return rte_eth_tx_burst(port_id, queue_id, tx_pkts, nb_pkts);
}

int hft_pktmbuf_alloc_bulk(struct rte_mempool *pool, struct rte_mbuf **mbufs, unsigned int count) {
    return rte_pktmbuf_alloc_bulk(pool, mbufs, count);
}

int hft_rte_errno(void) {
    return rte_errno;
}
