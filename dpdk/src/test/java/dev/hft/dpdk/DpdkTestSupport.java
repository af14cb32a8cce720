package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

/**
 * What every module's DPDK tests share: one EAL per test JVM (the EAL can be initialised once per process), and
 * the rule that a DPDK test which cannot run is skipped with the reason, or fails when {@code CI=true}.
 */
public final class DpdkTestSupport {

    private static String failure;
    private static boolean done;

    private DpdkTestSupport() {
    }

    /**
     * Initialises the EAL with {@code ealArgs} on the first call (unless something in this JVM already did), or
     * skips/fails the calling test with the reason DPDK cannot run.
     */
    public static synchronized void requireEal(List<String> ealArgs) {
        if (!done) {
            done = true;
            failure = initialise(ealArgs);
        }
        unavailable(failure);
    }

    private static String initialise(List<String> ealArgs) {
        if (!Dpdk.isAvailable()) {
            return Dpdk.unavailableReason();
        }
        if (Dpdk.isInitialized()) {
            return null;
        }
        try {
            Dpdk.init(ealArgs);
            return null;
        } catch (DpdkException e) {
            return e.getMessage();
        }
    }

    /** Skips (or, with CI=true, fails) the test when {@code reason} is not null. */
    public static void unavailable(String reason) {
        if (reason == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("DPDK test cannot run under CI=true: " + reason);
        }
        assumeTrue(false, "DPDK test skipped: " + reason);
    }
}
