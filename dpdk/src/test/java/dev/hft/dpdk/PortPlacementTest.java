package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topology's {@code socket:} places the port's pool and rings; a node that is not the device's is refused. */
class PortPlacementTest {

    @Test
    void autoTakesTheDevicesNodeAndANumberTakesThatNodeWhenTheDeviceHasNone() {
        PortConfig auto = PortConfig.of("md", "0000:3b:00.0", 1, 1);
        assertEquals(1, Port.placement(auto, 1), "auto: the device's node");
        assertEquals(-1, Port.placement(auto, -1), "auto on a device without a node: any");
        assertEquals(1, Port.placement(auto.withSocket(1), -1), "a number on a device without a node: that node");
        assertEquals(0, Port.placement(auto.withSocket(0), 0));
    }

    @Test
    void aNodeThatContradictsTheDevicesIsRefusedWithBothNodes() {
        DpdkException e = assertThrows(DpdkException.class, () -> Port.placement(PortConfig.of("md", "0000:3b:00.0", 1, 1).withSocket(0), 1));
        assertEquals("port md: the topology places it on NUMA node 0 (socket: 0) but device 0000:3b:00.0 is on node 1"
                + " (rte_eth_dev_socket_id); its pool and rings must sit on the device's node: give socket: 1 or socket: auto,"
                + " or use a device on node 0", e.getMessage());
    }

    @Test
    void theTopologyEntryCarriesTheSocket() {
        assertEquals(1, PortConfig.fromTopology(Map.of("name", "md", "device", "net_null0", "socket", 1), 1, 0).socket());
        assertEquals(PortConfig.SOCKET_AUTO, PortConfig.fromTopology(Map.of("name", "md", "device", "net_null0", "socket", "auto"), 1, 0).socket());
        assertEquals(PortConfig.SOCKET_AUTO, PortConfig.fromTopology(Map.of("name", "md", "device", "net_null0"), 1, 0).socket());
    }

    @Test
    void thePoolIsCreatedOnTheNodeTheTopologyNames() {
        TestEal.require();
        try (Port port = Port.open(PortConfig.of("md", "net_null0", 1, 1).withMbufs(1023, 0).withSocket(0))) {
            assertEquals(0, port.pool().socketId());
            assertEquals(0, port.socketId());
        }
        try (Port port = Port.open(PortConfig.of("md", "net_null0", 1, 1).withMbufs(1023, 0))) {
            assertEquals(-1, port.pool().socketId(), "auto on a virtual device: any node");
        }
    }

    @Test
    void aNodeWithoutEalMemoryIsAStartErrorNamingTheNode() {
        TestEal.require();
        DpdkException e = assertThrows(DpdkException.class,
                () -> Port.open(PortConfig.of("md", "net_null0", 1, 1).withMbufs(1023, 0).withSocket(1)));
        assertTrue(e.getMessage().contains("socket 1) failed") && e.getMessage().contains("memory on NUMA node 1"), e.getMessage());
        try (Port port = Port.open(PortConfig.of("md", "net_null0", 1, 1).withMbufs(1023, 0))) {
            assertEquals(1, port.rxQueueCount(), "the refused attempt left the device usable");
        }
    }
}
