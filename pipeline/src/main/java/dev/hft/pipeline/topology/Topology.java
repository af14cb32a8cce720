package dev.hft.pipeline.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hft.pipeline.ErrorPolicy;

/**
 * A loaded topology file: the model and the {@link ValidationReport} of the one validation pass. Build a
 * pipeline from it only when {@code report().hasErrors()} is false.
 *
 * @param baseDir   directory that relative paths in stage params resolve against
 * @param sections  the top-level sections installed modules own ({@link TopologySection}), by key, as each one read it
 * @param observe   the top-level {@code metrics_port} and {@code status_interval}
 * @param catalog   the kinds, events and sections the file was read with, and the loader of the user's classes
 *                  (its {@code classpath:} and the command line's); a pipeline is built with the same one
 */
public record Topology(Path baseDir, Machine machine, boolean singleThread, List<RingSpec> rings, List<StageSpec> stages,
        Map<String, Object> sections, Observe observe, ValidationReport report, Catalog catalog) {

    public Topology {
        sections = Map.copyOf(sections);
    }

    /** What the section under {@code key} read from the file, or null when the file has none. */
    public Object section(String key) {
        return sections.get(key);
    }

    /** Where a run exports its metrics (Prometheus port, null for off) and how often it logs a status line (null: never). */
    public record Observe(Integer metricsPort, java.time.Duration statusInterval) {
        public static final Observe NONE = new Observe(null, null);
    }

    /** The same topology with another validation report. */
    public Topology withReport(ValidationReport newReport) {
        return new Topology(baseDir, machine, singleThread, rings, stages, sections, observe, newReport, catalog);
    }

    /** The same topology with other metrics/status settings (command-line options win over the file). */
    public Topology withObserve(Observe newObserve) {
        return new Topology(baseDir, machine, singleThread, rings, stages, sections, newObserve, report, catalog);
    }

    /** The same topology with other rings and stages (for example capture taps added), not yet revalidated. */
    public Topology withRingsAndStages(List<RingSpec> newRings, List<StageSpec> newStages) {
        return new Topology(baseDir, machine, singleThread, newRings, newStages, sections, observe, null, catalog);
    }

    public enum ProducerMode { AUTO, SINGLE, MULTI }

    /** One {@code rings[i]} entry; {@code numaNode} is null unless declared. */
    public record RingSpec(String name, int size, String event, ProducerMode producer, Integer numaNode, String path) {
    }

    /**
     * One {@code stages[i]} entry. Exactly one of {@code kind} and {@code className} is set. {@code cores} is
     * empty when unpinned, else one core per instance (or one core for all); {@code threads} likewise: empty when
     * every instance has a thread of its own, else one thread name for all instances or one per instance.
     */
    public record StageSpec(String name, String kind, String className, Map<String, Object> params, List<Integer> cores,
            WaitStrategy waitStrategy, ErrorPolicy onError, int instances, String perRxQueue, String input,
            List<String> outputs, List<String> threads, String path, List<String> sideInputs) {

        public StageSpec {
            threads = threads == null ? List.of() : List.copyOf(threads);
            sideInputs = sideInputs == null ? List.of() : List.copyOf(sideInputs);
        }

        public StageSpec(String name, String kind, String className, Map<String, Object> params, List<Integer> cores,
                WaitStrategy waitStrategy, ErrorPolicy onError, int instances, String perRxQueue, String input,
                List<String> outputs, String thread, String path) {
            this(name, kind, className, params, cores, waitStrategy, onError, instances, perRxQueue, input, outputs,
                    thread == null ? List.of() : List.of(thread), path, List.of());
        }

        public String role(int instance) {
            return instances == 1 ? name : name + "-" + instance;
        }

        /** The core of one instance, or null when unpinned. */
        public Integer core(int instance) {
            if (cores.isEmpty()) {
                return null;
            }
            return cores.size() == 1 ? cores.get(0) : cores.get(instance);
        }

        /** The declared thread of one instance, or null when it runs on a thread of its own (or the list is short: an error). */
        public String thread(int instance) {
            if (threads.isEmpty()) {
                return null;
            }
            return threads.size() == 1 ? threads.get(0) : instance < threads.size() ? threads.get(instance) : null;
        }

        public String what() {
            return kind != null ? "kind '" + kind + "'" : "class " + className;
        }
    }

    /** One stage instance placed on a thread. */
    public record Instance(StageSpec stage, int index) {
        public String role() {
            return stage.role(index);
        }
    }

    /** One thread of the running pipeline and the stage instances it steps round-robin, in topology order. */
    public record ThreadPlan(String name, Integer core, WaitStrategy waitStrategy, List<Instance> instances) {
    }

    public RingSpec ring(String name) {
        return rings.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    public StageSpec stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    public List<StageSpec> producersOf(String ring) {
        return stages.stream().filter(s -> s.outputs().contains(ring)).toList();
    }

    public List<StageSpec> consumersOf(String ring) {
        return stages.stream().filter(s -> ring.equals(s.input())).toList();
    }

    /** Stages that poll the ring themselves as a {@code side_inputs} entry (never sharded: one replica, read whole). */
    public List<StageSpec> sideConsumersOf(String ring) {
        return stages.stream().filter(s -> s.sideInputs().contains(ring)).toList();
    }

    /** Replicas of a ring: one per instance of its consumer (all consumers of a ring share their instance count). */
    public int replicas(String ring) {
        return consumersOf(ring).stream().mapToInt(StageSpec::instances).max().orElse(1);
    }

    /** Producer instances publishing into each replica of the ring. */
    public int producerInstances(String ring) {
        return producersOf(ring).stream().mapToInt(StageSpec::instances).sum();
    }

    public boolean multiProducer(RingSpec ring) {
        return switch (ring.producer()) {
            case SINGLE -> false;
            case MULTI -> true;
            case AUTO -> producerInstances(ring.name()) > 1;
        };
    }

    /**
     * Which thread runs which stage instance: with {@code threading: single} one thread {@code main}
     * (unpinned, backoff); otherwise the stage's {@code thread:} name, or a thread of its own named after its role.
     */
    public List<ThreadPlan> threads() {
        Map<String, List<Instance>> byThread = new LinkedHashMap<>();
        for (StageSpec s : stages) {
            for (int i = 0; i < s.instances(); i++) {
                String thread = singleThread ? "main" : s.thread(i) != null ? s.thread(i) : s.role(i);
                byThread.computeIfAbsent(thread, k -> new ArrayList<>()).add(new Instance(s, i));
            }
        }
        List<ThreadPlan> plans = new ArrayList<>();
        byThread.forEach((name, instances) -> {
            Instance first = instances.get(0);
            Integer core = singleThread ? null : first.stage().core(first.index());
            WaitStrategy wait = singleThread ? WaitStrategy.BACKOFF : first.stage().waitStrategy();
            plans.add(new ThreadPlan(name, core, wait, List.copyOf(instances)));
        });
        return plans;
    }
}
