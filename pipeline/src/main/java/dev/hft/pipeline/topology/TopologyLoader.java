package dev.hft.pipeline.topology;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.hft.pipeline.ErrorPolicy;
import dev.hft.pipeline.metrics.Observability;
import dev.hft.pipeline.topology.Topology.ProducerMode;
import dev.hft.pipeline.topology.Topology.RingSpec;
import dev.hft.pipeline.topology.Topology.StageSpec;

/**
 * Reads a topology file with SnakeYAML's composed node tree (so every value keeps its line) into a
 * {@link Topology}, then runs {@link TopologyValidator}: one pass, every problem reported, nothing thrown.
 * docs/topology.md documents every key read here.
 */
public final class TopologyLoader {

    static final Set<String> TOP = keys("machine", "threading", "rings", "stages", "metrics_port", "status_interval",
            "classpath");
    static final Set<String> MACHINE = keys("numa", "nodes", "isolated");
    static final Set<String> RING = keys("name", "size", "event", "producer", "numa_node");
    static final Set<String> STAGE = keys("name", "kind", "class", "params", "core", "cores", "wait", "on_error",
            "shards", "per_rx_queue", "input", "side_inputs", "outputs", "thread");
    public static final int DEFAULT_RING_SIZE = 4096;
    /** Largest topology file read: far above any real one, far below what would strain the parser. */
    static final long MAX_FILE_BYTES = 1 << 20;
    /** Aliases a file may use for maps and lists: enough for shared settings, too few for an alias bomb. */
    static final int MAX_ALIASES = 100;
    /** Values the params and sections of one file may expand to. */
    static final int MAX_PLAIN_VALUES = 100_000;

    private final Findings findings = new Findings();
    /** The given catalog, extended by the file's {@code classpath:} once it is read. */
    private Catalog catalog;
    private int plainValues;

    private TopologyLoader(Catalog catalog) {
        this.catalog = catalog;
    }

    public static Topology load(Path file) {
        return load(file, Catalog.installed(), null);
    }

    /** Loads with the user's {@code classpath} entries (absolute, e.g. {@code --classpath}) before the file's own. */
    public static Topology load(Path file, List<Path> classpath) {
        return load(file, Catalog.installed(classpath), null);
    }

    /** Loads with a given catalog; {@code host} null means the machine this runs on (unless the file declares one). */
    public static Topology load(Path file, Catalog catalog, Machine host) {
        try {
            Path abs = file.toAbsolutePath();
            long size = Files.size(abs);
            if (size > MAX_FILE_BYTES) {
                TopologyLoader loader = new TopologyLoader(catalog);
                loader.findings.error("(file)", "the file is " + size + " bytes; a topology file is at most " + MAX_FILE_BYTES);
                return loader.empty(abs.getParent(), host).withReport(new ValidationReport(abs.toString(), loader.findings.problems));
            }
            return parse(Files.readString(abs), abs.toString(), abs.getParent(), catalog, host);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topology " + file, e);
        }
    }

    public static Topology parse(String yaml, String source, Path baseDir) {
        return parse(yaml, source, baseDir, Catalog.installed(), null);
    }

    public static Topology parse(String yaml, String source, Path baseDir, Catalog catalog, Machine host) {
        TopologyLoader loader = new TopologyLoader(catalog);
        Topology shaped = loader.read(yaml, baseDir, host);
        if (shaped.rings().isEmpty() && shaped.stages().isEmpty() && loader.findings.problems.isEmpty()) {
            loader.findings.error("stages", "the topology declares no stages");
        }
        new TopologyValidator(shaped, loader.catalog, loader.findings).validate();
        return shaped.withReport(new ValidationReport(source, loader.findings.problems));
    }

    /**
     * Validates a topology built or changed in code; problems carry paths but no lines.
     */
    public static Topology revalidate(Topology t, String source, Catalog catalog) {
        Findings findings = new Findings();
        new TopologyValidator(t, catalog, findings).validate();
        return t.withReport(new ValidationReport(source, findings.problems));
    }

    private Topology read(String yaml, Path baseDir, Machine host) {
        Node root;
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        options.setNestingDepthLimit(50);
        try {
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            findings.problems.add(new Problem(Problem.Severity.ERROR, "(file)", line, "not valid YAML: " + e.getProblem()));
            return empty(baseDir, host);
        } catch (YAMLException e) {
            // limits the parser enforces (aliases, size, nesting) come without a position
            findings.problems.add(new Problem(Problem.Severity.ERROR, "(file)", 0, "refused by the YAML parser: " + e.getMessage()));
            return empty(baseDir, host);
        }
        if (root == null) {
            findings.error("(file)", "the file is empty");
            return empty(baseDir, host);
        }
        if (root instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if ("classpath".equals(scalar(t.getKeyNode()))) {
                    findings.line("classpath", line(t.getKeyNode()));
                    catalog = catalog.withClasspath(classpath(t.getValueNode(), baseDir));
                    break;
                }
            }
        }
        Set<String> topKeys = new LinkedHashSet<>(TOP);
        catalog.sections().forEach(section -> topKeys.add(section.key()));
        Map<String, Node> top = fields(root, "", topKeys);
        if (top == null) {
            return empty(baseDir, host);
        }
        Machine machine = top.containsKey("machine") ? machine(top.get("machine")) : null;
        if (machine == null) {
            machine = host != null ? host : Machine.discover();
        }
        boolean single = false;
        if (top.containsKey("threading")) {
            String t = string(top.get("threading"), "threading");
            single = "single".equals(t);
            if (t != null && !single && !"multi".equals(t)) {
                findings.error("threading", "expected single or multi, found '" + t + "'");
            }
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        for (TopologySection section : catalog.sections()) {
            Node node = top.get(section.key());
            if (node != null) {
                Object value = plain(node, section.key());
                if (value == null) {
                    findings.error(section.key(), "the section is empty");
                } else {
                    Object read = section.read(value, findings);
                    if (read != null) {
                        sections.put(section.key(), read);
                    }
                }
            }
        }
        List<RingSpec> rings = new ArrayList<>();
        List<StageSpec> stages = new ArrayList<>();
        if (top.containsKey("rings")) {
            List<Node> items = list(top.get("rings"), "rings");
            for (int i = 0; i < items.size(); i++) {
                RingSpec r = ring(items.get(i), "rings[" + i + "]");
                if (r != null) {
                    rings.add(r);
                }
            }
        }
        if (top.containsKey("stages")) {
            List<Node> items = list(top.get("stages"), "stages");
            for (int i = 0; i < items.size(); i++) {
                StageSpec s = stage(items.get(i), "stages[" + i + "]", sections, baseDir);
                if (s != null) {
                    stages.add(s);
                }
            }
        } else {
            findings.error("stages", "missing required key 'stages'");
        }
        return new Topology(baseDir, machine, single, rings, stages, sections, observe(top), null, catalog);
    }

    private Topology empty(Path baseDir, Machine host) {
        return new Topology(baseDir, host != null ? host : Machine.discover(), false, List.of(), List.of(), Map.of(),
                Topology.Observe.NONE, null, catalog);
    }

    /**
     * {@code classpath: lib/my-strategy.jar} or a list of them: jars, folders of classes, or {@code folder/*},
     * relative to the file's folder. Entries that cannot be used are reported and left out.
     */
    private List<Path> classpath(Node node, Path baseDir) {
        List<Path> entries = new ArrayList<>();
        List<String> texts = strings(node, "classpath");
        for (int i = 0; i < texts.size(); i++) {
            String path = texts.size() == 1 && node instanceof ScalarNode ? "classpath" : "classpath[" + i + "]";
            Path p = Path.of(texts.get(i));
            Path entry = (p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p)).toAbsolutePath().normalize();
            String problem = Catalog.classpathProblem(entry);
            if (problem != null) {
                findings.error(path, problem);
            } else {
                entries.add(entry);
            }
        }
        return entries;
    }

    private Topology.Observe observe(Map<String, Node> top) {
        Integer port = null;
        if (top.containsKey("metrics_port")) {
            port = integer(top.get("metrics_port"), "metrics_port");
            if (port != null && (port < 0 || port > 65_535)) {
                findings.error("metrics_port", "expected a TCP port 0 to 65535 (0: any free port), found " + port);
                port = null;
            }
        }
        java.time.Duration interval = null;
        if (top.containsKey("status_interval")) {
            String text = string(top.get("status_interval"), "status_interval");
            try {
                interval = Observability.parseInterval(text);
            } catch (IllegalArgumentException e) {
                findings.error("status_interval", "expected a positive interval such as 10s, 500ms or 2m, found '" + text + "'");
            }
        }
        return new Topology.Observe(port, interval);
    }

    private Machine machine(Node node) {
        Map<String, Node> m = fields(node, "machine", MACHINE);
        if (m == null) {
            return null;
        }
        if (m.containsKey("numa")) {
            String numa = string(m.get("numa"), "machine.numa");
            if (numa != null && !numa.equals("auto")) {
                findings.error("machine.numa", "expected 'auto' (discover from /sys) or a 'nodes:' map, found '" + numa + "'");
            }
            if (m.containsKey("nodes")) {
                findings.error("machine.numa", "give 'numa: auto' or 'nodes:', not both");
            }
        }
        if (!m.containsKey("nodes")) {
            if (m.containsKey("isolated")) {
                findings.error("machine.isolated", "'isolated' only goes with an explicit 'nodes:' map");
            }
            return null;
        }
        SortedMap<Integer, Integer> nodeOfCore = new TreeMap<>();
        if (!(m.get("nodes") instanceof MappingNode nodes)) {
            findings.error("machine.nodes", "expected a map of NUMA node number to cores, e.g. {0: 0-11, 1: 12-23}");
            return null;
        }
        for (NodeTuple t : nodes.getValue()) {
            String key = scalar(t.getKeyNode());
            String path = "machine.nodes." + key;
            findings.line(path, line(t.getKeyNode()));
            Integer nodeNumber = parseInt(key);
            if (nodeNumber == null || nodeNumber < 0) {
                findings.error(path, "a NUMA node is a number, found '" + key + "'");
                continue;
            }
            for (int core : cpus(t.getValueNode(), path)) {
                Integer before = nodeOfCore.put(core, nodeNumber);
                if (before != null && !before.equals(nodeNumber)) {
                    findings.error(path, "core " + core + " is already on node " + before);
                }
            }
        }
        SortedSet<Integer> isolated = m.containsKey("isolated") ? cpus(m.get("isolated"), "machine.isolated") : new TreeSet<>();
        for (int core : isolated) {
            if (!nodeOfCore.containsKey(core)) {
                findings.error("machine.isolated", "isolated core " + core + " is on no node");
            }
        }
        return new Machine(nodeOfCore, isolated, "the topology's machine block");
    }

    private RingSpec ring(Node node, String path) {
        Map<String, Node> f = fields(node, path, RING);
        if (f == null) {
            return null;
        }
        String name = required(f, "name", path);
        String event = required(f, "event", path);
        int size = f.containsKey("size") ? orElse(integer(f.get("size"), path + ".size"), DEFAULT_RING_SIZE) : DEFAULT_RING_SIZE;
        ProducerMode producer = ProducerMode.AUTO;
        if (f.containsKey("producer")) {
            String p = string(f.get("producer"), path + ".producer");
            if (p != null) {
                try {
                    producer = ProducerMode.valueOf(p.toUpperCase());
                } catch (IllegalArgumentException e) {
                    findings.error(path + ".producer", "expected auto, single or multi, found '" + p + "'");
                }
            }
        }
        Integer numaNode = f.containsKey("numa_node") ? integer(f.get("numa_node"), path + ".numa_node") : null;
        return name == null ? null : new RingSpec(name, size, event, producer, numaNode, path);
    }

    /** A relative value of a path-like param ({@link dev.hft.pipeline.Params#isPathKey}) made absolute against {@code baseDir}. */
    public static Object resolvePath(String key, Object value, Path baseDir) {
        if (baseDir == null || !(value instanceof String text) || !dev.hft.pipeline.Params.isPathKey(key) || text.isBlank()) {
            return value;
        }
        Path p = Path.of(text);
        return p.isAbsolute() ? text : baseDir.resolve(p).normalize().toString();
    }

    private StageSpec stage(Node node, String path, Map<String, Object> sections, Path baseDir) {
        Map<String, Node> f = fields(node, path, STAGE);
        if (f == null) {
            return null;
        }
        String name = required(f, "name", path);
        String kind = f.containsKey("kind") ? string(f.get("kind"), path + ".kind") : null;
        String className = f.containsKey("class") ? string(f.get("class"), path + ".class") : null;
        if (f.containsKey("kind") && f.containsKey("class")) {
            findings.error(path + ".class", "give 'kind' or 'class', not both");
        } else if (!f.containsKey("kind") && !f.containsKey("class")) {
            findings.error(path, "missing required key 'kind' (or 'class')");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.containsKey("params")) {
            if (plain(f.get("params"), path + ".params") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> params.put(String.valueOf(k), resolvePath(String.valueOf(k), v, baseDir)));
            } else {
                findings.error(path + ".params", "expected a map of parameters");
            }
        }
        List<Integer> cores = List.of();
        if (f.containsKey("core") && f.containsKey("cores")) {
            findings.error(path + ".cores", "give 'core' or 'cores', not both");
        } else if (f.containsKey("core") || f.containsKey("cores")) {
            String key = f.containsKey("core") ? "core" : "cores";
            cores = List.copyOf(cores(f.get(key), path + "." + key));
        }
        WaitStrategy wait = WaitStrategy.BACKOFF;
        if (f.containsKey("wait")) {
            String w = string(f.get("wait"), path + ".wait");
            if (w != null && WaitStrategy.of(w) == null) {
                findings.error(path + ".wait", "expected busy-spin, yield, backoff or blocking, found '" + w + "'");
            } else if (w != null) {
                wait = WaitStrategy.of(w);
            }
        }
        ErrorPolicy onError = ErrorPolicy.SKIP;
        if (f.containsKey("on_error")) {
            String e = string(f.get("on_error"), path + ".on_error");
            if ("halt".equals(e)) {
                onError = ErrorPolicy.HALT;
            } else if (e != null && !"skip".equals(e)) {
                findings.error(path + ".on_error", "expected skip or halt, found '" + e + "'");
            }
        }
        int instances = 1;
        String perRxQueue = null;
        if (f.containsKey("shards") && f.containsKey("per_rx_queue")) {
            findings.error(path + ".per_rx_queue", "give 'shards' or 'per_rx_queue', not both");
        } else if (f.containsKey("shards")) {
            Integer n = integer(f.get("shards"), path + ".shards");
            if (n != null && n < 1) {
                findings.error(path + ".shards", "shards must be at least 1, found " + n);
            } else if (n != null) {
                instances = n;
            }
        } else if (f.containsKey("per_rx_queue")) {
            perRxQueue = string(f.get("per_rx_queue"), path + ".per_rx_queue");
            instances = rxQueues(sections, perRxQueue, path + ".per_rx_queue");
        }
        for (Map.Entry<String, Object> section : sections.entrySet()) {
            catalog.section(section.getKey()).stageParams(section.getValue(), perRxQueue, params, path, findings);
        }
        String input = f.containsKey("input") ? string(f.get("input"), path + ".input") : null;
        List<String> outputs = f.containsKey("outputs") ? strings(f.get("outputs"), path + ".outputs") : List.of();
        List<String> sideInputs = f.containsKey("side_inputs") ? strings(f.get("side_inputs"), path + ".side_inputs") : List.of();
        List<String> threads = f.containsKey("thread") ? strings(f.get("thread"), path + ".thread") : List.of();
        if (name == null) {
            return null;
        }
        return new StageSpec(name, kind, className, params, cores, wait, onError, instances, perRxQueue, input,
                outputs, threads, path, sideInputs);
    }

    private int rxQueues(Map<String, Object> sections, String port, String path) {
        if (port == null) {
            return 1;
        }
        for (Map.Entry<String, Object> section : sections.entrySet()) {
            Integer queues = catalog.section(section.getKey()).rxQueues(section.getValue(), port);
            if (queues != null) {
                return queues;
            }
        }
        findings.error(path, "no port named '" + port + "' is declared (RX queues come from a port under dpdk.ports)");
        return 1;
    }

    // ---- node helpers: each reports its own problem and returns null on a wrong shape ----

    private static Set<String> keys(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    private Map<String, Node> fields(Node node, String path, Set<String> allowed) {
        if (!(node instanceof MappingNode map)) {
            findings.problems.add(new Problem(Problem.Severity.ERROR, path.isEmpty() ? "(top)" : path, line(node),
                    "expected a map of keys (" + String.join(", ", allowed) + ")"));
            return null;
        }
        findings.line(path, line(node));
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            String keyPath = path.isEmpty() ? key : path + "." + key;
            findings.line(keyPath, line(t.getKeyNode()));
            if (!allowed.contains(key)) {
                findings.problems.add(new Problem(Problem.Severity.ERROR, keyPath, line(t.getKeyNode()),
                        "unknown key '" + key + "'" + Findings.didYouMean(key, allowed)));
            } else if (out.put(key, t.getValueNode()) != null) {
                findings.problems.add(new Problem(Problem.Severity.ERROR, keyPath, line(t.getKeyNode()),
                        "key '" + key + "' appears twice"));
            }
        }
        return out;
    }

    private String required(Map<String, Node> fields, String key, String path) {
        if (!fields.containsKey(key)) {
            findings.error(path, "missing required key '" + key + "'");
            return null;
        }
        return string(fields.get(key), path + "." + key);
    }

    private String string(Node node, String path) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        findings.error(path, "expected a single value, found " + describe(node));
        return null;
    }

    private Integer integer(Node node, String path) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        Integer v = parseInt(text);
        if (v == null) {
            findings.error(path, "expected a whole number, found '" + text + "'");
        }
        return v;
    }

    private List<Node> list(Node node, String path) {
        if (node instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                findings.line(path + "[" + i + "]", line(s.getValue().get(i)));
            }
            return s.getValue();
        }
        findings.error(path, "expected a list, found " + describe(node));
        return List.of();
    }

    private List<String> strings(Node node, String path) {
        if (node instanceof ScalarNode) {
            String one = string(node, path);
            return one == null ? List.of() : List.of(one);
        }
        List<String> out = new ArrayList<>();
        List<Node> items = list(node, path);
        for (int i = 0; i < items.size(); i++) {
            String s = string(items.get(i), path + "[" + i + "]");
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** {@code core: 3}, {@code core: none}, {@code cores: [2, 3]} or {@code cores: 2-5}. */
    private List<Integer> cores(Node node, String path) {
        if (node instanceof ScalarNode s && "none".equals(s.getValue())) {
            return List.of();
        }
        if (node instanceof SequenceNode) {
            List<Integer> out = new ArrayList<>();
            List<Node> items = list(node, path);
            for (int i = 0; i < items.size(); i++) {
                Integer c = integer(items.get(i), path + "[" + i + "]");
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        }
        return new ArrayList<>(cpus(node, path));
    }

    private SortedSet<Integer> cpus(Node node, String path) {
        if (node instanceof SequenceNode) {
            return new TreeSet<>(cores(node, path));
        }
        String text = string(node, path);
        try {
            return text == null ? new TreeSet<>() : CpuList.parse(text);
        } catch (IllegalArgumentException e) {
            findings.error(path, "expected cores like 3, [2, 3] or 2-5: " + e.getMessage());
            return new TreeSet<>();
        }
    }

    /**
     * A node as plain Java values: Map, List, String, Long, Double, Boolean or null. Aliases expand here, so the
     * values one file may expand to are bounded ({@value #MAX_PLAIN_VALUES}).
     */
    private Object plain(Node node, String path) {
        if (++plainValues > MAX_PLAIN_VALUES) {
            if (plainValues == MAX_PLAIN_VALUES + 1) {
                findings.error(path, "the file expands to more than " + MAX_PLAIN_VALUES + " values (aliases?): refused");
            }
            return null;
        }
        findings.line(path, line(node));
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                out.put(key, plain(t.getValueNode(), path + "." + key));
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < s.getValue().size(); i++) {
                out.add(plain(s.getValue().get(i), path + "[" + i + "]"));
            }
            return out;
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.INT) && parseLong(s.getValue()) != null) {
            return parseLong(s.getValue());
        }
        if (tag.equals(Tag.FLOAT)) {
            return Double.parseDouble(s.getValue());
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.parseBoolean(s.getValue().toLowerCase());
        }
        return s.getValue();
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : "(a " + describe(node) + " as a key)";
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) ? "'" + s.getValue() + "'" : "nothing";
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static Integer orElse(Integer v, int otherwise) {
        return v == null ? otherwise : v;
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer parseInt(String text) {
        Long v = parseLong(text);
        return v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : v.intValue();
    }
}
