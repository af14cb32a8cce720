package dev.hft.dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import dev.hft.dpdk.ffi.dpdk_h;
import dev.hft.dpdk.ffi.rte_eth_stats;

/**
 * {@code rte_eth_stats_get} of one port into native memory held for the reader's life: {@link #read()} allocates
 * nothing, for the periodic reads a polling stage makes on its own thread (where {@link Port#stats()} would leave a
 * record and an arena behind every time). One reader per thread.
 */
public final class PortStatsReader {

    private final Port port;
    private final MemorySegment stats = rte_eth_stats.allocate(Arena.ofAuto());

    public PortStatsReader(Port port) {
        this.port = port;
    }

    /** Reads the port's totals now; the accessors return them until the next read. */
    public void read() {
        Port.check(port.config(), "rte_eth_stats_get", dpdk_h.rte_eth_stats_get((short) port.portId(), stats));
    }

    public long imissed() {
        return rte_eth_stats.imissed(stats);
    }

    public long ierrors() {
        return rte_eth_stats.ierrors(stats);
    }

    public long rxNombuf() {
        return rte_eth_stats.rx_nombuf(stats);
    }
}
