package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hft.dpdk.ffi.dpdk_h;
import dev.hft.dpdk.ffi.rte_eth_conf;
import dev.hft.dpdk.ffi.rte_eth_dev_info;
import dev.hft.dpdk.ffi.rte_eth_fp_ops;
import dev.hft.dpdk.ffi.rte_eth_link;
import dev.hft.dpdk.ffi.rte_eth_rss_conf;
import dev.hft.dpdk.ffi.rte_eth_rxmode;
import dev.hft.dpdk.ffi.rte_eth_stats;
import dev.hft.dpdk.ffi.rte_eth_xstat;
import dev.hft.dpdk.ffi.rte_eth_xstat_name;
import dev.hft.dpdk.ffi.rte_ethdev_qdata;
import dev.hft.dpdk.ffi.rte_mbuf;
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
 * constant the Java side relies on: the generated binding's (dev.hft.dpdk.ffi) and the few hand-written ones
 * (link status bit, RSS hash sets). Bindings generated from other headers than the installed ones fail here
 * instead of corrupting memory.
 */
class OffsetsProbeTest {

    @Test
    void everyOffsetSizeAndConstantMatchesTheInstalledHeaders() throws Exception {
        Map<String, Long> probed = runProbe();
        // The constants and the array's dimension are in dpdk_h, whose class initialiser opens the DPDK libraries.
        DpdkTestSupport.unavailable(Native.UNAVAILABLE_REASON);

        Map<String, Long> java = new TreeMap<>();
        java.put("rte_mbuf.buf_addr", rte_mbuf.buf_addr$offset());
        java.put("rte_mbuf.data_off", rte_mbuf.data_off$offset());
        java.put("rte_mbuf.nb_segs", rte_mbuf.nb_segs$offset());
        java.put("rte_mbuf.port", rte_mbuf.port$offset());
        java.put("rte_mbuf.pkt_len", rte_mbuf.pkt_len$offset());
        java.put("rte_mbuf.data_len", rte_mbuf.data_len$offset());
        java.put("rte_mbuf.buf_len", rte_mbuf.buf_len$offset());
        java.put("rte_mbuf.pool", rte_mbuf.pool$offset());
        java.put("sizeof.rte_mbuf", rte_mbuf.sizeof());
        java.put("rte_eth_fp_ops.rx_pkt_burst", rte_eth_fp_ops.rx_pkt_burst$offset());
        java.put("rte_eth_fp_ops.rxq.data", rte_eth_fp_ops.rxq$offset() + rte_ethdev_qdata.data$offset());
        java.put("rte_eth_fp_ops.rxq.clbk", rte_eth_fp_ops.rxq$offset() + rte_ethdev_qdata.clbk$offset());
        java.put("rte_eth_fp_ops.tx_pkt_burst", rte_eth_fp_ops.tx_pkt_burst$offset());
        java.put("rte_eth_fp_ops.txq.data", rte_eth_fp_ops.txq$offset() + rte_ethdev_qdata.data$offset());
        java.put("rte_eth_fp_ops.txq.clbk", rte_eth_fp_ops.txq$offset() + rte_ethdev_qdata.clbk$offset());
        java.put("sizeof.rte_eth_fp_ops", rte_eth_fp_ops.sizeof());
        java.put("rte_eth_dev_info.device", rte_eth_dev_info.device$offset());
        java.put("rte_eth_dev_info.driver_name", rte_eth_dev_info.driver_name$offset());
        java.put("rte_eth_dev_info.max_rx_queues", rte_eth_dev_info.max_rx_queues$offset());
        java.put("rte_eth_dev_info.max_tx_queues", rte_eth_dev_info.max_tx_queues$offset());
        java.put("rte_eth_dev_info.reta_size", rte_eth_dev_info.reta_size$offset());
        java.put("rte_eth_dev_info.flow_type_rss_offloads", rte_eth_dev_info.flow_type_rss_offloads$offset());
        java.put("sizeof.rte_eth_dev_info", rte_eth_dev_info.sizeof());
        java.put("rte_eth_conf.rxmode.mq_mode", rte_eth_conf.rxmode$offset() + rte_eth_rxmode.mq_mode$offset());
        long rssConf = rte_eth_conf.rx_adv_conf$offset() + rte_eth_conf.rx_adv_conf.rss_conf$offset();
        java.put("rte_eth_conf.rx_adv_conf.rss_conf.rss_key", rssConf + rte_eth_rss_conf.rss_key$offset());
        java.put("rte_eth_conf.rx_adv_conf.rss_conf.rss_key_len", rssConf + rte_eth_rss_conf.rss_key_len$offset());
        java.put("rte_eth_conf.rx_adv_conf.rss_conf.rss_hf", rssConf + rte_eth_rss_conf.rss_hf$offset());
        java.put("sizeof.rte_eth_conf", rte_eth_conf.sizeof());
        java.put("rte_eth_stats.ipackets", rte_eth_stats.ipackets$offset());
        java.put("rte_eth_stats.opackets", rte_eth_stats.opackets$offset());
        java.put("rte_eth_stats.ibytes", rte_eth_stats.ibytes$offset());
        java.put("rte_eth_stats.obytes", rte_eth_stats.obytes$offset());
        java.put("rte_eth_stats.imissed", rte_eth_stats.imissed$offset());
        java.put("rte_eth_stats.ierrors", rte_eth_stats.ierrors$offset());
        java.put("rte_eth_stats.oerrors", rte_eth_stats.oerrors$offset());
        java.put("rte_eth_stats.rx_nombuf", rte_eth_stats.rx_nombuf$offset());
        java.put("sizeof.rte_eth_stats", rte_eth_stats.sizeof());
        java.put("rte_eth_link.link_speed", rte_eth_link.link_speed$offset());
        java.put("sizeof.rte_eth_link", rte_eth_link.sizeof());
        java.put("rte_eth_link.link_status_byte", LinkBits.STATUS_BYTE);
        java.put("rte_eth_link.link_status_mask", (long) LinkBits.STATUS_MASK);
        java.put("rte_eth_xstat.id", rte_eth_xstat.id$offset());
        java.put("rte_eth_xstat.value", rte_eth_xstat.value$offset());
        java.put("sizeof.rte_eth_xstat", rte_eth_xstat.sizeof());
        java.put("rte_eth_xstat_name.name", rte_eth_xstat_name.name$offset());
        java.put("sizeof.rte_eth_xstat_name", rte_eth_xstat_name.sizeof());
        java.put("const.RTE_MAX_ETHPORTS", (long) dpdk_h.RTE_MAX_ETHPORTS());
        java.put("const.RTE_PKTMBUF_HEADROOM", (long) dpdk_h.RTE_PKTMBUF_HEADROOM());
        java.put("const.RTE_MBUF_DEFAULT_BUF_SIZE", (long) dpdk_h.RTE_MBUF_DEFAULT_BUF_SIZE());
        java.put("const.RTE_ETH_MQ_RX_NONE", (long) dpdk_h.RTE_ETH_MQ_RX_NONE());
        java.put("const.RTE_ETH_MQ_RX_RSS", (long) dpdk_h.RTE_ETH_MQ_RX_RSS());
        java.put("const.RTE_ETH_RSS_IP", PortConfig.RTE_ETH_RSS_IP);
        java.put("const.RTE_ETH_RSS_UDP", PortConfig.RTE_ETH_RSS_UDP);
        java.put("const.RTE_ETH_RSS_TCP", PortConfig.RTE_ETH_RSS_TCP);
        java.put("const.RTE_ETH_XSTATS_NAME_SIZE", (long) dpdk_h.RTE_ETH_XSTATS_NAME_SIZE());
        java.put("const.RTE_MEMPOOL_NAMESIZE", dpdk_h.RTE_MEMPOOL_NAMESIZE());
        java.put("dims.rte_eth_fp_ops", dpdk_h.rte_eth_fp_ops$dimensions()[0]);

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
