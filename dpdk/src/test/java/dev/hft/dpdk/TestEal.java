package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one EAL of this test JVM, initialised on first use with every vdev the module's tests name in EAL arguments.
 * A test that cannot run DPDK is skipped with the reason, or fails when {@code CI=true}.
 */
final class TestEal {

    static final List<String> EAL_ARGS = List.of("-l", "0", "--no-huge", "--no-pci", "-m", "256", "--no-shconf",
            "--log-level=lib.eal:warning", "--vdev=net_ring0", "--vdev=net_null0");

    static long[] affinityBeforeInit;
    static long[] affinityAfterInit;
    private static String failure;
    private static boolean done;

    private TestEal() {
    }

    /** Initialises the EAL once, or skips/fails the calling test with the reason DPDK cannot run. */
    static synchronized void require() {
        if (!done) {
            done = true;
            if (!Dpdk.isAvailable()) {
                failure = Dpdk.unavailableReason();
            } else {
                affinityBeforeInit = affinity();
                try {
                    Dpdk.init(EAL_ARGS);
                } catch (DpdkException e) {
                    failure = e.getMessage();
                }
                affinityAfterInit = affinity();
            }
        }
        unavailable(failure);
    }

    /** Skips (or, with CI=true, fails) the test when {@code reason} is not null. */
    static void unavailable(String reason) {
        if (reason == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("DPDK test cannot run under CI=true: " + reason);
        }
        assumeTrue(false, "DPDK test skipped: " + reason);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("hft-dpdk-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
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
