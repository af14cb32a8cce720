package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DpdkInitTest {

    @Test
    void initLeavesTheCallingThreadAndItsFutureChildrenUnpinned() throws Exception {
        TestEal.require();
        assertTrue(Dpdk.isInitialized());
        assertTrue(Long.bitCount(TestEal.affinityBeforeInit[0]) > 1 || Runtime.getRuntime().availableProcessors() == 1,
                "the test JVM must start with more than one CPU allowed to show pinning");
        assertArrayEquals(TestEal.affinityBeforeInit, TestEal.affinityAfterInit);
        AtomicReference<long[]> child = new AtomicReference<>();
        Thread thread = new Thread(() -> child.set(TestEal.affinity()));
        thread.start();
        thread.join();
        assertArrayEquals(TestEal.affinityBeforeInit, child.get());
    }

    @Test
    void registeringAThreadGivesItAnLcoreWithoutPinningIt() throws Exception {
        TestEal.require();
        AtomicReference<long[]> mask = new AtomicReference<>();
        int lcoresBefore = Dpdk.lcoreCount();
        Thread thread = new Thread(() -> {
            Dpdk.registerThread();
            Dpdk.registerThread();
            mask.set(TestEal.affinity());
        });
        thread.start();
        thread.join();
        assertArrayEquals(TestEal.affinityBeforeInit, mask.get());
        assertEquals(lcoresBefore + 1, Dpdk.lcoreCount(), "one more lcore: the thread, registered once");
    }

    @Test
    void ealReportsItsLcoresAndCannotBeInitialisedTwice() {
        TestEal.require();
        assertEquals(0, Dpdk.mainLcore());
        assertTrue(Dpdk.lcoreCount() >= 1);
        DpdkException second = assertThrows(DpdkException.class, () -> Dpdk.init(List.of("--no-huge")));
        assertTrue(second.getMessage().contains("once per JVM"), second.getMessage());
        Dpdk.initIfNeeded(List.of("--no-such-option"));
        assertTrue(Dpdk.isInitialized(), "initIfNeeded leaves an initialised EAL alone, arguments unread");
    }
}
