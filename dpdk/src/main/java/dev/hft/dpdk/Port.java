package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.hft.dpdk.ffi.dpdk_h;
import dev.hft.dpdk.ffi.rte_eth_conf;
import dev.hft.dpdk.ffi.rte_eth_dev_info;
import dev.hft.dpdk.ffi.rte_eth_link;
import dev.hft.dpdk.ffi.rte_eth_rss_conf;
import dev.hft.dpdk.ffi.rte_eth_rxmode;
import dev.hft.dpdk.ffi.rte_eth_stats;
import dev.hft.dpdk.ffi.rte_eth_xstat;
import dev.hft.dpdk.ffi.rte_eth_xstat_name;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A configured and started ethdev port with its mbuf pool and queue rings on one NUMA socket ({@link #placement}),
 * RX and TX queues.
 * Opening resolves the device string to a port id: a device already probed by the EAL ({@code --vdev} or PCI)
 * is found by name, anything else is attached with {@code rte_dev_probe}. Closing stops, closes and detaches it.
 */
public final class Port implements AutoCloseable {

    private final PortConfig config;
    private final int portId;
    private final int socketId;
    private final DeviceInfo info;
    private final long rssHf;
    private final Mempool pool;
    private final RxQueue[] rxQueues;
    private final TxQueue[] txQueues;
    private boolean started;
    private boolean closed;
    /** net_af_xdp: the AF_XDP sockets this port's open created, closed by {@link #close} if DPDK leaves them open. */
    private Map<Integer, Long> xdpSockets;

    /** What {@code rte_eth_dev_info_get} tells about the device. */
    private record DeviceInfo(MemorySegment device, String driverName, int maxRxQueues, int maxTxQueues, int retaSize,
                              long flowTypeRssOffloads) {

        static DeviceInfo get(PortConfig config, int portId) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment info = rte_eth_dev_info.allocate(arena);
                check(config, "rte_eth_dev_info_get", dpdk_h.rte_eth_dev_info_get((short) portId, info));
                return new DeviceInfo(rte_eth_dev_info.device(info), rte_eth_dev_info.driver_name(info).getString(0),
                        Short.toUnsignedInt(rte_eth_dev_info.max_rx_queues(info)),
                        Short.toUnsignedInt(rte_eth_dev_info.max_tx_queues(info)),
                        Short.toUnsignedInt(rte_eth_dev_info.reta_size(info)),
                        rte_eth_dev_info.flow_type_rss_offloads(info));
            }
        }

        void checkQueues(PortConfig config) {
            if (config.rxQueues() > maxRxQueues) {
                throw new DpdkException(queueMessage(config, "RX", maxRxQueues, config.rxQueues()));
            }
            if (config.txQueues() > maxTxQueues) {
                throw new DpdkException(queueMessage(config, "TX", maxTxQueues, config.txQueues()));
            }
        }

        private String queueMessage(PortConfig config, String direction, int max, int asked) {
            return "port " + config.name() + " has " + max + " " + direction + " queue" + (max == 1 ? "" : "s")
                    + " max, topology asks " + asked + " (device " + config.device() + ", driver " + driverName + ")";
        }
    }

    private Port(PortConfig config, int portId, DeviceInfo info, Mempool pool) {
        this.config = config;
        this.portId = portId;
        this.socketId = pool.socketId();
        this.info = info;
        this.rssHf = config.rxQueues() > 1 ? config.rssHf() & info.flowTypeRssOffloads() : 0;
        this.pool = pool;
        this.rxQueues = new RxQueue[config.rxQueues()];
        this.txQueues = new TxQueue[config.txQueues()];
    }

    /**
     * Finds or attaches the device, checks the queue counts against what it offers, creates the pool, configures
     * (RSS when more than one RX queue), sets up the queues, starts the port and enables promiscuous and
     * all-multicast reception when asked (a driver that does not support them is tolerated).
     *
     * @throws DpdkException with the port's name and DPDK's reason when any step fails; a device this call
     *                       attached is detached again and nothing else is left open. For {@code net_af_xdp}, a
     *                       contradiction {@link AfXdp#refusal} finds is refused before DPDK is called, and a refusal
     *                       by the kernel comes with {@link AfXdp#diagnosis}
     */
    public static Port open(PortConfig config) {
        Dpdk.requireInitialized();
        if (!AfXdp.isAfXdp(config.device())) {
            return openDevice(config);
        }
        String refusal = AfXdp.refusal(config, config.poolSize(), AfXdp.inspect(AfXdp.parse(config.device()).iface()));
        if (refusal != null) {
            throw new DpdkException("port " + config.name() + " (" + config.device() + "): " + refusal);
        }
        // One af_xdp open at a time: the AF_XDP sockets that appear during it are this port's (see AfXdp.xdpSockets).
        synchronized (AfXdp.class) {
            long retryUntil = AfXdp.releasePending(config);
            while (true) {
                Map<Integer, Long> before = AfXdp.xdpSockets();
                try {
                    Port port = openDevice(config);
                    port.xdpSockets = AfXdp.xdpSockets();
                    port.xdpSockets.keySet().removeAll(before.keySet());
                    return port;
                } catch (DpdkException e) {
                    Map<Integer, Long> leaked = AfXdp.xdpSockets();
                    leaked.keySet().removeAll(before.keySet());
                    AfXdp.closeLeaked(leaked);
                    if (System.nanoTime() - retryUntil < 0) {
                        sleepBeforeRetry(config);
                        continue;
                    }
                    throw new DpdkException(e.getMessage() + ". " + AfXdp.diagnosis(config, config.poolSize(),
                            AfXdp.privileges()), e);
                }
            }
        }
    }

    private static void sleepBeforeRetry(PortConfig config) {
        try {
            Thread.sleep(AfXdp.RELEASE_RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DpdkException("port " + config.name() + ": interrupted while waiting for the kernel to release the AF_XDP queue");
        }
    }

    private static Port openDevice(PortConfig config) {
        OptionalInt found = findPort(config);
        boolean attached = found.isEmpty();
        int portId = attached ? attach(config) : found.getAsInt();
        DeviceInfo info = null;
        Mempool pool;
        try {
            info = DeviceInfo.get(config, portId);
            info.checkQueues(config);
            String poolName = "hft" + portId + "_" + config.name();
            pool = Mempool.create(poolName.substring(0, Math.min(poolName.length(), Mempool.maxNameLength())),
                    config.poolSize(), config.mbufCache(), placement(config, dpdk_h.rte_eth_dev_socket_id((short) portId)));
        } catch (RuntimeException e) {
            if (attached && info != null) {
                dpdk_h.rte_dev_remove(info.device());
            }
            throw e;
        }
        Port port = new Port(config, portId, info, pool);
        try {
            port.configureAndStart();
            return port;
        } catch (RuntimeException e) {
            port.close();
            throw e;
        }
    }

    /**
     * The NUMA socket of the port's pool and queue rings: the topology's {@code socket} when it gives one, else the
     * device's own ({@code deviceSocket}, -1 when the device has none: any socket). A topology socket that is not
     * the device's is refused: the rings and buffers the NIC writes by DMA belong on its node.
     */
    static int placement(PortConfig config, int deviceSocket) {
        if (config.socket() == PortConfig.SOCKET_AUTO) {
            return deviceSocket;
        }
        if (deviceSocket >= 0 && deviceSocket != config.socket()) {
            throw new DpdkException("port " + config.name() + ": the topology places it on NUMA node " + config.socket()
                    + " (socket: " + config.socket() + ") but device " + config.device() + " is on node " + deviceSocket
                    + " (rte_eth_dev_socket_id); its pool and rings must sit on the device's node: give socket: "
                    + deviceSocket + " or socket: auto, or use a device on node " + config.socket());
        }
        return config.socket();
    }

    /** The port id of the device named by the device string's first field, when it is already probed. */
    private static OptionalInt findPort(PortConfig config) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment id = arena.allocate(JAVA_SHORT);
            int rc = dpdk_h.rte_eth_dev_get_port_by_name(arena.allocateFrom(deviceName(config)), id);
            return rc == 0 ? OptionalInt.of(Short.toUnsignedInt(id.get(JAVA_SHORT, 0))) : OptionalInt.empty();
        }
    }

    private static String deviceName(PortConfig config) {
        return config.device().split(",", 2)[0];
    }

    private static int attach(PortConfig config) {
        try (Arena arena = Arena.ofConfined()) {
            int rc = dpdk_h.rte_dev_probe(arena.allocateFrom(config.device()));
            if (rc < 0) {
                throw new DpdkException("port " + config.name() + ": cannot attach device '" + config.device() + "': "
                        + Dpdk.strerror(rc));
            }
        }
        return findPort(config).orElseThrow(() -> new DpdkException("port " + config.name() + ": device '"
                + config.device() + "' attached but no ethdev port is named '" + deviceName(config) + "'"));
    }

    private void configureAndStart() {
        short id = (short) portId;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment conf = rte_eth_conf.allocate(arena);
            if (config.rxQueues() > 1) {
                rte_eth_rxmode.mq_mode(rte_eth_conf.rxmode(conf), dpdk_h.RTE_ETH_MQ_RX_RSS());
                MemorySegment rss = rte_eth_conf.rx_adv_conf.rss_conf(rte_eth_conf.rx_adv_conf(conf));
                rte_eth_rss_conf.rss_key(rss, MemorySegment.NULL);
                rte_eth_rss_conf.rss_key_len(rss, (byte) 0);
                rte_eth_rss_conf.rss_hf(rss, rssHf);
            }
            check(config, "rte_eth_dev_configure", dpdk_h.rte_eth_dev_configure(id,
                    (short) config.rxQueues(), (short) config.txQueues(), conf));
        }
        for (int q = 0; q < config.rxQueues(); q++) {
            check(config, "rte_eth_rx_queue_setup " + q, dpdk_h.rte_eth_rx_queue_setup(id, (short) q,
                    (short) config.rxDescriptors(), socketId, MemorySegment.NULL, pool.address()));
        }
        for (int q = 0; q < config.txQueues(); q++) {
            check(config, "rte_eth_tx_queue_setup " + q, dpdk_h.rte_eth_tx_queue_setup(id, (short) q,
                    (short) config.txDescriptors(), socketId, MemorySegment.NULL));
        }
        check(config, "rte_eth_dev_start", dpdk_h.rte_eth_dev_start(id));
        started = true;
        if (config.promiscuous()) {
            dpdk_h.rte_eth_promiscuous_enable(id);
        }
        if (config.allMulticast()) {
            dpdk_h.rte_eth_allmulticast_enable(id);
        }
        // The fast-path queue pointers in rte_eth_fp_ops are published by rte_eth_dev_start.
        for (int q = 0; q < rxQueues.length; q++) {
            rxQueues[q] = new RxQueue(this, q, config.fastPath());
        }
        for (int q = 0; q < txQueues.length; q++) {
            txQueues[q] = new TxQueue(this, q, config.fastPath(), pool, config.txBurst(), config.txRetries());
        }
    }

    static void check(PortConfig config, String call, int rc) {
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

    /** NUMA socket of the pool and the queue rings ({@link #placement}), -1 for any. */
    public int socketId() {
        return socketId;
    }

    public String driverName() {
        return info.driverName();
    }

    public int maxRxQueues() {
        return info.maxRxQueues();
    }

    public int maxTxQueues() {
        return info.maxTxQueues();
    }

    public int retaSize() {
        return info.retaSize();
    }

    public long flowTypeRssOffloads() {
        return info.flowTypeRssOffloads();
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
            MemorySegment link = rte_eth_link.allocate(arena);
            check(config, "rte_eth_link_get_nowait", dpdk_h.rte_eth_link_get_nowait((short) portId, link));
            return LinkBits.linkStatus(link);
        }
    }

    public PortStats stats() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = rte_eth_stats.allocate(arena);
            check(config, "rte_eth_stats_get", dpdk_h.rte_eth_stats_get((short) portId, s));
            return new PortStats(rte_eth_stats.ipackets(s), rte_eth_stats.opackets(s), rte_eth_stats.ibytes(s),
                    rte_eth_stats.obytes(s), rte_eth_stats.imissed(s), rte_eth_stats.ierrors(s), rte_eth_stats.oerrors(s),
                    rte_eth_stats.rx_nombuf(s));
        }
    }

    /** The driver's extended statistics, name to value, in the driver's order. */
    public Map<String, Long> xstats() {
        short id = (short) portId;
        int count = dpdk_h.rte_eth_xstats_get_names(id, MemorySegment.NULL, 0);
        check(config, "rte_eth_xstats_get_names", count);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment names = rte_eth_xstat_name.allocateArray(Math.max(count, 1), arena);
            MemorySegment values = rte_eth_xstat.allocateArray(Math.max(count, 1), arena);
            check(config, "rte_eth_xstats_get_names", dpdk_h.rte_eth_xstats_get_names(id, names, count));
            int filled = dpdk_h.rte_eth_xstats_get(id, values, count);
            check(config, "rte_eth_xstats_get", filled);
            Map<String, Long> result = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(filled, count); i++) {
                MemorySegment value = rte_eth_xstat.asSlice(values, i);
                MemorySegment name = rte_eth_xstat_name.name(rte_eth_xstat_name.asSlice(names, rte_eth_xstat.id(value)));
                result.put(name.getString(0), rte_eth_xstat.value(value));
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
            dpdk_h.rte_eth_dev_stop(id);
        }
        dpdk_h.rte_eth_dev_close(id);
        dpdk_h.rte_dev_remove(info.device());
        if (xdpSockets != null) {
            AfXdp.closeLeaked(xdpSockets);
            AfXdp.released(config);
        }
        pool.close();
    }

    @Override
    public String toString() {
        return "port " + config.name() + " (id " + portId + ", " + config.device() + ", driver " + info.driverName()
                + ", socket " + socketId + ", rx " + rxQueues.length + "/" + info.maxRxQueues() + ", tx " + txQueues.length
                + "/" + info.maxTxQueues() + ")";
    }
}
