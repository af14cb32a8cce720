package dev.hft.pipeline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @AfterEach
    void forget() {
        Metrics.remove("alloc_check");
        Metrics.remove("snap_check");
    }

    @Test
    void recordingAllocatesNothing() {
        LatencyHistogram h = Metrics.histogram("alloc_check");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        for (int i = 0; i < 200_000; i++) {
            h.record(i);
        }
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = bean.getThreadAllocatedBytes(self);
            for (int i = 0; i < 200_000; i++) {
                h.record(i * 37L);
            }
            least = Math.min(least, bean.getThreadAllocatedBytes(self) - before);
        }
        assertEquals(0, least, "bytes allocated by 200,000 records (fewest of 5 rounds, after warm-up)");
    }

    @Test
    void snapshotsAccumulateAndClampOutOfRangeValues() {
        LatencyHistogram h = Metrics.histogram("snap_check");
        assertSame(h, Metrics.histogram("snap_check"));
        h.record(1_000);
        h.record(0);
        assertEquals(2, h.snapshot().getTotalCount());
        h.record(LatencyHistogram.HIGHEST_NANOS * 2);
        Histogram s = h.snapshot();
        assertEquals(3, s.getTotalCount(), "earlier intervals stay in the total");
        assertEquals(1, h.clamped());
        assertEquals(1, s.getMinValue());
        assertThrows(IllegalArgumentException.class, () -> Metrics.histogram("Tick-To-Trade"));
    }
}
