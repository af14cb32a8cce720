package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** net_pcap: a written pcap comes in frame for frame, and frames built in mbufs go out into a pcap unchanged. */
class PcapPortTest {

    private static final int FRAMES = 100;
    private static final int MAX_IDLE_POLLS = 10_000;

    @ParameterizedTest
    @EnumSource(FastPath.class)
    void everyFrameOfThePcapArrivesOnceWithIdenticalBytesAndGoesOutUnchanged(FastPath fastPath, @TempDir Path dir) throws Exception {
        TestEal.require();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            frames.add(Frames.udp(40000 + i, 26477, "frame-" + i, 18 + (i * 37) % 1400));
        }
        Path rx = dir.resolve("rx.pcap");
        Path tx = dir.resolve("tx.pcap");
        Frames.writePcap(rx, frames);
        String vdev = "net_pcap" + fastPath.ordinal() + ",rx_pcap=" + rx + ",tx_pcap=" + tx;

        List<byte[]> received = new ArrayList<>();
        Port port = Port.open(PortConfig.of("md", vdev, 1, 1).withFastPath(fastPath).withMbufs(1023, 32));
        try {
            assertEquals("net_pcap", port.driverName());
            assertTrue(port.linkUp(), "a started pcap port reports link up");
            assertEquals(0, port.rssHf(), "one RX queue: no RSS");
            RxQueue rxQueue = port.rxQueue(0);
            MbufBurst burst = new MbufBurst(32);
            Mbuf mbuf = new Mbuf();
            for (int idle = 0; received.size() < FRAMES && idle < MAX_IDLE_POLLS; ) {
                int count = rxQueue.poll(burst);
                idle = count == 0 ? idle + 1 : 0;
                for (int i = 0; i < count; i++) {
                    received.add(mbuf.wrap(burst.mbuf(i)).data().toArray(ValueLayout.JAVA_BYTE));
                }
                rxQueue.free(burst);
            }
            assertEquals(0, rxQueue.poll(burst), "nothing beyond the pcap's frames");

            TxQueue txQueue = port.txQueue(0);
            for (int i = 0; i < FRAMES; i++) {
                byte[] frame = frames.get(i);
                long offset = txQueue.claim(frame.length);
                MemorySegment.copy(frame, 0, txQueue.memory(), ValueLayout.JAVA_BYTE, offset, frame.length);
                if (i % 7 == 6) {
                    txQueue.flush();
                }
            }
            txQueue.flush();
            assertEquals(-1, txQueue.claim(5000));

            assertEquals(FRAMES, rxQueue.counters().get(QueueCounter.RX_PACKETS));
            assertEquals(frames.stream().mapToLong(f -> f.length).sum(), rxQueue.counters().get(QueueCounter.RX_BYTES));
            assertEquals(FRAMES, txQueue.counters().get(QueueCounter.TX_PACKETS));
            assertEquals(1, txQueue.counters().get(QueueCounter.TX_DROP_TOO_LONG));
            assertEquals(0, txQueue.counters().get(QueueCounter.TX_DROP_FULL));
            PortStats stats = port.stats();
            assertEquals(FRAMES, stats.ipackets());
            assertEquals(FRAMES, stats.opackets());
            Map<String, Long> xstats = port.xstats();
            assertEquals(FRAMES, xstats.get("rx_good_packets"), xstats.toString());
            txQueue.close();
            assertEquals(port.pool().size(), port.pool().availableCount(), "every mbuf back in the pool");
        } finally {
            port.close();
        }
        assertFramesEqual(frames, received);
        assertFramesEqual(frames, Frames.readPcap(tx));
    }

    @Test
    void aFrameLargerThanOneMbufIsDroppedAndCountedAndItsSegmentsFreed(@TempDir Path tmp) throws Exception {
        TestEal.require();
        Path rx = tmp.resolve("jumbo.pcap");
        List<byte[]> frames = List.of(Frames.udp(1, 2, "before", 100), Frames.udp(1, 2, "jumbo", 3000),
                Frames.udp(1, 2, "after", 100));
        Frames.writePcap(rx, frames);
        List<byte[]> received = new ArrayList<>();
        try (Port port = Port.open(PortConfig.of("md", "net_pcap4,rx_pcap=" + rx, 1, 0).withMbufs(1023, 32))) {
            RxQueue rxQueue = port.rxQueue(0);
            MbufBurst burst = new MbufBurst(32);
            Mbuf mbuf = new Mbuf();
            for (int idle = 0; received.size() < 2 && idle < MAX_IDLE_POLLS; ) {
                int count = rxQueue.poll(burst);
                idle = count == 0 ? idle + 1 : 0;
                for (int i = 0; i < count; i++) {
                    received.add(mbuf.wrap(burst.mbuf(i)).data().toArray(ValueLayout.JAVA_BYTE));
                }
                rxQueue.free(burst);
            }
            assertEquals(1, rxQueue.counters().get(QueueCounter.RX_DROP_MULTI_SEGMENT));
            assertEquals(2, rxQueue.counters().get(QueueCounter.RX_PACKETS));
            assertEquals(port.pool().size(), port.pool().availableCount(), "both segments of the jumbo frame freed");
        }
        assertFramesEqual(List.of(frames.get(0), frames.get(2)), received);
    }

    static void assertFramesEqual(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
        assertTrue(expected.size() > 0);
    }
}
