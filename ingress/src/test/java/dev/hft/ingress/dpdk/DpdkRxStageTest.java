package dev.hft.ingress.dpdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.management.ThreadMXBean;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkTestSupport;
import dev.hft.dpdk.Port;
import dev.hft.dpdk.PortConfig;
import dev.hft.dpdk.QueueCounter;
import dev.hft.ingress.FrameHandler;
import dev.hft.ingress.mold.MoldReceiver;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.UdpFrameHandler;
import dev.hft.ingress.route.MessageSink;
import dev.hft.venue.gen.FeedGenerator;
import dev.hft.wire.pcap.PcapWriter;

/** DpdkRxStage on net_pcap: frames in place to a FrameHandler, through the real UDP/MoldUDP64 path, and no leaks. */
class DpdkRxStageTest {

    private static final int MAX_IDLE_WORK = 10_000;

    @Test
    void everyFrameReachesTheHandlerOnceWithIdenticalBytesAndTheBurstIsFreed(@TempDir Path dir) throws IOException {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] frame = new byte[60 + (i * 53) % 1400];
            for (int b = 0; b < frame.length; b++) {
                frame[b] = (byte) (i * 31 + b);
            }
            frames.add(frame);
        }
        Path pcap = writePcap(dir.resolve("frames.pcap"), frames);
        List<byte[]> seen = new ArrayList<>();
        long[] lastNanos = {0};
        FrameHandler recorder = (segment, offset, length, receiveNanos) -> {
            assertTrue(receiveNanos >= lastNanos[0]);
            lastNanos[0] = receiveNanos;
            seen.add(segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
        };
        try (Port port = Port.open(PortConfig.of("md", "net_pcap10,rx_pcap=" + pcap, 1, 0).withMbufs(1023, 32))) {
            DpdkRxStage stage = new DpdkRxStage("ingress-0", port.rxQueue(0), recorder, DpdkRxStage.DEFAULT_BURST);
            assertEquals(frames.size(), run(stage, frames.size()));
            assertEquals(frames.size(), stage.rxQueue().counters().get(QueueCounter.RX_PACKETS));
            assertEquals(port.pool().size(), port.pool().availableCount(), "every mbuf back in the pool");
        }
        assertEquals(frames.size(), seen.size());
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(frames.get(i), seen.get(i), "frame " + i);
        }
    }

    @Test
    void aThrowingHandlerSkipsOnlyItsFrameAndTheBurstStillGoesBackToThePool(@TempDir Path dir) throws IOException {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        Path pcap = writePcap(dir.resolve("two.pcap"), List.of(new byte[64], new byte[64]));
        FrameHandler failing = (segment, offset, length, receiveNanos) -> {
            throw new IllegalStateException("handler failure");
        };
        try (Port port = Port.open(PortConfig.of("md", "net_pcap11,rx_pcap=" + pcap, 1, 0).withMbufs(1023, 32))) {
            DpdkRxStage stage = new DpdkRxStage("ingress-0", port.rxQueue(0), failing, DpdkRxStage.DEFAULT_BURST);
            stage.onStart();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                for (int i = 0; i < MAX_IDLE_WORK; i++) {
                    stage.doWork();
                }
            });
            assertEquals("handler failure", e.getMessage());
            assertEquals(port.pool().size() - 2, port.pool().availableCount(), "the second frame waits for the next call");
            assertThrows(IllegalStateException.class, stage::doWork, "the second frame is handed over too");
            assertEquals(port.pool().size(), port.pool().availableCount(), "the burst was freed once every frame was handed over");
        }
    }

    @Test
    void aGeneratedMoldUdp64FeedDecodesThroughTheRealFrameHandler(@TempDir Path dir) throws IOException {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        FeedGenerator.Summary summary = FeedGenerator.write(new FeedGenerator.Options(5000, 20, 7), dir, "feed");
        long[] types = new long[256];
        long[] packetEnds = {0};
        MessageSink sink = new MessageSink() {
            @Override
            public void onMessage(MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
                types[segment.get(ValueLayout.JAVA_BYTE, offset) & 0xFF]++;
            }

            @Override
            public void onPacketEnd() {
                packetEnds[0]++;
            }
        };
        DropCounters drops = new DropCounters();
        MoldReceiver mold = new MoldReceiver(MoldReceiver.Config.DEFAULTS, sink, drops, null, null);
        UdpFrameHandler udp = new UdpFrameHandler(mold, drops);
        udp.addLine(FeedGenerator.GROUP + ":" + FeedGenerator.PORT);
        long frames;
        try (Port port = Port.open(PortConfig.of("md", "net_pcap12,rx_pcap=" + dir.resolve("feed.pcap"), 1, 0)
                .withMbufs(2047, 64))) {
            DpdkRxStage stage = new DpdkRxStage("ingress-0", port.rxQueue(0), udp, DpdkRxStage.DEFAULT_BURST);
            frames = run(stage, Long.MAX_VALUE);
            assertEquals(port.pool().size(), port.pool().availableCount(), "every mbuf back in the pool");
        }
        assertEquals(udp.frames(), frames);
        assertEquals(0, drops.total(), drops.toString());
        assertEquals(summary.messages(), Arrays.stream(types).sum());
        assertArrayEquals(summary.typeCounts(), types);
        assertTrue(packetEnds[0] > 0);
    }

    @Test
    void theStageAllocatesNothingPerBurstAfterWarmUp() {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] sum = {0};
        FrameHandler touch = (segment, offset, length, receiveNanos) ->
                sum[0] += segment.get(ValueLayout.JAVA_BYTE, offset) + length;
        try (Port port = Port.open(PortConfig.of("gen", "net_null3", 1, 0).withMbufs(2047, 0))) {
            DpdkRxStage stage = new DpdkRxStage("ingress-0", port.rxQueue(0), touch, DpdkRxStage.DEFAULT_BURST);
            stage.onStart();
            for (int i = 0; i < 50_000; i++) {
                stage.doWork();
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
            long frames = 0;
            for (int i = 0; i < 20_000; i++) {
                frames += stage.doWork();
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
            assertEquals(0, allocated, "bytes allocated while delivering " + frames + " frames");
            assertEquals(20_000L * DpdkRxStage.DEFAULT_BURST, frames, "net_null fills every burst");
            assertEquals(port.pool().size(), port.pool().availableCount());
        }
        assertTrue(sum[0] > 0);
    }

    /** Steps the stage on this thread until {@code expected} frames or a long idle stretch; returns frames seen. */
    private static long run(DpdkRxStage stage, long expected) {
        stage.onStart();
        long frames = 0;
        for (int idle = 0; frames < expected && idle < MAX_IDLE_WORK; ) {
            int done = stage.doWork();
            frames += done;
            idle = done == 0 ? idle + 1 : 0;
        }
        stage.onStop();
        return frames;
    }

    private static Path writePcap(Path file, List<byte[]> frames) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); PcapWriter pcap = new PcapWriter(out)) {
            long nanos = 1_700_000_000_000_000_000L;
            for (byte[] frame : frames) {
                pcap.writeFrame(MemorySegment.ofArray(frame), 0, frame.length, nanos += 1000);
            }
        }
        return file;
    }
}
