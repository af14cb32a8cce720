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
    static final String DIRECT_RESOURCE = "/replay-direct-topology.yaml";
    /** The source stage's name; its role when it runs as one instance. */
    public static final String SOURCE = "ingress";
    /** The book stage's name; its instances are {@code book} (one shard) or {@code book-0}, {@code book-1}, ... */
    public static final String BOOK = "book";

    /**
     * The role whose counters hold what the input gave (records read, drops, messages per type): the source stage, or in
     * the direct layout the first book shard, which counts them for every shard.
     */
    public static String sourceRole(ReplayOptions options) {
        return options.direct() ? bookRole(0, options.shards()) : SOURCE;
    }

    private ReplayTopology() {
    }

    /** The filled-in YAML text. */
    public static String yaml(ReplayOptions options) {
        if (options.direct()) {
            return template(DIRECT_RESOURCE)
                    .replace("${threading}", options.threads() == 1 ? "single" : "multi")
                    .replace("${shards}", Integer.toString(options.shards()))
                    .replace("${path}", quoted(options.input().toAbsolutePath().normalize().toString()))
                    .replace("${order_capacity}", Integer.toString(options.orderCapacity()));
        }
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
        return template(RESOURCE)
                .replace("${threading}", options.threads() == 1 ? "single" : "multi")
                .replace("${ingress_thread}", ingressThread(options))
                .replace("${book_threads}", bookThreads(options))
                .replace("${ingress_params}", flowMap(ingress))
                .replace("${shards}", Integer.toString(options.shards()))
                .replace("${order_capacity}", Integer.toString(options.orderCapacity()));
    }

    /**
     * The {@code thread:} lines, none with one thread ({@code threading: single}). Thread 0 runs the source and thread
     * {@code k > 0} book shard {@code k - 1}, each named after that stage; shard {@code i} runs on thread
     * {@code (i + 1) % threads}, so with fewer threads than stages the shards that wrap around share the source's
     * thread (2 shards on 2 threads: the source and shard 1 on one, shard 0 on the other).
     */
    private static String ingressThread(ReplayOptions options) {
        return options.threads() == 1 ? "" : "thread: " + SOURCE;
    }

    private static String bookThreads(ReplayOptions options) {
        if (options.threads() == 1) {
            return "";
        }
        StringBuilder list = new StringBuilder("thread: [");
        for (int i = 0; i < options.shards(); i++) {
            int thread = (i + 1) % options.threads();
            list.append(i == 0 ? "" : ", ").append(thread == 0 ? SOURCE : bookRole(thread - 1, options.shards()));
        }
        return list.append(']').toString();
    }

    private static String bookRole(int shard, int shards) {
        return shards == 1 ? BOOK : BOOK + "-" + shard;
    }

    /** Parsed and validated; the caller checks {@code report().hasErrors()}. */
    public static Topology load(ReplayOptions options) {
        return load(options, Catalog.installed());
    }

    /** With {@code catalog}'s kinds and loader (hft's classes and the user's {@code --classpath}). */
    public static Topology load(ReplayOptions options, Catalog catalog) {
        return TopologyLoader.parse(yaml(options), "replay topology", Path.of("").toAbsolutePath(), catalog, null);
    }

    private static String template(String resource) {
        try (InputStream in = ReplayTopology.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
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
