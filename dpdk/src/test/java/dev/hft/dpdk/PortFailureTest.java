package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortFailureTest {

    @Test
    void anUnknownDriverIsRefusedWithDpdksReason() {
        TestEal.require();
        DpdkException e = assertThrows(DpdkException.class, () -> Port.open(PortConfig.of("md", "net_nosuch0", 1, 1)));
        assertTrue(e.getMessage().startsWith("port md: cannot attach device 'net_nosuch0': "), e.getMessage());
    }

    @Test
    void aPcapThatDoesNotExistIsRefused() {
        TestEal.require();
        DpdkException e = assertThrows(DpdkException.class,
                () -> Port.open(PortConfig.of("md", "net_pcap7,rx_pcap=/nonexistent/x.pcap", 1, 1)));
        assertTrue(e.getMessage().contains("cannot attach device 'net_pcap7,rx_pcap=/nonexistent/x.pcap'"), e.getMessage());
    }

    @Test
    void moreQueuesThanTheDeviceHasIsRefusedBeforeAnythingIsConfigured(@TempDir Path tmp) throws Exception {
        TestEal.require();
        Path rx = tmp.resolve("one.pcap");
        Frames.writePcap(rx, List.of(Frames.udp(1, 2, "x", 10)));
        DpdkException e = assertThrows(DpdkException.class,
                () -> Port.open(PortConfig.of("md", "net_pcap5,rx_pcap=" + rx, 4, 1)));
        assertEquals("port md has 1 RX queue max, topology asks 4 (device net_pcap5,rx_pcap=" + rx + ", driver net_pcap)",
                e.getMessage());
        try (Port port = Port.open(PortConfig.of("md", "net_pcap5,rx_pcap=" + rx, 1, 1).withMbufs(1023, 0))) {
            assertEquals(1, port.rxQueueCount(), "a refused attempt leaves the device usable");
        }
    }

    @Test
    void badConfigurationIsRefusedBeforeDpdkIsCalled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortConfig.of("md", " ", 1, 1));
        assertEquals("port md needs a device string", e.getMessage());
    }
}
