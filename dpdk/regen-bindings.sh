#!/bin/sh
# Regenerates the DPDK binding with jextract (https://jdk.java.net/jextract/) into target/jextract, for the
# exact surface the hand-kept classes in src/main/java/dev/hft/dpdk bind (rte_eal_h, rte_ethdev_h,
# rte_mempool_h, hft_dpdk_shim_h and the struct classes). Diff the generated layouts and descriptors against
# them after a DPDK upgrade; OffsetsProbeTest checks the offsets either way.
#
# Include list: hft_dpdk_bindings.h = rte_config.h, rte_dev.h, rte_eal.h, rte_errno.h, rte_ethdev.h,
# rte_lcore.h, rte_mbuf.h, rte_mempool.h + the shim's prototypes. Symbol filter: the --include-* lines below.
set -eu
cd "$(dirname "$0")"
if ! command -v jextract >/dev/null 2>&1; then
    echo "jextract is not on PATH: install it from https://jdk.java.net/jextract/ (the build does not need it)" >&2
    exit 1
fi
include_dirs=$(pkg-config --cflags-only-I libdpdk)
out=target/jextract
rm -rf "$out"
mkdir -p "$out"

functions="rte_eal_init rte_eal_cleanup rte_socket_id rte_get_main_lcore rte_lcore_count rte_lcore_to_socket_id
  rte_thread_register rte_strerror rte_dev_probe rte_dev_remove
  rte_pktmbuf_pool_create rte_mempool_free rte_mempool_avail_count rte_mempool_in_use_count rte_pktmbuf_free_bulk
  rte_eth_dev_count_avail rte_eth_dev_get_port_by_name rte_eth_dev_info_get rte_eth_dev_socket_id
  rte_eth_dev_configure rte_eth_rx_queue_setup rte_eth_tx_queue_setup rte_eth_dev_start rte_eth_dev_stop
  rte_eth_dev_close rte_eth_promiscuous_enable rte_eth_allmulticast_enable rte_eth_link_get_nowait
  rte_eth_stats_get rte_eth_xstats_get_names rte_eth_xstats_get
  hft_rx_burst hft_tx_burst hft_pktmbuf_alloc_bulk hft_rte_errno"
structs="rte_mbuf rte_eth_fp_ops rte_ethdev_qdata rte_eth_dev_info rte_eth_conf rte_eth_rxmode rte_eth_rss_conf
  rte_eth_stats rte_eth_link rte_eth_xstat rte_eth_xstat_name"
typedefs="eth_rx_burst_t eth_tx_burst_t"
constants="RTE_MAX_ETHPORTS RTE_PKTMBUF_HEADROOM RTE_MBUF_DEFAULT_BUF_SIZE RTE_ETH_XSTATS_NAME_SIZE"

args=""
for f in $functions; do args="$args --include-function $f"; done
for s in $structs; do args="$args --include-struct $s"; done
for t in $typedefs; do args="$args --include-typedef $t"; done
for c in $constants; do args="$args --include-constant $c"; done
args="$args --include-var rte_eth_fp_ops"

# shellcheck disable=SC2086
jextract --output "$out" --target-package dev.hft.dpdk.gen --header-class-name dpdk_h \
    $include_dirs -D RTE_FORCE_INTRINSICS \
    -l librte_eal.so.23 -l librte_mempool.so.23 -l librte_mbuf.so.23 -l librte_ethdev.so.23 \
    $args src/main/c/hft_dpdk_bindings.h
echo "generated into $out/dev/hft/dpdk/gen: compare with src/main/java/dev/hft/dpdk"
