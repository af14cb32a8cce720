package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * net_af_xdp on a veth created with 2 RX queues, the peer in a network namespace the test creates (and always
 * removes): the peer's transmit queue choice (a hash of each flow) spreads the flows over the two queues, and the
 * XDP program hands each queue's frames to the AF_XDP socket of that queue. DPDK 22.11's af_xdp takes one queue per
 * port on a veth (it counts combined channels only), so each queue is its own port.
 */
class AfXdpRssTest {

    private static final int FLOWS = 32;
    private static final int PACKETS_PER_FLOW = 60;

    @Test
    void udpFlowsSpreadAcrossTheVethQueuesAndEveryDatagramArrivesExactlyOnce() throws Exception {
        TestEal.require();
        try (VethNamespace veth = VethNamespace.create("xq", 2)) {
            Port queue0 = Port.open(xdp("md0", 20, veth.local(), 0));
            Port queue1 = null;
            FlowSpread spread;
            try {
                queue1 = Port.open(xdp("md1", 21, veth.local(), 1));
                assertEquals("net_af_xdp", queue0.driverName());
                spread = FlowSpread.receive(veth, List.of(queue0.rxQueue(0), queue1.rxQueue(0)), FLOWS, PACKETS_PER_FLOW);
                for (Port port : List.of(queue0, queue1)) {
                    assertEquals(port.pool().size() - AfXdp.FILL_RING_MBUFS, port.pool().availableCount(),
                            "every mbuf received back in the pool (the fill ring holds its own) of " + port);
                    assertEquals(0, port.stats().imissed(), "nothing dropped by the kernel on " + port);
                }
            } finally {
                if (queue1 != null) {
                    queue1.close();
                }
                queue0.close();
            }
            assertEquals(0, spread.duplicates);
            assertEquals(FLOWS * PACKETS_PER_FLOW, spread.seen.size(), "per queue " + Arrays.toString(spread.perQueue));
            assertTrue(spread.perQueue[0] > 0 && spread.perQueue[1] > 0, "both queues got flows: " + Arrays.toString(spread.perQueue));
            assertEquals(List.of(), spread.splitFlows(), "flows seen on more than one queue");
            assertEquals(FLOWS * PACKETS_PER_FLOW, spread.perQueue[0] + spread.perQueue[1]);
        }
    }

    @Test
    void twoQueuesInOnePortOnAVethAreRefusedWithTheReasonAndTheLayoutThatWorks() throws Exception {
        TestEal.require();
        try (VethNamespace veth = VethNamespace.create("xr", 2)) {
            DpdkException e = assertThrows(DpdkException.class, () -> Port.open(PortConfig.of("md",
                    "net_af_xdp22,iface=" + veth.local() + ",start_queue=0,queue_count=2", 2, 2)));
            assertTrue(e.getMessage().contains("combined channels") && e.getMessage().contains("one port per queue"), e.getMessage());
            DpdkException noTx = assertThrows(DpdkException.class, () -> Port.open(PortConfig.of("md",
                    "net_af_xdp22,iface=" + veth.local(), 1, 0)));
            assertTrue(noTx.getMessage().contains("tx_queues: 1"), noTx.getMessage());
            DpdkException beyond = assertThrows(DpdkException.class, () -> Port.open(PortConfig.of("md",
                    "net_af_xdp22,iface=" + veth.local() + ",start_queue=2", 1, 1)));
            assertTrue(beyond.getMessage().contains("has 2 RX queue(s) but start_queue=2,queue_count=1 needs 3"), beyond.getMessage());
            DpdkException smallPool = assertThrows(DpdkException.class, () -> Port.open(PortConfig.of("md",
                    "net_af_xdp22,iface=" + veth.local(), 1, 1).withMbufs(2047, 64)));
            assertTrue(smallPool.getMessage().contains("mbufs: 4095 or more"), smallPool.getMessage());
            DpdkException noInterface = assertThrows(DpdkException.class, () -> Port.open(PortConfig.of("md",
                    "net_af_xdp22,iface=" + veth.local() + "x", 1, 1)));
            assertTrue(noInterface.getMessage().contains("no interface " + veth.local() + "x"), noInterface.getMessage());
            try (Port port = Port.open(xdp("md", 22, veth.local(), 1))) {
                assertEquals(1, port.rxQueueCount(), "the refusals left the device string usable");
            }
        }
    }

    @Test
    void closingAPortReleasesItsQueueSoTheSameQueueOpensAgain() throws Exception {
        TestEal.require();
        try (VethNamespace veth = VethNamespace.create("xo", 1)) {
            for (int round = 0; round < 3; round++) {
                try (Port port = Port.open(xdp("md", 23, veth.local(), 0))) {
                    assertEquals(1, AfXdp.xdpSockets().size(), "round " + round + ": one AF_XDP socket while open");
                }
                assertEquals(0, AfXdp.xdpSockets().size(), "round " + round + ": no AF_XDP socket left after close");
            }
        }
    }

    static PortConfig xdp(String name, int id, String iface, int queue) {
        return PortConfig.of(name, "net_af_xdp" + id + ",iface=" + iface + ",start_queue=" + queue + ",queue_count=1", 1, 1)
                .withMbufs(4095, 64);
    }
}
