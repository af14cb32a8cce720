package dev.hft.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.dpdk.Dpdk;

/**
 * Zero garbage in steady state, measured: the closed loop of {@code bench t2t} (DPDK net_ring feed into dpdk-rx, book,
 * TriggerTaker with pre-trade risk, OUCH egress over a DPDK TX burst, answers back through DPDK) with every stage on
 * its own thread ({@code stages} layout: backoff waits, so four pipeline threads never busy-spin on two cores), and
 * {@code ThreadMXBean.getThreadAllocatedBytes} of each of them over the measured window after a warm-up.
 *
 * <p>A steady window is one in which the JIT compiled nothing: a deoptimisation materialises the scalar-replaced
 * objects of the frames it unwinds on the heap of the thread that ran them (a few hundred bytes, seen on a loaded
 * machine), and recompilation follows it. A window with allocation but compilation is run again (fresh pipeline, the
 * same JVM's compiled code); allocation in a window without compilation fails the test at once.
 */
class HotThreadAllocationTest {

    private static final List<String> HOT = List.of("hft-ingress", "hft-book", "hft-strategy", "hft-egress");

    @Test
    void ingressBookStrategyAndEgressThreadsAllocateNothingInTheClosedLoop(@TempDir Path dir) throws Exception {
        if (!Dpdk.isAvailable()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("DPDK is not usable under CI=true: " + Dpdk.unavailableReason());
            }
            Assumptions.assumeTrue(false, "needs DPDK: " + Dpdk.unavailableReason());
        }
        List<String> runs = new ArrayList<>();
        for (int attempt = 1; attempt <= 6; attempt++) {
            TickToTrade.Result r = TickToTrade.run(new TickToTrade.Options(TickToTrade.Layout.STAGES, attempt == 1 ? 30_000 : 5_000,
                    20_000, 20_000, 2, null, false), dir);
            String line = TickToTrade.line(r);
            runs.add(line);
            System.out.println("attempt " + attempt + ": " + line);
            assertTrue(r.complete(), line);
            assertEquals(10_000, r.triggers(), line);
            assertEquals(r.triggers(), r.orders(), line);
            assertEquals(r.triggers(), r.recorded(), line);
            Map<String, Long> bytes = r.threadAllocated();
            assertTrue(bytes.keySet().containsAll(HOT), "every hot thread measured: " + bytes);
            boolean zero = HOT.stream().allMatch(t -> bytes.get(t) == 0L);
            if (zero) {
                return;
            }
            if (r.jitMillis() == 0) {
                fail("allocation on a hot thread in a window without JIT activity:\n" + String.join("\n", runs));
            }
        }
        fail("no window without allocation in 6 runs, each with JIT activity:\n" + String.join("\n", runs));
    }
}
