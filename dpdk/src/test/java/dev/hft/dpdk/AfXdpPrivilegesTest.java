package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When the kernel refuses AF_XDP, the start error names the missing privilege or limit and the fix. Each case opens
 * a net_af_xdp port in a child JVM started through setpriv (without one capability) or prlimit (a small
 * RLIMIT_MEMLOCK), on a veth the test creates and removes.
 */
class AfXdpPrivilegesTest {

    @Test
    void withoutCapNetAdminTheErrorSaysSo() throws Exception {
        String out = openInChild(List.of("setpriv", "--bounding-set=-net_admin"));
        assertTrue(out.contains("open failed: port md (") && out.contains("the process lacks CAP_NET_ADMIN (attach the XDP program"), out);
        assertTrue(out.contains("AmbientCapabilities="), out);
        assertTrue(!out.contains("CAP_NET_RAW (") && !out.contains("RLIMIT_MEMLOCK"), "only what is missing is named: " + out);
    }

    @Test
    void withCapBpfButWithoutCapSysAdminTheErrorSaysSo() throws Exception {
        String out = openInChild(List.of("setpriv", "--bounding-set=-sys_admin"));
        assertTrue(out.contains("the process lacks CAP_SYS_ADMIN (load the BPF program"), out);
    }

    @Test
    void withoutCapIpcLockAPoolAboveTheMemlockLimitIsNamedWithTheLimit() throws Exception {
        String out = openInChild(List.of("setpriv", "--bounding-set=-ipc_lock", "prlimit", "--memlock=4194304:4194304"));
        assertTrue(out.contains("to RLIMIT_MEMLOCK, which is 4.0 MiB here (ulimit -l 4096)"), out);
        assertTrue(out.contains("4095 mbufs, about 9.3 MiB") && out.contains("ulimit -l unlimited"), out);
        assertTrue(!out.contains("lacks CAP_"), out);
    }

    @Test
    void withEverythingTheSameChildOpensThePort() throws Exception {
        String out = openInChild(List.of());
        assertTrue(out.contains("open ok"), out);
    }

    /** Opens a one-queue net_af_xdp port on a fresh veth in a child JVM started with {@code prefix}; its output. */
    private static String openInChild(List<String> prefix) throws Exception {
        TestEal.require();
        try (VethNamespace veth = VethNamespace.create("xp", 1)) {
            List<String> command = new ArrayList<>(prefix);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-cp");
            command.add(Path.of("target/classes") + File.pathSeparator + Path.of("target/test-classes"));
            command.add(Probe.class.getName());
            command.add(veth.local());
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                DpdkTestSupport.unavailable("cannot start " + command.get(0) + " (util-linux): " + e.getMessage());
                throw e;
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child ended");
            assertEquals(0, process.exitValue(), out);
            return out;
        }
    }

    /** Child-JVM entry: initialises the EAL, opens net_af_xdp on the interface given, prints the outcome. */
    public static final class Probe {

        private Probe() {
        }

        public static void main(String[] args) {
            Dpdk.init(Dpdk.SMALL_MACHINE_EAL);
            try (Port port = Port.open(PortConfig.of("md", "net_af_xdp30,iface=" + args[0], 1, 1).withMbufs(4095, 64))) {
                System.out.println("open ok: " + port);
            } catch (DpdkException e) {
                System.out.println("open failed: " + e.getMessage());
            }
        }
    }
}
