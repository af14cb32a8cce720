package dev.hft.ingress.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.ingress.FrameHandler;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.source.PcapSource;
import dev.hft.wire.pcap.FrameTap;

class FrameTapTest {

    /** Frame i: 60 + i % 200 bytes, each byte derived from i and its position. */
    private static MemorySegment frame(int i) {
        MemorySegment f = MemorySegment.ofArray(new byte[60 + i % 200]);
        for (int b = 0; b < f.byteSize(); b++) {
            f.set(ValueLayout.JAVA_BYTE, b, (byte) (i * 31 + b));
        }
        return f;
    }

    private static List<byte[]> readBack(Path file) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        DropCounters drops = new DropCounters();
        try (PcapSource source = PcapSource.open("check", file,
                (f, o, l, n) -> frames.add(f.asSlice(o, l).toArray(ValueLayout.JAVA_BYTE)), drops, 64, false)) {
            while (!source.isExhausted()) {
                source.doWork();
            }
        }
        assertEquals(0, drops.total(), drops.toString());
        return frames;
    }

    @Test
    void everyFrameIsWrittenToAPcapThatPcapSourceReadsBackIdentical(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rx.pcap");
        List<byte[]> passed = new ArrayList<>();
        FrameHandler decode = (f, o, l, n) -> passed.add(f.asSlice(o, l).toArray(ValueLayout.JAVA_BYTE));
        FrameTap tap = new FrameTap(file, 1, Long.MAX_VALUE, Long.MAX_VALUE);
        FrameHandler tapped = new TapFrameHandler(tap, decode);
        for (int i = 0; i < 500; i++) {
            tapped.onFrame(frame(i), 0, (int) frame(i).byteSize(), System.nanoTime());
            if (i % 50 == 0) {
                Thread.sleep(1);
            }
        }
        tap.close();
        assertEquals(500, passed.size(), "the decode path still sees every frame");
        List<byte[]> back = readBack(file);
        assertEquals(500, back.size() + tap.dropped(), "written + dropped = offered");
        assertEquals(0, tap.dropped(), "a 4 MiB ring holds 500 small frames");
        for (int i = 0; i < back.size(); i++) {
            assertArrayEquals(frame(i).toArray(ValueLayout.JAVA_BYTE), back.get(i), "frame " + i);
        }
    }

    @Test
    void samplingTakesOneInNAndLimitsStopTheCapture(@TempDir Path dir) throws Exception {
        Path sampled = dir.resolve("sampled.pcap");
        FrameTap tap = new FrameTap(sampled, 10, 7, Long.MAX_VALUE);
        for (int i = 1; i <= 100; i++) {
            tap.capture(frame(i), 0, (int) frame(i).byteSize(), 0);
        }
        tap.close();
        List<byte[]> back = readBack(sampled);
        assertEquals(7, back.size(), "max_packets");
        assertEquals(3, tap.overLimit(), "10 sampled, 7 taken");
        for (int k = 0; k < 7; k++) {
            assertArrayEquals(frame((k + 1) * 10).toArray(ValueLayout.JAVA_BYTE), back.get(k), "frame 10*" + (k + 1));
        }

        Path bytes = dir.resolve("bytes.pcap");
        FrameTap byBytes = new FrameTap(bytes, 1, Long.MAX_VALUE, 200);
        for (int i = 0; i < 5; i++) {
            byBytes.capture(frame(0), 0, 60, 0);
        }
        byBytes.close();
        assertEquals(3, readBack(bytes).size(), "three 60-byte frames fit in max_bytes 200");
        assertEquals(2, byBytes.overLimit());
    }

    @Test
    void aFullRingIsACountedDropNeverAStall(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("full.pcap");
        FrameTap tap = new FrameTap(file, 1, Long.MAX_VALUE, Long.MAX_VALUE, 1024);
        MemorySegment big = frame(100);
        int offered = 5_000;
        for (int i = 0; i < offered; i++) {
            tap.capture(big, 0, 120, i);
        }
        MemorySegment jumbo = MemorySegment.ofArray(new byte[2000]);
        tap.capture(jumbo, 0, 2000, 0);
        tap.close();
        assertTrue(tap.dropped() > 0, "the 2000-byte frame exceeds what a 1 KiB ring takes");
        assertEquals(offered + 1, readBack(file).size() + tap.dropped(), "written + dropped = offered");
        assertEquals(tap.written(), readBack(file).size());
    }

    @Test
    void capturingAllocatesNothing(@TempDir Path dir) {
        FrameTap tap = new FrameTap(dir.resolve("alloc.pcap"), 3, Long.MAX_VALUE, Long.MAX_VALUE, 1 << 16);
        MemorySegment f = MemorySegment.ofArray(new byte[128]);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        for (int i = 0; i < 100_000; i++) {
            tap.capture(f, 0, 128, i);
        }
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = bean.getThreadAllocatedBytes(self);
            for (int i = 0; i < 100_000; i++) {
                tap.capture(f, 0, 128, i);
            }
            least = Math.min(least, bean.getThreadAllocatedBytes(self) - before);
        }
        tap.close();
        assertEquals(0, least, "bytes allocated by 100,000 captures (fewest of 5 rounds, after warm-up)");
        assertTrue(tap.written() > 0);
    }

    @Test
    void badSettingsAreAClearError(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> new FrameTap(dir.resolve("x"), 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameTap(dir.resolve("x"), 1, 1, 1, 1000));
    }
}
