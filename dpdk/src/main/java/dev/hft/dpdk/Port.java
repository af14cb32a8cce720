package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configured and started ethdev port with its mbuf pool (on the port's NUMA socket), RX and TX queues.
 * Opening resolves the device string to a port id: a device already probed by the EAL ({@code --vdev} or PCI)
 * is found by name, anything else is attached with {@code rte_dev_probe}. Closing stops, closes and detaches it.
 */
public final class Port implements AutoCloseable {

    private final PortConfig config;
    private final int portId;
    private final int socketId;
    private final MemorySegment device;
    private final String driverName;
    private final int maxRxQueues;
    private final int maxTxQueues;
    private final int retaSize;
    private final long flowTypeRssOffloads;
    private final long rssHf;
    private final Mempool pool;
    private final RxQueue[] rxQueues;
    private final TxQueue[] txQueues;
    private boolean started;
    private boolean closed;

    private Port(PortConfig config, int portId, MemorySegment info, Mempool pool) {
        this.config = config;
        this.portId = portId;
        this.socketId = rte_ethdev_h.rte_eth_dev_socket_id((short) portId);
        this.device = info.get(ADDRESS, rte_eth_dev_info.DEVICE_OFFSET);
        this.driverName = info.get(ADDRESS, rte_eth_dev_info.DRIVER_NAME_OFFSET).reinterpret(256).getString(0);
        this.maxRxQueues = Short.toUnsignedInt(info.get(JAVA_SHORT, rte_eth_dev_info.MAX_RX_QUEUES_OFFSET));
        this.maxTxQueues = Short.toUnsignedInt(info.get(JAVA_SHORT, rte_eth_dev_info.MAX_TX_QUEUES_OFFSET));
        this.retaSize = Short.toUnsignedInt(info.get(JAVA_SHORT, rte_eth_dev_info.RETA_SIZE_OFFSET));
        this.flowTypeRssOffloads = info.get(JAVA_LONG, rte_eth_dev_info.FLOW_TYPE_RSS_OFFLOADS_OFFSET);
        this.rssHf = config.rxQueues() > 1 ? config.rssHf() & flowTypeRssOffloads : 0;
        this.pool = pool;
        this.rxQueues = new RxQueue[config.rxQueues()];
        this.txQueues = new TxQueue[config.txQueues()];
    }

    /**
     * Finds or attaches the device, checks the queue counts against what it offers, creates the pool, configures
     * (RSS when more than one RX queue), sets up the queues, starts the port and enables promiscuous and
     * all-multicast reception when asked (a driver that does not support them is tolerated).
     *
     * @throws DpdkException with the port's name and DPDK's reason when any step fails; nothing is left open
     */
    public static Port open(PortConfig config) {
        Dpdk.requireInitialized();
        int portId = resolve(config);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(rte_eth_dev_info.LAYOUT);
            check(config, "rte_eth_dev_info_get", rte_ethdev_h.rte_eth_dev_info_get((short) portId, info));
            checkQueues(config, info);
            String poolName = "hft" + portId + "_" + config.name();
            Mempool pool = Mempool.create(poolName.substring(0, Math.min(poolName.length(), Mempool.MAX_NAME_LENGTH)),
                    config.poolSize(), config.mbufCache(), rte_ethdev_h.rte_eth_dev_socket_id((short) portId));
            Port port = new Port(config, portId, info, pool);
            try {
                port.configureAndStart();
                return port;
            } catch (RuntimeException e) {
                port.close();
                throw e;
            }
        }
    }

    private static int resolve(PortConfig config) {
        String deviceName = config.device().split(",", 2)[0];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(deviceName);
            MemorySegment id = arena.allocate(JAVA_SHORT);
            if (rte_ethdev_h.rte_eth_dev_get_port_by_name(name, id) == 0) {
                return Short.toUnsignedInt(id.get(JAVA_SHORT, 0));
            }
            int rc = rte_eal_h.rte_dev_probe(arena.allocateFrom(config.device()));
            if (rc < 0) {
                throw new DpdkException("port " + config.name() + ": cannot attach device '" + config.device() + "': "
                        + Dpdk.strerror(rc));
            }
            if (rte_ethdev_h.rte_eth_dev_get_port_by_name(name, id) != 0) {
                throw new DpdkException("port " + config.name() + ": device '" + config.device()
                        + "' attached but no ethdev port is named '" + deviceName + "'");
            }
            return Short.toUnsignedInt(id.get(JAVA_SHORT, 0));
        }
    }

    private static void checkQueues(PortConfig config, MemorySegment info) {
        String driver = info.get(ADDRESS, rte_eth_dev_info.DRIVER_NAME_OFFSET).reinterpret(256).getString(0);
        int maxRx = Short.toUnsignedInt(info.get(JAVA_SHORT, rte_eth_dev_info.MAX_RX_QUEUES_OFFSET));
        int maxTx = Short.toUnsignedInt(info.get(JAVA_SHORT, rte_eth_dev_info.MAX_TX_QUEUES_OFFSET));
        if (config.rxQueues() > maxRx) {
            throw new DpdkException(queueMessage(config, driver, "RX", maxRx, config.rxQueues()));
        }
        if (config.txQueues() > maxTx) {
            throw new DpdkException(queueMessage(config, driver, "TX", maxTx, config.txQueues()));
        }
    }

    private static String queueMessage(PortConfig config, String driver, String direction, int max, int asked) {
        return "port " + config.name() + " has " + max + " " + direction + " queue" + (max == 1 ? "" : "s")
                + " max, topology asks " + asked + " (device " + config.device() + ", driver " + driver + ")";
    }

    private void configureAndStart() {
        short id = (short) portId;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment conf = arena.allocate(rte_eth_conf.LAYOUT);
            if (config.rxQueues() > 1) {
                conf.set(JAVA_INT, rte_eth_conf.RXMODE_MQ_MODE_OFFSET, rte_eth_conf.RTE_ETH_MQ_RX_RSS);
                conf.set(ADDRESS, rte_eth_conf.RSS_KEY_OFFSET, MemorySegment.NULL);
                conf.set(JAVA_BYTE, rte_eth_conf.RSS_KEY_LEN_OFFSET, (byte) 0);
                conf.set(JAVA_LONG, rte_eth_conf.RSS_HF_OFFSET, rssHf);
            }
            check(config, "rte_eth_dev_configure", rte_ethdev_h.rte_eth_dev_configure(id,
                    (short) config.rxQueues(), (short) config.txQueues(), conf));
        }
        for (int q = 0; q < config.rxQueues(); q++) {
            check(config, "rte_eth_rx_queue_setup " + q, rte_ethdev_h.rte_eth_rx_queue_setup(id, (short) q,
                    (short) config.rxDescriptors(), socketId, MemorySegment.NULL, pool.address()));
        }
        for (int q = 0; q < config.txQueues(); q++) {
            check(config, "rte_eth_tx_queue_setup " + q, rte_ethdev_h.rte_eth_tx_queue_setup(id, (short) q,
                    (short) config.txDescriptors(), socketId, MemorySegment.NULL));
        }
        check(config, "rte_eth_dev_start", rte_ethdev_h.rte_eth_dev_start(id));
        started = true;
        if (config.promiscuous()) {
            rte_ethdev_h.rte_eth_promiscuous_enable(id);
        }
        if (config.allMulticast()) {
            rte_ethdev_h.rte_eth_allmulticast_enable(id);
        }
        // The fast-path queue pointers in rte_eth_fp_ops are published by rte_eth_dev_start.
        for (int q = 0; q < rxQueues.length; q++) {
            rxQueues[q] = new RxQueue(this, q, config.fastPath());
        }
        for (int q = 0; q < txQueues.length; q++) {
            txQueues[q] = new TxQueue(this, q, config.fastPath(), pool, config.txBurst(), config.txRetries());
        }
    }

    private static void check(PortConfig config, String call, int rc) {
        if (rc < 0) {
            throw new DpdkException("port " + config.name() + " (" + config.device() + "): " + call + " failed: "
                    + Dpdk.strerror(rc));
        }
    }

    public String name() {
        return config.name();
    }

    public PortConfig config() {
        return config;
    }

    public int portId() {
        return portId;
    }

    /** NUMA socket of the device, -1 when unknown (virtual devices). */
    public int socketId() {
        return socketId;
    }

    public String driverName() {
        return driverName;
    }

    public int maxRxQueues() {
        return maxRxQueues;
    }

    public int maxTxQueues() {
        return maxTxQueues;
    }

    public int retaSize() {
        return retaSize;
    }

    public long flowTypeRssOffloads() {
        return flowTypeRssOffloads;
    }

    /** The RSS hash functions configured: the requested ones the device offers (0 with a single RX queue). */
    public long rssHf() {
        return rssHf;
    }

    public Mempool pool() {
        return pool;
    }

    public int rxQueueCount() {
        return rxQueues.length;
    }

    public int txQueueCount() {
        return txQueues.length;
    }

    public RxQueue rxQueue(int queueId) {
        return rxQueues[queueId];
    }

    public TxQueue txQueue(int queueId) {
        return txQueues[queueId];
    }

    public boolean linkUp() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment link = arena.allocate(rte_eth_link.LAYOUT);
            check(config, "rte_eth_link_get_nowait", rte_ethdev_h.rte_eth_link_get_nowait((short) portId, link));
            return (link.get(JAVA_SHORT, rte_eth_link.LINK_BITS_OFFSET) & rte_eth_link.LINK_STATUS_MASK) != 0;
        }
    }

    public PortStats stats() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(rte_eth_stats.LAYOUT);
            check(config, "rte_eth_stats_get", rte_ethdev_h.rte_eth_stats_get((short) portId, s));
            return new PortStats(s.get(JAVA_LONG, rte_eth_stats.IPACKETS_OFFSET), s.get(JAVA_LONG, rte_eth_stats.OPACKETS_OFFSET),
                    s.get(JAVA_LONG, rte_eth_stats.IBYTES_OFFSET), s.get(JAVA_LONG, rte_eth_stats.OBYTES_OFFSET),
                    s.get(JAVA_LONG, rte_eth_stats.IMISSED_OFFSET), s.get(JAVA_LONG, rte_eth_stats.IERRORS_OFFSET),
                    s.get(JAVA_LONG, rte_eth_stats.OERRORS_OFFSET), s.get(JAVA_LONG, rte_eth_stats.RX_NOMBUF_OFFSET));
        }
    }

    /** The driver's extended statistics, name to value, in the driver's order. */
    public Map<String, Long> xstats() {
        short id = (short) portId;
        int count = rte_ethdev_h.rte_eth_xstats_get_names(id, MemorySegment.NULL, 0);
        check(config, "rte_eth_xstats_get_names", count);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment names = arena.allocate(rte_eth_xstat.NAME_LAYOUT, Math.max(count, 1));
            MemorySegment values = arena.allocate(rte_eth_xstat.LAYOUT, Math.max(count, 1));
            check(config, "rte_eth_xstats_get_names", rte_ethdev_h.rte_eth_xstats_get_names(id, names, count));
            int filled = rte_ethdev_h.rte_eth_xstats_get(id, values, count);
            check(config, "rte_eth_xstats_get", filled);
            Map<String, Long> result = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(filled, count); i++) {
                long base = i * rte_eth_xstat.LAYOUT.byteSize();
                long nameIndex = values.get(JAVA_LONG, base + rte_eth_xstat.ID_OFFSET);
                String name = names.getString(nameIndex * rte_eth_xstat.NAME_LAYOUT.byteSize() + rte_eth_xstat.NAME_OFFSET);
                result.put(name, values.get(JAVA_LONG, base + rte_eth_xstat.VALUE_OFFSET));
            }
            return result;
        }
    }

    /**
     * Flushes and closes the TX queues, stops, closes and detaches the device, then frees the pool. Call it
     * after every queue's thread has stopped, with every received mbuf freed.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (TxQueue tx : txQueues) {
            if (tx != null) {
                tx.close();
            }
        }
        short id = (short) portId;
        if (started) {
            rte_ethdev_h.rte_eth_dev_stop(id);
        }
        rte_ethdev_h.rte_eth_dev_close(id);
        rte_eal_h.rte_dev_remove(device);
        pool.close();
    }

    @Override
    public String toString() {
        return "port " + config.name() + " (id " + portId + ", " + config.device() + ", driver " + driverName
                + ", socket " + socketId + ", rx " + rxQueues.length + "/" + maxRxQueues + ", tx " + txQueues.length
                + "/" + maxTxQueues + ")";
    }
}
