package dev.hft.pipeline.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import net.openhft.affinity.Affinity;

import dev.hft.pipeline.topology.Machine;

class PinningTest {

    @Test
    void pinnedThreadIsConfinedToItsCoreAsProcShowsIt() throws InterruptedException {
        int core = Machine.discover().cores().last();
        AtomicReference<Pinning.Result> result = new AtomicReference<>();
        AtomicReference<String> readBack = new AtomicReference<>();
        Thread t = new Thread(() -> {
            result.set(Pinning.pinCurrentThread(core));
            readBack.set(Pinning.allowedCpus(Affinity.getThreadId()));
        });
        t.start();
        t.join();
        assertTrue(result.get().verified(), result.get().describe());
        assertEquals(String.valueOf(core), readBack.get());
        assertEquals("pinned to core " + core + " (verified)", result.get().describe());
    }
}
