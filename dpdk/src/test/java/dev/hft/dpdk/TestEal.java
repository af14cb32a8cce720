package dev.hft.dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The one EAL of this module's test JVM, initialised on first use with every vdev the module's tests name in EAL
 * arguments, through {@link DpdkTestSupport}.
 */
final class TestEal {

    static final List<String> EAL_ARGS = List.of("-l", "0", "--no-huge", "--no-pci", "-m", "256", "--no-shconf",
            "--log-level=lib.eal:warning", "--vdev=net_ring0", "--vdev=net_null0");

    static long[] affinityBeforeInit;
    static long[] affinityAfterInit;

    private TestEal() {
    }

    /**
     * Initialises the EAL once, or skips/fails the calling test with the reason DPDK cannot run; records the
     * calling thread's CPU mask around the first attempt (the EAL pins the thread it is initialised on).
     */
    static synchronized void require() {
        if (affinityBeforeInit != null) {
            DpdkTestSupport.requireEal(EAL_ARGS);
            return;
        }
        affinityBeforeInit = affinity();
        try {
            DpdkTestSupport.requireEal(EAL_ARGS);
        } finally {
            affinityAfterInit = affinity();
        }
    }

    /** The calling thread's CPU mask ({@code sched_getaffinity(0, ...)}), 1024 CPUs as 16 longs. */
    static long[] affinity() {
        Linker linker = Linker.nativeLinker();
        MethodHandle getaffinity = linker.downcallHandle(linker.defaultLookup().find("sched_getaffinity").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(ValueLayout.JAVA_LONG, 16);
            int rc = (int) getaffinity.invokeExact(0, mask.byteSize(), mask);
            if (rc != 0) {
                throw new IllegalStateException("sched_getaffinity failed: " + rc);
            }
            return mask.toArray(ValueLayout.JAVA_LONG);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
