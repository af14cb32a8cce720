package dev.hft.dpdk;

/**
 * What {@link Port#open} builds: a port named {@code name} (the topology's name, e.g. {@code md}) on
 * {@code device}, a DPDK device string: a vdev ({@code net_pcap0,rx_pcap=a.pcap}, {@code net_af_packet0,iface=veth0,qpairs=4})
 * or a PCI address. Start from {@link #of} and adjust with the {@code with*} methods.
 *
 * @param rssHf       RSS hash functions wanted ({@code RTE_ETH_RSS_*}); masked by what the device offers
 * @param mbufs       mbufs in the port's pool; 0 sizes it from the queues and descriptors
 * @param txBurst     frames a TX queue gathers before it must flush
 * @param txRetries   extra tx_burst calls for a partly sent burst before the rest is dropped
 * @param socket      NUMA node of the mbuf pool and the queues' rings, or {@link #SOCKET_AUTO}: the device's own
 *                    node, any node for a device that has none (virtual devices); a node that contradicts the
 *                    device's is refused by {@link Port#open}
 */
public record PortConfig(String name, String device, int rxQueues, int txQueues, int rxDescriptors, int txDescriptors,
                         long rssHf, int mbufs, int mbufCache, boolean promiscuous, boolean allMulticast,
                         FastPath fastPath, int txBurst, int txRetries, int socket) {

    public static final int DEFAULT_DESCRIPTORS = 1024;
    public static final int DEFAULT_MBUF_CACHE = 256;
    public static final int DEFAULT_TX_BURST = 32;
    public static final int DEFAULT_TX_RETRIES = 4;
    /** {@link #socket}: the device's NUMA node (DPDK's SOCKET_ID_ANY, -1, when it has none). */
    public static final int SOCKET_AUTO = -1;
    /*
     * rte_ethdev.h's RSS hash-function sets, typed here rather than taken from the generated dpdk_h: a PortConfig
     * is built and validated where DPDK is not installed, and dpdk_h's class initialiser opens the DPDK libraries.
     * OffsetsProbeTest checks the values against the installed headers.
     */
    public static final long RTE_ETH_RSS_IP = 41868L;
    public static final long RTE_ETH_RSS_UDP = 133152L;
    public static final long RTE_ETH_RSS_TCP = 66576L;
    public static final long DEFAULT_RSS_HF = RTE_ETH_RSS_IP | RTE_ETH_RSS_UDP | RTE_ETH_RSS_TCP;

    public PortConfig {
        require(name != null && !name.isBlank(), "a port needs a name");
        require(device != null && !device.isBlank(), "port " + name + " needs a device string");
        require(rxQueues >= 0 && txQueues >= 0 && rxQueues + txQueues > 0,
                "port " + name + " needs RX or TX queues, got rx=" + rxQueues + " tx=" + txQueues);
        require(rxDescriptors > 0 && rxDescriptors <= 0xFFFF && txDescriptors > 0 && txDescriptors <= 0xFFFF,
                "port " + name + ": descriptors must be in 1..65535");
        require(mbufs >= 0 && mbufCache >= 0, "port " + name + ": mbufs and mbuf cache must be >= 0");
        require(txBurst > 0 && txBurst <= 0xFFFF && txRetries >= 0, "port " + name + ": bad TX burst or retries");
        require(fastPath != null, "port " + name + " needs a fast path");
        require(socket >= SOCKET_AUTO, "port " + name + ": socket must be a NUMA node (0, 1, ...) or auto, got " + socket);
    }

    public static PortConfig of(String name, String device, int rxQueues, int txQueues) {
        return new PortConfig(name, device, rxQueues, txQueues, DEFAULT_DESCRIPTORS, DEFAULT_DESCRIPTORS, DEFAULT_RSS_HF,
                0, DEFAULT_MBUF_CACHE, true, true, FastPath.defaultPath(), DEFAULT_TX_BURST, DEFAULT_TX_RETRIES, SOCKET_AUTO);
    }

    /**
     * A {@code dpdk.ports[]} entry of the topology ({@code name}, {@code device}, {@code rx_queues}, {@code tx_queues},
     * {@code rx_desc}, {@code tx_desc}, {@code mbufs}, {@code socket}: a NUMA node or {@code auto}; numbers as
     * {@link Number}); absent counts take the defaults given here and {@link #DEFAULT_DESCRIPTORS}.
     */
    public static PortConfig fromTopology(java.util.Map<?, ?> entry, int defaultRxQueues, int defaultTxQueues) {
        PortConfig config = of(String.valueOf(entry.get("name")), String.valueOf(entry.get("device")),
                number(entry, "rx_queues", defaultRxQueues), number(entry, "tx_queues", defaultTxQueues))
                .withDescriptors(number(entry, "rx_desc", DEFAULT_DESCRIPTORS), number(entry, "tx_desc", DEFAULT_DESCRIPTORS));
        config = config.withSocket(entry.get("socket") == null || "auto".equals(entry.get("socket")) ? SOCKET_AUTO
                : number(entry, "socket", SOCKET_AUTO));
        return entry.get("mbufs") instanceof Number ? config.withMbufs(number(entry, "mbufs", 0), DEFAULT_MBUF_CACHE) : config;
    }

    private static int number(java.util.Map<?, ?> entry, String key, int defaultValue) {
        Object value = entry.get(key);
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value != null) {
            try {
                return Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new DpdkException("port " + entry.get("name") + ": " + key + " is not a whole number: '" + value + "'");
            }
        }
        return defaultValue;
    }

    public PortConfig withDescriptors(int rx, int tx) {
        return new PortConfig(name, device, rxQueues, txQueues, rx, tx, rssHf, mbufs, mbufCache, promiscuous,
                allMulticast, fastPath, txBurst, txRetries, socket);
    }

    public PortConfig withMbufs(int count, int cache) {
        return new PortConfig(name, device, rxQueues, txQueues, rxDescriptors, txDescriptors, rssHf, count, cache,
                promiscuous, allMulticast, fastPath, txBurst, txRetries, socket);
    }

    public PortConfig withFastPath(FastPath path) {
        return new PortConfig(name, device, rxQueues, txQueues, rxDescriptors, txDescriptors, rssHf, mbufs, mbufCache,
                promiscuous, allMulticast, path, txBurst, txRetries, socket);
    }

    public PortConfig withRssHf(long hf) {
        return new PortConfig(name, device, rxQueues, txQueues, rxDescriptors, txDescriptors, hf, mbufs, mbufCache,
                promiscuous, allMulticast, fastPath, txBurst, txRetries, socket);
    }

    public PortConfig withSocket(int node) {
        return new PortConfig(name, device, rxQueues, txQueues, rxDescriptors, txDescriptors, rssHf, mbufs, mbufCache,
                promiscuous, allMulticast, fastPath, txBurst, txRetries, node);
    }

    /** Mbufs the pool gets: {@link #mbufs} when set, else every descriptor and TX burst filled twice over. */
    public int poolSize() {
        if (mbufs > 0) {
            return mbufs;
        }
        int needed = 2 * (rxQueues * rxDescriptors + txQueues * (txDescriptors + 2 * txBurst)) + 2 * mbufCache;
        return Integer.highestOneBit(Math.max(needed, 2048) - 1) * 2 - 1;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
