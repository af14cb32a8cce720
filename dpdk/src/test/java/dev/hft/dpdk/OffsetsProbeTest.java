package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Compiles src/test/c/offsets_probe.c against the installed DPDK headers, runs it, and checks every offset, size and
 * constant the Java binding relies on: another DPDK version fails here instead of corrupting memory.
 */
class OffsetsProbeTest {

    @Test
    void everyOffsetSizeAndConstantMatchesTheInstalledHeaders() throws Exception {
        Map<String, Long> probed = runProbe();

        Map<String, Long> java = new TreeMap<>();
        java.put("rte_mbuf.buf_addr", rte_mbuf.BUF_ADDR_OFFSET);
        java.put("rte_mbuf.data_off", rte_mbuf.DATA_OFF_OFFSET);
        java.put("rte_mbuf.nb_segs", rte_mbuf.NB_SEGS_OFFSET);
        java.put("rte_mbuf.port", rte_mbuf.PORT_OFFSET);
        java.put("rte_mbuf.pkt_len", rte_mbuf.PKT_LEN_OFFSET);
        java.put("rte_mbuf.data_len", rte_mbuf.DATA_LEN_OFFSET);
        java.put("rte_mbuf.buf_len", rte_mbuf.BUF_LEN_OFFSET);
        java.put("rte_mbuf.pool", rte_mbuf.POOL_OFFSET);
        java.put("sizeof.rte_mbuf", rte_mbuf.LAYOUT.byteSize());
        java.put("rte_eth_fp_ops.rx_pkt_burst", rte_eth_fp_ops.RX_PKT_BURST_OFFSET);
        java.put("rte_eth_fp_ops.rxq.data", rte_eth_fp_ops.RXQ_DATA_OFFSET);
        java.put("rte_eth_fp_ops.rxq.clbk", rte_eth_fp_ops.RXQ_CLBK_OFFSET);
        java.put("rte_eth_fp_ops.tx_pkt_burst", rte_eth_fp_ops.TX_PKT_BURST_OFFSET);
        java.put("rte_eth_fp_ops.txq.data", rte_eth_fp_ops.TXQ_DATA_OFFSET);
        java.put("rte_eth_fp_ops.txq.clbk", rte_eth_fp_ops.TXQ_CLBK_OFFSET);
        java.put("sizeof.rte_eth_fp_ops", rte_eth_fp_ops.LAYOUT.byteSize());
        java.put("rte_eth_dev_info.device", rte_eth_dev_info.DEVICE_OFFSET);
        java.put("rte_eth_dev_info.driver_name", rte_eth_dev_info.DRIVER_NAME_OFFSET);
        java.put("rte_eth_dev_info.max_rx_queues", rte_eth_dev_info.MAX_RX_QUEUES_OFFSET);
        java.put("rte_eth_dev_info.max_tx_queues", rte_eth_dev_info.MAX_TX_QUEUES_OFFSET);
        java.put("rte_eth_dev_info.reta_size", rte_eth_dev_info.RETA_SIZE_OFFSET);
        java.put("rte_eth_dev_info.flow_type_rss_offloads", rte_eth_dev_info.FLOW_TYPE_RSS_OFFLOADS_OFFSET);
        java.put("sizeof.rte_eth_dev_info", rte_eth_dev_info.LAYOUT.byteSize());
        java.put("rte_eth_conf.rxmode.mq_mode", rte_eth_conf.RXMODE_MQ_MODE_OFFSET);
        java.put("rte_eth_conf.rx_adv_conf.rss_conf.rss_key", rte_eth_conf.RSS_KEY_OFFSET);
        java.put("rte_eth_conf.rx_adv_conf.rss_conf.rss_key_len", rte_eth_conf.RSS_KEY_LEN_OFFSET);
        java.put("rte_eth_conf.rx_adv_conf.rss_conf.rss_hf", rte_eth_conf.RSS_HF_OFFSET);
        java.put("sizeof.rte_eth_conf", rte_eth_conf.LAYOUT.byteSize());
        java.put("rte_eth_stats.ipackets", rte_eth_stats.IPACKETS_OFFSET);
        java.put("rte_eth_stats.opackets", rte_eth_stats.OPACKETS_OFFSET);
        java.put("rte_eth_stats.ibytes", rte_eth_stats.IBYTES_OFFSET);
        java.put("rte_eth_stats.obytes", rte_eth_stats.OBYTES_OFFSET);
        java.put("rte_eth_stats.imissed", rte_eth_stats.IMISSED_OFFSET);
        java.put("rte_eth_stats.ierrors", rte_eth_stats.IERRORS_OFFSET);
        java.put("rte_eth_stats.oerrors", rte_eth_stats.OERRORS_OFFSET);
        java.put("rte_eth_stats.rx_nombuf", rte_eth_stats.RX_NOMBUF_OFFSET);
        java.put("sizeof.rte_eth_stats", rte_eth_stats.LAYOUT.byteSize());
        java.put("rte_eth_link.link_speed", rte_eth_link.LINK_SPEED_OFFSET);
        java.put("sizeof.rte_eth_link", rte_eth_link.LAYOUT.byteSize());
        java.put("rte_eth_link.link_status_mask", (long) rte_eth_link.LINK_STATUS_MASK);
        java.put("rte_eth_xstat.id", rte_eth_xstat.ID_OFFSET);
        java.put("rte_eth_xstat.value", rte_eth_xstat.VALUE_OFFSET);
        java.put("sizeof.rte_eth_xstat", rte_eth_xstat.LAYOUT.byteSize());
        java.put("rte_eth_xstat_name.name", rte_eth_xstat.NAME_OFFSET);
        java.put("sizeof.rte_eth_xstat_name", rte_eth_xstat.NAME_LAYOUT.byteSize());
        java.put("const.RTE_MAX_ETHPORTS", (long) rte_ethdev_h.RTE_MAX_ETHPORTS);
        java.put("const.RTE_PKTMBUF_HEADROOM", (long) Mempool.HEADROOM);
        java.put("const.RTE_MBUF_DEFAULT_BUF_SIZE", (long) Mempool.DEFAULT_DATA_ROOM);
        java.put("const.RTE_ETH_MQ_RX_NONE", (long) rte_eth_conf.RTE_ETH_MQ_RX_NONE);
        java.put("const.RTE_ETH_MQ_RX_RSS", (long) rte_eth_conf.RTE_ETH_MQ_RX_RSS);
        java.put("const.RTE_ETH_RSS_IP", rte_eth_conf.RTE_ETH_RSS_IP);
        java.put("const.RTE_ETH_RSS_UDP", rte_eth_conf.RTE_ETH_RSS_UDP);
        java.put("const.RTE_ETH_RSS_TCP", rte_eth_conf.RTE_ETH_RSS_TCP);
        java.put("const.RTE_ETH_XSTATS_NAME_SIZE", (long) rte_eth_xstat.RTE_ETH_XSTATS_NAME_SIZE);
        java.put("const.RTE_MEMPOOL_NAMESIZE", Mempool.MAX_NAME_LENGTH + 1L);

        // Same keys both ways: nothing the probe prints goes unchecked and nothing Java relies on goes unprobed.
        assertEquals(new TreeMap<>(probed), java);
    }

    private static Map<String, Long> runProbe() throws IOException, InterruptedException {
        Path source = Path.of("src/test/c/offsets_probe.c").toAbsolutePath();
        Path binary = Path.of("target/offsets_probe").toAbsolutePath();
        String flags = run("pkg-config", "--cflags", "--libs", "libdpdk");
        if (flags == null) {
            DpdkTestSupport.unavailable("pkg-config cannot find libdpdk (install libdpdk-dev)");
        }
        String command = "gcc -O0 -o " + binary + " " + source + " " + flags;
        if (run("sh", "-c", command) == null) {
            DpdkTestSupport.unavailable("gcc could not build the probe: " + command);
        }
        String output = run(binary.toString());
        Map<String, Long> values = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] keyValue = line.split("=", 2);
            values.put(keyValue[0], Long.parseLong(keyValue[1].trim()));
        }
        return values;
    }

    /** Standard output of the command, or null when it could not start or exited non-zero. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 ? out.trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
