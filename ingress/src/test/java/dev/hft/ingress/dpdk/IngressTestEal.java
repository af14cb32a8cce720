package dev.hft.ingress.dpdk;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkException;

/** The one EAL of the ingress test JVM (ports are attached by the tests with their own pcap files). */
final class IngressTestEal {

    static final List<String> EAL_ARGS = List.of("-l", "0", "--no-huge", "--no-pci", "-m", "256", "--no-shconf",
            "--log-level=lib.eal:warning");

    private static String failure;
    private static boolean done;

    private IngressTestEal() {
    }

    /** Initialises the EAL once, or skips the calling test with the reason (fails it when CI=true). */
    static synchronized void require() {
        if (!done) {
            done = true;
            if (!Dpdk.isAvailable()) {
                failure = Dpdk.unavailableReason();
            } else {
                try {
                    Dpdk.init(EAL_ARGS);
                } catch (DpdkException e) {
                    failure = e.getMessage();
                }
            }
        }
        if (failure != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("DPDK test cannot run under CI=true: " + failure);
            }
            assumeTrue(false, "DPDK test skipped: " + failure);
        }
    }
}
