package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failures that need a fresh process (the EAL initialises once per JVM): each case runs {@link Probe} in a
 * child JVM and checks what it reports.
 */
class DpdkUnavailableTest {

    @Test
    void ealArgumentsItRefusesGiveRteStrerrorText() throws Exception {
        TestEal.require();
        String out = runProbe(List.of(), "--no-huge", "--no-pci", "--no-shconf", "--no-such-option");
        assertTrue(out.contains("available=true"), out);
        assertTrue(out.contains("init failed: rte_eal_init --no-huge --no-pci --no-shconf --no-such-option failed: "
                + "Invalid argument (errno 22)"), out);
        assertTrue(out.contains("reason=rte_eal_init"), out);
    }

    @Test
    void aMissingShimMakesDpdkUnavailableWithTheReason() throws Exception {
        TestEal.require();
        String out = runProbe(List.of("-D" + Native.SHIM_PROPERTY + "=/nonexistent/libhftdpdk.so"), "--no-huge");
        assertTrue(out.contains("available=false"), out);
        assertTrue(out.contains("reason=") && out.contains("/nonexistent/libhftdpdk.so"), out);
        assertTrue(out.contains("init failed: DPDK unavailable: "), out);
    }

    private static String runProbe(List<String> jvmOptions, String... ealArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(Path.of("target/classes") + File.pathSeparator + Path.of("target/test-classes"));
        command.add(Probe.class.getName());
        command.addAll(List.of(ealArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    /** Child-JVM entry: tries {@code Dpdk.init(args)} and prints availability, the failure and the reason. */
    public static final class Probe {

        private Probe() {
        }

        public static void main(String[] args) {
            System.out.println("available=" + Dpdk.isAvailable());
            try {
                Dpdk.init(List.of(args));
                System.out.println("init ok");
            } catch (DpdkException e) {
                System.out.println("init failed: " + e.getMessage());
            }
            System.out.println("reason=" + Dpdk.unavailableReason());
        }
    }
}
