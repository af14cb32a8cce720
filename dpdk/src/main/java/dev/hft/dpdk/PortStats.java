package dev.hft.dpdk;

/** {@code rte_eth_stats_get} totals of a port. */
public record PortStats(long ipackets, long opackets, long ibytes, long obytes, long imissed, long ierrors,
                        long oerrors, long rxNombuf) {
}
