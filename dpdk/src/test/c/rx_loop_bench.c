/*
 * The C side of the RX benchmark (bench: dev.hft.bench.dpdk.DpdkRxBench compiles it with gcc -O2 and calls it in
 * the same process): the same work as the Java loop, per packet of each burst, then one bulk free.
 */
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#define BURST 32

/* Receives until `packets` frames were seen; returns a checksum of the touched bytes (so nothing is optimised away). */
uint64_t hft_bench_rx_loop(uint16_t port_id, uint16_t queue_id, uint64_t packets) {
    struct rte_mbuf *burst[BURST];
    uint64_t seen = 0, bytes = 0, checksum = 0;
    while (seen < packets) {
        uint16_t n = rte_eth_rx_burst(port_id, queue_id, burst, BURST);
        for (uint16_t i = 0; i < n; i++) {
            struct rte_mbuf *m = burst[i];
            if (m->nb_segs != 1) {
                continue;
            }
            bytes += m->data_len;
            checksum ^= *rte_pktmbuf_mtod(m, const uint64_t *);
        }
        rte_pktmbuf_free_bulk(burst, n);
        seen += n;
    }
    return checksum + bytes;
}
