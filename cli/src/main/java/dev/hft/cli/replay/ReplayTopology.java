package dev.hft.cli.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;

/**
 * The replay topology: the bundled {@code replay-topology.yaml} with the command's values filled in, parsed and
 * validated by {@link TopologyLoader} like any topology file.
 */
public final class ReplayTopology {

    static final String RESOURCE = "/replay-topology.yaml";
    /** The source stage's name; its role when it runs as one instance. */
    public static final String SOURCE = "ingress";
    /** The book stage's name; its instances are {@code book} (one shard) or {@code book-0}, {@code book-1}, ... */
    public static final String BOOK = "book";

    private ReplayTopology() {
    }

    /** The filled-in YAML text. */
    public static String yaml(ReplayOptions options) {
        Map<String, String> ingress = new LinkedHashMap<>();
        ingress.put("path", quoted(options.input().toAbsolutePath().normalize().toString()));
        ingress.put("format", options.format());
        ingress.put("via", options.via());
        if (!options.filters().isEmpty()) {
            ingress.put("filter", "[" + String.join(", ", options.filters().stream().map(ReplayTopology::quoted).toList()) + "]");
        }
        if (options.moldSessions() > 1) {
            ingress.put("mold_sessions", Integer.toString(options.moldSessions()));
        }
        return template()
                .replace("${threading}", options.singleThread() ? "single" : "multi")
                .replace("${ingress_params}", flowMap(ingress))
                .replace("${shards}", Integer.toString(options.shards()))
                .replace("${order_capacity}", Integer.toString(options.orderCapacity()));
    }

    /** Parsed and validated; the caller checks {@code report().hasErrors()}. */
    public static Topology load(ReplayOptions options) {
        return load(options, Catalog.installed());
    }

    /** With {@code catalog}'s kinds and loader (hft's classes and the user's {@code --classpath}). */
    public static Topology load(ReplayOptions options, Catalog catalog) {
        return TopologyLoader.parse(yaml(options), "replay topology", Path.of("").toAbsolutePath(), catalog, null);
    }

    private static String template() {
        try (InputStream in = ReplayTopology.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String flowMap(Map<String, String> entries) {
        StringBuilder out = new StringBuilder("{");
        entries.forEach((key, value) -> out.append(out.length() > 1 ? ", " : "").append(key).append(": ").append(value));
        return out.append('}').toString();
    }

    /** A YAML double-quoted scalar (JSON string escaping is valid YAML), so any file name survives. */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
