package dev.hft.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;

/**
 * {@code --topology FILE}, defaulting to the project's root topology.yaml (found beside the project that
 * holds this jar), else the copy bundled in the jar, whose relative paths resolve against the working directory.
 */
final class TopologyOption {

    static final String BUNDLED = "/dev/hft/cli/topology.yaml";

    @Option(names = {"-t", "--topology"}, paramLabel = "FILE",
            description = "Topology file (default: the project's topology.yaml, else the one bundled in the jar).")
    Path file;

    @Mixin
    ClasspathOption classpath;

    boolean isDefault() {
        return file == null;
    }

    /** Loads and validates the chosen topology; {@code describe} receives where it came from. */
    Topology load(java.util.function.Consumer<String> describe) {
        if (file != null) {
            describe.accept("topology: " + file.toAbsolutePath().normalize());
            return described(TopologyLoader.load(file, classpath.entries()), describe);
        }
        Path project = projectTopology();
        if (project != null) {
            describe.accept("topology: " + project + " (default)");
            return described(TopologyLoader.load(project, classpath.entries()), describe);
        }
        try (InputStream in = TopologyOption.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalArgumentException("no --topology given and no default topology is bundled");
            }
            Path cwd = Path.of("").toAbsolutePath();
            describe.accept("topology: bundled default (relative paths against " + cwd + ")");
            return described(TopologyLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled topology.yaml", cwd,
                    dev.hft.pipeline.topology.Catalog.installed(classpath.entries()), null), describe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Topology described(Topology t, java.util.function.Consumer<String> describe) {
        if (!t.catalog().classpath().isEmpty()) {
            describe.accept("classpath: " + t.catalog().classpath());
        }
        return t;
    }

    /** {@code <project>/topology.yaml} when running from {@code <project>/cli/target/hft-cli.jar} (or its classes dir). */
    private static Path projectTopology() {
        try {
            Path code = Path.of(TopologyOption.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = code.getParent().getParent().getParent().resolve("topology.yaml");
            return Files.isRegularFile(candidate) ? candidate : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
