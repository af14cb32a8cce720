package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed binding (src/main/java/dev/hft/dpdk/ffi) is exactly what dpdk/regen-bindings.sh generates from the
 * installed DPDK headers with the jextract that ../shared/tools/jextract/build-jextract.sh builds (or reuses). When
 * jextract cannot be built the test is skipped with the reason, or fails under {@code CI=true}.
 */
class GeneratedBindingsTest {

    private static final Path COMMITTED = Path.of("src/main/java/dev/hft/dpdk/ffi");
    private static final long TIMEOUT_MINUTES = 10;

    @Test
    void theCommittedBindingIsWhatJextractGeneratesFromTheInstalledDpdk() throws Exception {
        String dpdk = run(null, "pkg-config", "--modversion", "libdpdk");
        if (dpdk == null) {
            DpdkTestSupport.unavailable("pkg-config cannot find libdpdk (install libdpdk-dev)");
        }
        Path jextract = buildJextract();
        Path root = Files.createTempDirectory("hft-dpdk-regen");
        try {
            assertTrue(run(jextract, "sh", "regen-bindings.sh", root.toString()) != null,
                    "dpdk/regen-bindings.sh failed (its output is on stderr)");
            List<String> differences = differences(COMMITTED, root.resolve("dev/hft/dpdk/ffi"));
            assertTrue(differences.isEmpty(), "the committed binding is not what jextract generates from the installed"
                    + " DPDK " + dpdk.strip() + " (regenerate with dpdk/regen-bindings.sh if the headers changed; "
                    + "docs/dpdk.md, Bindings):\n  " + String.join("\n  ", differences));
        } finally {
            deleteTree(root);
        }
    }

    /** The jextract launcher that build-jextract.sh prints the folder of, or the test is skipped/failed. */
    private static Path buildJextract() throws IOException, InterruptedException {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("../shared/tools/jextract/build-jextract.sh")
                .normalize();
        if (!Files.isRegularFile(script)) {
            DpdkTestSupport.unavailable("no " + script + " to build jextract with");
        }
        String output = run(null, "bash", script.toString());
        if (output == null) {
            DpdkTestSupport.unavailable(script + " could not build jextract");
        }
        String[] lines = output.strip().split("\n");
        Path launcher = Path.of(lines[lines.length - 1].strip(), "bin", "jextract");
        if (!Files.isExecutable(launcher)) {
            DpdkTestSupport.unavailable(script + " printed no jextract folder:\n" + output);
        }
        return launcher;
    }

    /** One line per file that is only on one side or differs, with the first differing line. */
    private static List<String> differences(Path committed, Path generated) throws IOException {
        TreeSet<String> names = new TreeSet<>(fileNames(committed));
        names.addAll(fileNames(generated));
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            Path a = committed.resolve(name);
            Path b = generated.resolve(name);
            if (!Files.exists(b)) {
                differences.add(name + ": committed, not generated");
            } else if (!Files.exists(a)) {
                differences.add(name + ": generated, not committed");
            } else {
                List<String> left = Files.readAllLines(a);
                List<String> right = Files.readAllLines(b);
                for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
                    String l = i < left.size() ? left.get(i) : "<end of file>";
                    String r = i < right.size() ? right.get(i) : "<end of file>";
                    if (!l.equals(r)) {
                        differences.add(name + ": line " + (i + 1) + ": committed '" + l.strip() + "', generated '"
                                + r.strip() + "'");
                        break;
                    }
                }
            }
        }
        return differences;
    }

    private static List<String> fileNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    /**
     * Output (stdout and stderr) of the command, or null when it could not start, failed (its output then goes to
     * stderr) or ran over the timeout; {@code jextract} goes in as JEXTRACT.
     */
    private static String run(Path jextract, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("hft-dpdk-regen", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (jextract != null) {
                builder.environment().put("JEXTRACT", jextract.toString());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return null;
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                System.err.println(String.join(" ", command) + " ran over " + TIMEOUT_MINUTES + " minutes");
                return null;
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                System.err.println(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
                return null;
            }
            return output;
        } finally {
            Files.delete(log);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
