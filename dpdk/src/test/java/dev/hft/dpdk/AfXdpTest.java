package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link AfXdp}'s device parsing, refusals and diagnosis on made-up interfaces and privileges (no DPDK, no kernel). */
class AfXdpTest {

    private static final long ALL_CAPS = (1L << 41) - 1;

    @Test
    void theDeviceStringGivesInterfaceAndQueueRangeWithDpdksDefaults() {
        assertEquals(new AfXdp.Device("eth1", 2, 4), AfXdp.parse("net_af_xdp0,iface=eth1,start_queue=2,queue_count=4"));
        assertEquals(new AfXdp.Device("veth0", 0, 1), AfXdp.parse("net_af_xdp3,iface=veth0,busy_budget=0"));
        assertTrue(AfXdp.isAfXdp("net_af_xdp3,iface=veth0") && !AfXdp.isAfXdp("net_af_packet0,iface=veth0"));
    }

    @Test
    void aNicWithCombinedChannelsTakesSeveralQueuesInOnePort() {
        PortConfig four = PortConfig.of("md", "net_af_xdp0,iface=eth1,start_queue=0,queue_count=4", 4, 4);
        assertNull(AfXdp.refusal(four, four.poolSize(), new AfXdp.Interface("eth1", true, 8, 8)));
        String veth = AfXdp.refusal(four, four.poolSize(), new AfXdp.Interface("eth1", true, 8, 1));
        assertTrue(veth.contains("combined channels (ethtool -l eth1), here 1") && veth.contains("one port per queue"), veth);
    }

    @Test
    void thePoolMustHoldTheFillRingsAndAFullRxRingPerQueue() {
        PortConfig two = PortConfig.of("md", "net_af_xdp0,iface=eth1,queue_count=2", 2, 2).withMbufs(6000, 64);
        String refused = AfXdp.refusal(two, two.poolSize(), new AfXdp.Interface("eth1", true, 2, 2));
        assertTrue(refused.contains("6272 mbufs, not 6000: give the port mbufs: 8191 or more"), refused);
        assertNull(AfXdp.refusal(two.withMbufs(6272, 64), 6272, new AfXdp.Interface("eth1", true, 2, 2)));
    }

    @Test
    void rxAndTxQueuesMustPairAndMatchTheQueueCount() {
        AfXdp.Interface nic = new AfXdp.Interface("eth1", true, 4, 4);
        assertTrue(AfXdp.refusal(PortConfig.of("md", "net_af_xdp0,iface=eth1", 1, 0), 8191, nic).contains("tx_queues: 1"));
        assertTrue(AfXdp.refusal(PortConfig.of("md", "net_af_xdp0,iface=eth1", 2, 2), 8191, nic)
                .contains("asks for 2 RX queue(s) but the device string gives queue_count=1"));
        assertTrue(AfXdp.refusal(PortConfig.of("md", "net_af_xdp0", 1, 1), 8191, nic).contains("add iface=<name>"));
    }

    @Test
    void theDiagnosisNamesOnlyWhatIsMissingAndOtherwisePointsAtTheLog() {
        PortConfig port = PortConfig.of("md", "net_af_xdp0,iface=eth1", 1, 1);
        String full = AfXdp.diagnosis(port, 8191, new AfXdp.Privileges(ALL_CAPS, 8 << 20));
        assertTrue(full.contains("lines DPDK logged above") && full.contains("ip link show eth1"), full);
        String noRaw = AfXdp.diagnosis(port, 8191, new AfXdp.Privileges(ALL_CAPS & ~(1L << AfXdp.CAP_NET_RAW), -1));
        assertTrue(noRaw.contains("lacks CAP_NET_RAW (open the AF_XDP socket)") && !noRaw.contains("CAP_NET_ADMIN ("), noRaw);
        long noIpcLock = ALL_CAPS & ~(1L << AfXdp.CAP_IPC_LOCK);
        assertTrue(AfXdp.diagnosis(port, 8191, new AfXdp.Privileges(noIpcLock, 8 << 20)).contains("RLIMIT_MEMLOCK, which is 8.0 MiB"));
        assertTrue(AfXdp.diagnosis(port, 8191, new AfXdp.Privileges(noIpcLock, -1)).contains("lines DPDK logged above"),
                "an unlimited memlock is not the cause");
        assertTrue(AfXdp.diagnosis(port, 1023, new AfXdp.Privileges(noIpcLock, 8 << 20)).contains("lines DPDK logged above"),
                "a pool under the limit is not the cause");
    }
}
