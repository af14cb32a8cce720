package dev.hft.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

import dev.hft.pipeline.topology.Catalog;

/**
 * {@code --classpath PATHS}: the user's jars and class folders (a strategy class built outside this repository),
 * relative to the working directory, before the topology's own {@code classpath:} entries.
 */
public final class ClasspathOption {

    @Option(names = {"--classpath", "-cp"}, paramLabel = "PATHS",
            description = "Jars and class folders with your own classes (e.g. a strategy), separated by ':' or given again;"
                    + " DIR/* is every jar in DIR. Added before the topology's classpath: entries.")
    List<String> values = new ArrayList<>();

    /** The entries, absolute; a missing or unusable one is an {@link IllegalArgumentException} naming it. */
    public List<Path> entries() {
        List<Path> out = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(File.pathSeparator)) {
                if (part.isBlank()) {
                    continue;
                }
                Path entry = Path.of(part).toAbsolutePath().normalize();
                String problem = Catalog.classpathProblem(entry);
                if (problem != null) {
                    throw new IllegalArgumentException("--classpath " + part + ": " + problem);
                }
                out.add(entry);
            }
        }
        return out;
    }
}
