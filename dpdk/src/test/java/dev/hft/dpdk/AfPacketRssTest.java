package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * net_af_packet with qpairs=2 on one end of a veth pair whose other end sits in a network namespace the test
 * creates (and always removes): UDP flows sent from the namespace spread across both RX queues by the fanout hash,
 * every datagram received exactly once, each flow on one queue.
 */
class AfPacketRssTest {

    private static final int FLOWS = 32;
    private static final int PACKETS_PER_FLOW = 60;

    @Test
    void udpFlowsSpreadAcrossTwoQueuesAndEveryDatagramArrivesExactlyOnce() throws Exception {
        TestEal.require();
        try (VethNamespace veth = VethNamespace.create("pk", 1)) {
            Port port = Port.open(PortConfig.of("md", "net_af_packet9,iface=" + veth.local() + ",qpairs=2,framecnt=4096", 2, 1)
                    .withMbufs(4095, 64));
            FlowSpread spread;
            PortStats stats;
            try {
                spread = FlowSpread.receive(veth, List.of(port.rxQueue(0), port.rxQueue(1)), FLOWS, PACKETS_PER_FLOW);
                assertEquals(port.pool().size(), port.pool().availableCount(), "every mbuf back in the pool");
                stats = port.stats();
            } finally {
                port.close();
            }
            assertEquals(0, spread.duplicates);
            assertEquals(FLOWS * PACKETS_PER_FLOW, spread.seen.size(), "per queue " + Arrays.toString(spread.perQueue) + ", " + stats);
            assertTrue(spread.perQueue[0] > 0 && spread.perQueue[1] > 0, "both queues got flows: " + Arrays.toString(spread.perQueue));
            assertEquals(List.of(), spread.splitFlows(), "flows seen on more than one queue");
        }
    }
}
