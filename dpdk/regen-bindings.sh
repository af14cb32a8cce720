#!/bin/sh
# Regenerates the DPDK binding, package dev.hft.dpdk.ffi, with jextract from the installed DPDK's headers.
# The generated sources are committed (the build never runs jextract); GeneratedBindingsTest regenerates them
# and fails on any difference. docs/dpdk.md ("Bindings") says which jextract and DPDK produced them.
#
#   dpdk/regen-bindings.sh [source-root]     # default: dpdk/src/main/java, i.e. replace the committed copy
#
# jextract: $JEXTRACT, else `jextract` on PATH (../shared/tools/jextract/build-jextract.sh builds one).
# DPDK: whatever `pkg-config libdpdk` finds (PKG_CONFIG_PATH selects another install).
#
# Include list: hft_dpdk_bindings.h = rte_config.h, rte_dev.h, rte_eal.h, rte_errno.h, rte_ethdev.h,
# rte_lcore.h, rte_mbuf.h, rte_mempool.h + the shim's prototypes. Symbol filter: the lists below.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=${1:-$here/src/main/java}
jextract=${JEXTRACT:-jextract}
if ! command -v "$jextract" >/dev/null 2>&1; then
    echo "regen-bindings: no jextract ('$jextract'): set JEXTRACT, or put it on PATH;" \
        "../shared/tools/jextract/build-jextract.sh builds one (the build does not need it)" >&2
    exit 1
fi
if ! pkg-config --exists libdpdk; then
    echo "regen-bindings: pkg-config cannot find libdpdk (install libdpdk-dev, or set PKG_CONFIG_PATH)" >&2
    exit 1
fi

# The generated code opens the libraries by exact file name (-l :name), so name the runtime sonames of the
# installed DPDK (librte_eal.so.23 for 22.11, .so.24 for 23.11, .so.25 for 24.11): the targets of the
# development symlinks. Plain `-l librte_eal.so.23` would make jextract emit System.mapLibraryName(...).
libdir=$(pkg-config --variable=libdir libdpdk)
libraries=""
for name in eal mempool mbuf ethdev; do
    if ! soname=$(readlink "$libdir/librte_$name.so"); then
        echo "regen-bindings: $libdir/librte_$name.so is not a symlink to the versioned library" >&2
        exit 1
    fi
    libraries="$libraries -l :$soname"
done

functions="rte_eal_init rte_eal_cleanup rte_socket_id rte_get_main_lcore rte_lcore_count rte_lcore_to_socket_id
  rte_thread_register rte_strerror rte_dev_probe rte_dev_remove
  rte_pktmbuf_pool_create rte_mempool_free rte_mempool_avail_count rte_mempool_in_use_count rte_pktmbuf_free_bulk
  rte_eth_dev_count_avail rte_eth_dev_get_port_by_name rte_eth_dev_info_get rte_eth_dev_socket_id
  rte_eth_dev_configure rte_eth_rx_queue_setup rte_eth_tx_queue_setup rte_eth_dev_start rte_eth_dev_stop
  rte_eth_dev_close rte_eth_promiscuous_enable rte_eth_allmulticast_enable rte_eth_link_get_nowait
  rte_eth_stats_get rte_eth_xstats_get_names rte_eth_xstats_get
  hft_rx_burst hft_tx_burst hft_pktmbuf_alloc_bulk hft_rte_errno"
# The structs the code uses, then every struct they contain: jextract refuses to emit a struct whose
# member types were filtered out.
structs="rte_mbuf rte_eth_fp_ops rte_ethdev_qdata rte_eth_dev_info rte_eth_conf rte_eth_rxmode rte_eth_rss_conf
  rte_eth_stats rte_eth_link rte_eth_xstat rte_eth_xstat_name
  rte_mbuf_sched rte_eth_txmode rte_eth_thresh rte_eth_rxconf rte_eth_txconf rte_eth_rxseg_capa rte_eth_desc_lim
  rte_eth_dev_portconf rte_eth_switch_info rte_eth_intr_conf rte_eth_dcb_rx_conf rte_eth_dcb_tx_conf
  rte_eth_vmdq_dcb_conf rte_eth_vmdq_dcb_tx_conf rte_eth_vmdq_rx_conf rte_eth_vmdq_tx_conf"
typedefs="eth_rx_burst_t eth_tx_burst_t"
constants="RTE_MAX_ETHPORTS RTE_PKTMBUF_HEADROOM RTE_MBUF_DEFAULT_BUF_SIZE RTE_ETH_XSTATS_NAME_SIZE
  RTE_MEMPOOL_NAMESIZE RTE_ETH_MQ_RX_NONE RTE_ETH_MQ_RX_RSS"
variables="rte_eth_fp_ops"

args=""
for f in $functions; do args="$args --include-function $f"; done
for s in $structs; do args="$args --include-struct $s"; done
for t in $typedefs; do args="$args --include-typedef $t"; done
for c in $constants; do args="$args --include-constant $c"; done
for v in $variables; do args="$args --include-var $v"; done

out="$root/dev/hft/dpdk/ffi"
rm -rf "$out"
mkdir -p "$root"
# Bit-fields (rte_eth_link's status bits; some in rte_mbuf, rte_eth_intr_conf, rte_eth_rxseg_capa) are skipped,
# one warning each: the hand-written layer reads the one it needs (LinkBits).
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086
if ! "$jextract" --output "$root" --target-package dev.hft.dpdk.ffi --header-class-name dpdk_h \
        $(pkg-config --cflags-only-I libdpdk) $libraries $args "$here/src/main/c/hft_dpdk_bindings.h" >"$log" 2>&1; then
    cat "$log" >&2
    echo "regen-bindings: jextract failed" >&2
    exit 1
fi
grep -v 'bitfields are not supported' "$log" >&2 || true
if [ ! -f "$out/dpdk_h.java" ]; then
    echo "regen-bindings: jextract generated nothing into $out" >&2
    exit 1
fi
echo "regen-bindings: DPDK $(pkg-config --modversion libdpdk),$libraries -> $out ($(ls "$out" | wc -l) files)" >&2
