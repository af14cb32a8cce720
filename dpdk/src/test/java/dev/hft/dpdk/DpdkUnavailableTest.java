package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The failures that need a fresh process (the EAL initialises once per JVM): each case runs {@link Probe} in a
 * child JVM and checks what it reports. A missing DPDK library or symbol is staged by compiling a copy of the
 * generated {@code dpdk_h} that names one that does not exist, first on the child's class path.
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

    @Test
    void aDpdkLibraryThatCannotBeOpenedMakesDpdkUnavailableWithoutAnInitialiserError() throws Exception {
        TestEal.require();
        Path patched = patchedBinding("SymbolLookup.libraryLookup(\"librte_eal.so.",
                "SymbolLookup.libraryLookup(\"librte_hft_nosuch.so.");
        try {
            String out = runProbe(patched, List.of(), "--no-huge");
            assertTrue(out.contains("available=false"), out);
            assertTrue(out.contains("reason=DPDK libraries not loadable: ") && out.contains("librte_hft_nosuch.so."), out);
            assertTrue(out.contains("init failed: DPDK unavailable: DPDK libraries not loadable"), out);
            assertTrue(out.contains("open failed: DPDK is not initialised"), out);
            assertTrue(out.contains("config ok"), out);
        } finally {
            deleteTree(patched);
        }
    }

    @Test
    void aSymbolTheLibrariesLackMakesDpdkUnavailableNamingIt() throws Exception {
        TestEal.require();
        Path patched = patchedBinding("findOrThrow(\"rte_eth_dev_start\")", "findOrThrow(\"rte_eth_dev_start_hft_nosuch\")");
        try {
            String out = runProbe(patched, List.of(), "--no-huge");
            assertTrue(out.contains("available=false"), out);
            assertTrue(out.contains("reason=symbols not found in the DPDK libraries or the shim: rte_eth_dev_start ("), out);
            assertTrue(out.contains("init failed: DPDK unavailable: symbols not found"), out);
            assertTrue(out.contains("open failed: DPDK is not initialised"), out);
        } finally {
            deleteTree(patched);
        }
    }

    /** The generated dpdk_h with {@code from} replaced by {@code to}, compiled into a fresh temp folder. */
    private static Path patchedBinding(String from, String to) throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/hft/dpdk/ffi/dpdk_h.java"));
        assertTrue(source.contains(from), "generated dpdk_h.java no longer contains " + from);
        Path dir = Files.createTempDirectory("hft-dpdk-patched");
        Path file = dir.resolve("dpdk_h.java");
        Files.writeString(file, source.replace(from, to));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-nowarn", "-cp",
                Path.of("target/classes").toString(), "-d", dir.resolve("classes").toString(), file.toString());
        assertEquals(0, rc, "javac of the patched dpdk_h");
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String runProbe(List<String> jvmOptions, String... ealArgs) throws IOException, InterruptedException {
        return runProbe(null, jvmOptions, ealArgs);
    }

    /** {@code patched}: a folder from {@link #patchedBinding} whose classes come first on the class path, or null. */
    private static String runProbe(Path patched, List<String> jvmOptions, String... ealArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add((patched == null ? "" : patched.resolve("classes") + File.pathSeparator)
                + Path.of("target/classes") + File.pathSeparator + Path.of("target/test-classes"));
        command.add(Probe.class.getName());
        command.addAll(List.of(ealArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    /**
     * Child-JVM entry: tries {@code Dpdk.init(args)} and a port, and prints availability, the failures and the
     * reason; builds a {@link PortConfig} and an {@link Mbuf}, which must work without DPDK.
     */
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
            try {
                Port.open(PortConfig.of("p", "net_null0", 1, 1)).close();
                System.out.println("open ok");
            } catch (DpdkException e) {
                System.out.println("open failed: " + e.getMessage());
            }
            PortConfig.of("p", "net_null0", 2, 1);
            new Mbuf().wrap(0);
            System.out.println("config ok");
            System.out.println("reason=" + Dpdk.unavailableReason());
        }
    }
}
