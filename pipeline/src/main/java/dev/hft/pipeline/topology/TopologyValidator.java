package dev.hft.pipeline.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.hft.pipeline.StageFactory;
import dev.hft.pipeline.TopologyException;
import dev.hft.pipeline.topology.Topology.Instance;
import dev.hft.pipeline.topology.Topology.RingSpec;
import dev.hft.pipeline.topology.Topology.StageSpec;
import dev.hft.pipeline.topology.Topology.ThreadPlan;

/** The semantic half of the validation pass: names, kinds and classes, the ring graph, cores, threads and NUMA. */
final class TopologyValidator {

    private final Topology t;
    private final Catalog catalog;
    private final Findings findings;
    /** Per stage name: the event it consumes ("" for a class-based stage whose event is not declared), or null for a source. */
    private final Map<String, String> inputEvents = new HashMap<>();

    TopologyValidator(Topology t, Catalog catalog, Findings findings) {
        this.t = t;
        this.catalog = catalog;
        this.findings = findings;
    }

    /** With the catalog's loader as the context loader: a kind's validation may load a user's class by name. */
    void validate() {
        catalog.withContextLoader(() -> {
            validateAll();
            return null;
        });
    }

    private void validateAll() {
        catalog.loadFailures().forEach(f -> findings.warn("(class path)", "a provider failed to load: " + f));
        unique(t.rings().stream().map(RingSpec::name).toList(), t.rings().stream().map(RingSpec::path).toList(), "ring");
        unique(t.stages().stream().map(StageSpec::name).toList(), t.stages().stream().map(StageSpec::path).toList(), "stage");
        t.rings().forEach(this::ring);
        t.stages().forEach(this::stage);
        t.rings().forEach(this::ringGraph);
        cycles();
        if (t.singleThread()) {
            t.stages().stream().filter(s -> !s.cores().isEmpty() || !s.threads().isEmpty()).forEach(s -> findings.warn(
                    s.path(), "threading: single runs every stage on one unpinned thread; this stage's core/thread is ignored"));
        } else {
            threads();
        }
        t.sections().forEach((key, value) -> {
            TopologySection section = catalog.section(key);
            if (section != null) {
                section.validate(value, t, findings);
            }
        });
    }

    /** Names become counter labels ({@code <role>.<counter>}, {@code ring.<ring>.published}): no dots, nothing odd. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private void unique(List<String> names, List<String> paths, String what) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) != null && !NAME.matcher(names.get(i)).matches()) {
                findings.error(paths.get(i) + ".name", "a " + what + " name is a letter then letters, digits, '_' or '-'"
                        + " (at most 64), found '" + names.get(i) + "'");
            }
            if (!seen.add(names.get(i))) {
                findings.error(paths.get(i) + ".name", "another " + what + " is already named '" + names.get(i) + "'");
            }
        }
    }

    /** Largest ring: 16M slots is already far past what a stage drains in a second. */
    static final int MAX_RING_SIZE = 1 << 24;

    private void ring(RingSpec r) {
        if (r.size() < 1 || Integer.bitCount(r.size()) != 1) {
            int up = r.size() < 1 ? 1 : Integer.highestOneBit(r.size()) << 1;
            findings.error(r.path() + ".size", "ring size must be a power of two, found " + r.size() + " (try " + up + ")");
        } else if (r.size() > MAX_RING_SIZE) {
            findings.error(r.path() + ".size", "ring size is at most " + MAX_RING_SIZE + ", found " + r.size());
        } else if (r.event() != null && catalog.event(r.event()) != null) {
            long bytes = (long) r.size() * t.replicas(r.name()) * catalog.event(r.event()).bytesPerEvent();
            long budget = Runtime.getRuntime().maxMemory() / 2;
            if (bytes > budget) {
                findings.error(r.path() + ".size", "ring '" + r.name() + "' would take about " + (bytes >> 20) + " MiB ("
                        + t.replicas(r.name()) + " replica(s) of " + r.size() + " events), more than half of this JVM's "
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB: make it smaller or give the JVM more (-Xmx)");
            }
        }
        if (r.event() != null && catalog.event(r.event()) == null) {
            findings.error(r.path() + ".event", "no event type '" + r.event() + "' is installed; known event types: "
                    + catalog.knownEvents());
        }
        if (r.numaNode() != null && !t.machine().nodeOfCore().containsValue(r.numaNode())) {
            findings.error(r.path() + ".numa_node", "NUMA node " + r.numaNode() + " is not on this machine");
        }
    }

    private void stage(StageSpec s) {
        String inputEvent = "";
        boolean shapeKnown = false;
        StageFactory factory = null;
        if (s.kind() != null) {
            factory = catalog.kind(s.kind());
            if (factory == null) {
                findings.error(s.path() + ".kind", "no stage kind '" + s.kind() + "' is installed; known kinds: "
                        + catalog.knownKinds() + Findings.didYouMean(s.kind(), catalog.kindNames()));
            }
        } else if (s.className() != null) {
            Catalog.ResolvedClass c = catalog.resolve(s.className());
            if (c.problem() != null) {
                findings.error(s.path() + ".class", c.problem());
            } else if (c.shape() == Catalog.ClassShape.FACTORY) {
                try {
                    factory = Catalog.newFactory(c.type());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    findings.error(s.path() + ".class", "class " + s.className() + " could not be created: " + e);
                }
            } else {
                shapeKnown = true;
                inputEvent = c.shape() == Catalog.ClassShape.SOURCE ? null : "";
            }
        }
        if (factory != null) {
            shapeKnown = true;
            inputEvent = factory.inputEvent();
            String prefix = s.path() + ".params.";
            try {
                factory.validate(new dev.hft.pipeline.Params(s.path() + ".params", s.params()),
                        (key, message) -> findings.error(prefix + key, message));
            } catch (TopologyException e) {
                findings.error(e.yamlPath(), e.getMessage().substring(e.yamlPath().length() + 2));
            }
        }
        inputEvents.put(s.name(), inputEvent);
        if (shapeKnown) {
            io(s, inputEvent);
        }
        for (String out : s.outputs()) {
            if (t.ring(out) == null) {
                findings.error(s.path() + ".outputs", "no ring named '" + out + "'" + Findings.didYouMean(out, ringNames()));
            }
        }
        cores(s);
        if (s.waitStrategy() == WaitStrategy.BLOCKING && shapeKnown && inputEvent == null) {
            findings.error(s.path() + ".wait", "a source has no ring to block on; use backoff, yield or busy-spin");
        }
    }

    private void io(StageSpec s, String inputEvent) {
        sideInputs(s);
        if (inputEvent == null) {
            if (s.input() != null) {
                findings.error(s.path() + ".input", "stage '" + s.name() + "' is a source (" + s.what()
                        + ") and reads no ring; remove 'input'");
            }
            return;
        }
        if (s.input() == null) {
            findings.error(s.path(), "stage '" + s.name() + "' has no input: " + s.what() + " is not a source, it reads "
                    + (inputEvent.isEmpty() ? "a ring" : "'" + inputEvent + "' events") + "; add 'input: <ring>'");
            return;
        }
        RingSpec ring = t.ring(s.input());
        if (ring == null) {
            findings.error(s.path() + ".input", "no ring named '" + s.input() + "'" + Findings.didYouMean(s.input(), ringNames()));
        } else if (!inputEvent.isEmpty() && ring.event() != null && !inputEvent.equals(ring.event())) {
            findings.error(s.path() + ".input", s.what() + " reads '" + inputEvent + "' events but ring '" + ring.name()
                    + "' carries '" + ring.event() + "'");
        }
    }

    /** A side input is a whole ring the stage polls itself: it must exist, be no main input, and not be sharded. */
    private void sideInputs(StageSpec s) {
        for (String name : s.sideInputs()) {
            RingSpec ring = t.ring(name);
            if (ring == null) {
                findings.error(s.path() + ".side_inputs", "no ring named '" + name + "'" + Findings.didYouMean(name, ringNames()));
            } else if (name.equals(s.input())) {
                findings.error(s.path() + ".side_inputs", "ring '" + name + "' is already this stage's input");
            } else if (t.replicas(name) > 1) {
                findings.error(s.path() + ".side_inputs", "ring '" + name + "' is replicated for a sharded consumer ("
                        + t.replicas(name) + " replicas); a side input must be one ring read whole");
            }
        }
    }

    private void cores(StageSpec s) {
        if (s.threads().size() > 1 && s.threads().size() != s.instances()) {
            findings.error(s.path() + ".thread", "stage '" + s.name() + "' has " + s.instances() + " instance(s) but "
                    + s.threads().size() + " threads; give one thread for all or one per instance");
        }
        if (!s.cores().isEmpty() && s.cores().size() != 1 && s.cores().size() != s.instances()) {
            findings.error(s.path() + (s.cores().size() > 1 ? ".cores" : ".core"), "stage '" + s.name() + "' has "
                    + s.instances() + " instance(s) but " + s.cores().size() + " cores; give one core per instance");
        }
        for (int core : s.cores()) {
            if (!t.machine().hasCore(core)) {
                findings.error(s.path() + (s.cores().size() > 1 ? ".cores" : ".core"), "core " + core
                        + " is not on this machine (cores " + CpuList.format(t.machine().cores()) + ", from "
                        + t.machine().source() + ")");
            }
        }
    }

    private void ringGraph(RingSpec r) {
        List<StageSpec> producers = t.producersOf(r.name());
        List<StageSpec> consumers = t.consumersOf(r.name());
        if (producers.isEmpty()) {
            findings.error(r.path(), "ring '" + r.name() + "' has no producer: no stage lists it under 'outputs'");
        }
        if (consumers.isEmpty() && t.sideConsumersOf(r.name()).isEmpty()) {
            findings.error(r.path(), "ring '" + r.name() + "' has no consumer: no stage reads it as 'input' or 'side_inputs'");
        }
        if (consumers.stream().map(StageSpec::instances).distinct().count() > 1) {
            findings.error(r.path(), "ring '" + r.name() + "' is read by stages with different instance counts ("
                    + consumers.stream().map(c -> c.name() + " x" + c.instances()).toList() + "); it is replicated per consumer instance");
        }
        if (r.producer() == Topology.ProducerMode.SINGLE && t.producerInstances(r.name()) > 1) {
            findings.error(r.path() + ".producer", "ring '" + r.name() + "' is declared single-producer but "
                    + t.producerInstances(r.name()) + " stage instances publish to it; use auto or multi");
        }
        if (t.singleThread()) {
            return;
        }
        Set<Integer> nodes = new java.util.TreeSet<>();
        List<StageSpec> touching = new ArrayList<>(producers);
        touching.addAll(consumers);
        touching.addAll(t.sideConsumersOf(r.name()));
        for (StageSpec s : touching) {
            for (int i = 0; i < s.instances(); i++) {
                Integer core = s.core(i);
                if (core == null || !t.machine().hasCore(core)) {
                    continue;
                }
                int node = t.machine().nodeOf(core);
                nodes.add(node);
                if (r.numaNode() != null && node != r.numaNode()) {
                    findings.warn(s.path() + ".core", s.role(i) + " on core " + core + " (NUMA node " + node
                            + ") uses ring '" + r.name() + "' whose memory is on node " + r.numaNode());
                }
            }
        }
        if (r.numaNode() == null && nodes.size() > 1) {
            findings.warn(r.path(), "ring '" + r.name() + "' is used from NUMA nodes " + nodes
                    + "; every access from the far node crosses the interconnect");
        }
    }

    /** A ring graph with a cycle could fill every ring on the loop and deadlock; report the loop once. */
    private void cycles() {
        Map<String, List<String>> next = new LinkedHashMap<>();
        for (StageSpec s : t.stages()) {
            List<String> downstream = new ArrayList<>();
            for (String out : s.outputs()) {
                t.consumersOf(out).forEach(c -> downstream.add(c.name()));
            }
            next.put(s.name(), downstream);
        }
        Map<String, Integer> state = new HashMap<>();
        for (String start : next.keySet()) {
            List<String> cycle = findCycle(start, next, state, new ArrayList<>());
            if (cycle != null) {
                StageSpec first = t.stage(cycle.get(0));
                findings.error(first.path(), "the ring graph has a cycle: " + String.join(" -> ", cycle));
                return;
            }
        }
    }

    private List<String> findCycle(String stage, Map<String, List<String>> next, Map<String, Integer> state, List<String> path) {
        int s = state.getOrDefault(stage, 0);
        if (s == 2) {
            return null;
        }
        if (s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(stage), path.size()));
            cycle.add(stage);
            return cycle;
        }
        state.put(stage, 1);
        path.add(stage);
        for (String n : next.getOrDefault(stage, List.of())) {
            List<String> cycle = findCycle(n, next, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(stage, 2);
        return null;
    }

    private void threads() {
        List<ThreadPlan> plans = t.threads();
        Map<Integer, List<String>> spinnersByCore = new TreeMap<>();
        int spinners = 0;
        for (ThreadPlan p : plans) {
            List<Instance> in = p.instances();
            StageSpec first = in.get(0).stage();
            if (in.size() > 1) {
                Set<Integer> cores = new java.util.TreeSet<>();
                Set<WaitStrategy> waits = new java.util.TreeSet<>();
                in.forEach(i -> {
                    if (i.stage().core(i.index()) != null) {
                        cores.add(i.stage().core(i.index()));
                    }
                    waits.add(i.stage().waitStrategy());
                });
                String who = in.stream().map(Instance::role).toList().toString();
                if (cores.size() > 1 || (cores.size() == 1 && in.stream().anyMatch(i -> i.stage().core(i.index()) == null))) {
                    findings.error(first.path() + ".core", "stages " + who + " share thread '" + p.name()
                            + "' but ask for different cores " + (cores.size() > 1 ? cores : cores + " and none")
                            + "; give them the same core");
                }
                if (waits.size() > 1) {
                    findings.error(first.path() + ".wait", "stages " + who + " share thread '" + p.name()
                            + "' but ask for different wait strategies " + waits.stream().map(WaitStrategy::yamlName).toList());
                }
                in.stream().filter(i -> i.stage().waitStrategy() == WaitStrategy.BLOCKING).findFirst()
                        .ifPresent(i -> findings.error(i.stage().path() + ".wait", "wait 'blocking' sleeps on one ring, but thread '"
                                + p.name() + "' steps " + in.size() + " stages " + who + "; use backoff or yield"));
            }
            if (p.waitStrategy() == WaitStrategy.BUSY_SPIN) {
                spinners++;
                if (p.core() != null) {
                    spinnersByCore.computeIfAbsent(p.core(), k -> new ArrayList<>()).add(p.name());
                }
            }
        }
        spinnersByCore.forEach((core, names) -> {
            if (names.size() > 1) {
                StageSpec s = plans.stream().filter(p -> p.name().equals(names.get(1))).findFirst()
                        .map(p -> p.instances().get(0).stage()).orElseThrow();
                findings.error(s.path() + ".core", "busy-spin threads " + names + " are all pinned to core " + core
                        + "; they would take turns spinning (give each its own core, or put the stages on one thread)");
            }
        });
        sharedThreadFanIn(plans);
        if (spinners > t.machine().coreCount()) {
            findings.warn("stages", spinners + " busy-spin threads but only " + t.machine().coreCount()
                    + " cores; spinning threads will starve each other");
        }
    }

    /**
     * A producer checks for room before it publishes, but on a ring with producers on other threads that room can
     * be taken in between; if the producer's own thread is the ring's only consumer, its claim would then wait forever.
     */
    private void sharedThreadFanIn(List<ThreadPlan> plans) {
        Map<String, String> threadOf = new HashMap<>();
        plans.forEach(p -> p.instances().forEach(i -> threadOf.put(i.role(), p.name())));
        for (RingSpec r : t.rings()) {
            Set<String> producerThreads = new java.util.TreeSet<>();
            Set<String> consumerThreads = new java.util.TreeSet<>();
            t.producersOf(r.name()).forEach(s -> roles(s).forEach(role -> producerThreads.add(threadOf.get(role))));
            t.consumersOf(r.name()).forEach(s -> roles(s).forEach(role -> consumerThreads.add(threadOf.get(role))));
            if (producerThreads.size() > 1) {
                producerThreads.stream().filter(consumerThreads::contains).findFirst().ifPresent(thread -> findings.warn(r.path(),
                        "ring '" + r.name() + "' is consumed on thread '" + thread + "', which also publishes to it while other"
                                + " threads " + producerThreads + " publish too; a full ring could stall that thread: put all of"
                                + " its producers on one thread, or none with its consumer"));
            }
        }
    }

    private static List<String> roles(StageSpec s) {
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < s.instances(); i++) {
            roles.add(s.role(i));
        }
        return roles;
    }

    private List<String> ringNames() {
        return t.rings().stream().map(RingSpec::name).toList();
    }

}
