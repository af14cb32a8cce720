package dev.hft.dpdk;

/** How RX/TX bursts reach DPDK's static-inline {@code rte_eth_rx_burst}/{@code rte_eth_tx_burst}. */
public enum FastPath {
    /** Call the PMD's burst function pointers from {@code rte_eth_fp_ops} through a downcall handle. */
    FP_OPS,
    /** Call {@code hft_rx_burst}/{@code hft_tx_burst} in libhftdpdk.so, which inline the DPDK functions. */
    SHIM;

    /** The default, overridable with {@code -Dhft.dpdk.fastpath=fp_ops|shim} (docs/dpdk.md says why). */
    public static FastPath defaultPath() {
        return valueOf(System.getProperty("hft.dpdk.fastpath", "shim").toUpperCase());
    }
}
