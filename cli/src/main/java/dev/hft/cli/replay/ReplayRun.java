package dev.hft.cli.replay;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.agrona.concurrent.status.CountersReader;

import dev.hft.book.BookAnomaly;
import dev.hft.book.BookShardStage;
import dev.hft.book.OrderBooks;
import dev.hft.cli.IngressReport;
import dev.hft.pipeline.TopologyException;
import dev.hft.pipeline.metrics.Observability;
import dev.hft.pipeline.runtime.Counters;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.wire.itch.ItchMessages;

/**
 * One replay: builds the replay topology through {@link PipelineBuilder}, runs it to the end of the file,
 * and collects the snapshot, the router's message counts, the drop and book counters and each stage thread's
 * CPU time. The calling thread only watches: it reads counters every {@link #POLL} for progress and CPU.
 */
public final class ReplayRun {

    /** How often the calling thread reads counters and thread CPU times while the pipeline runs. */
    public static final Duration POLL = Duration.ofMillis(20);
    private static final Duration SIGNAL_ABORT = Duration.ofMillis(1_500);

    /** A stage instance: messages it handled and the CPU time of its thread (shared when stages share one). */
    public record StageWork(String role, String thread, List<String> threadRoles, long messages, long threadCpuNanos) {
    }

    /**
     * @param messages   ITCH messages the router accepted (valid type and length), each counted once
     * @param source     what the source read, dropped (by reason) and lost
     * @param bookCounts book counters summed over shards: anomalies, {@code bad_messages}, {@code pool_growth},
     *                   {@code pool_growth_inline}
     */
    public record Result(String snapshotJson, long messages, Map<String, Long> typeCounts, long wallNanos,
            IngressReport source, Map<String, Long> bookCounts, List<StageWork> stages, List<String> startup,
            String summary, boolean drained, int exitCode) {

        public double messagesPerSecond() {
            return wallNanos == 0 ? 0 : messages * 1e9 / wallNanos;
        }

        /** The source's drops by reason name, non-zero only. */
        public Map<String, Long> drops() {
            return source.drops();
        }

        public long totalDrops() {
            return source.drops().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Pipeline pipeline;
    private final CountersReader reader;
    private final Map<String, Integer> counterIds = new HashMap<>();
    private final int[] typeCounterIds = new int[256];
    private final Map<String, Long> threadIds = new HashMap<>();
    private final Map<String, Long> threadCpu = new HashMap<>();
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    private ReplayRun(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.reader = pipeline.counters().reader();
        reader.forEach((long value, int id, String label) -> counterIds.put(label, id));
        java.util.Arrays.fill(typeCounterIds, -1);
        for (char type : ItchMessages.TYPES.toCharArray()) {
            typeCounterIds[type] = counterIds.getOrDefault(ReplayTopology.SOURCE + ".messages." + type, -1);
        }
    }

    /**
     * Replays {@code options.input()}; {@code progress} receives the messages routed so far, on this thread.
     *
     * @throws TopologyException when the replay topology cannot be built (for example an unreadable file)
     */
    public static Result run(ReplayOptions options, LongConsumer progress) {
        return run(options, new Counters(PipelineBuilder.COUNTER_CAPACITY), progress);
    }

    /** @param counters where the pipeline's counters live, e.g. {@link Counters#mapped} for {@code hft stats} */
    public static Result run(ReplayOptions options, Counters counters, LongConsumer progress) {
        return run(options, List.of(), counters, progress);
    }

    /** @param classpath the user's jars and class folders ({@code --classpath}), seen by the replay's catalog */
    public static Result run(ReplayOptions options, List<java.nio.file.Path> classpath, Counters counters, LongConsumer progress) {
        Topology topology = ReplayTopology.load(options, Catalog.installed(classpath));
        if (topology.report().hasErrors()) {
            throw new TopologyException("replay", topology.report().format());
        }
        Pipeline pipeline = PipelineBuilder.build(topology, Map.of(), topology.catalog(), counters);
        // ring capacities into the counters for `hft stats`; closing removes a run descriptor RunFiles wrote
        try (Observability observability = Observability.start(pipeline, -1, null)) {
            return new ReplayRun(pipeline).execute(options, progress);
        }
    }

    private Result execute(ReplayOptions options, LongConsumer progress) {
        long start = System.nanoTime();
        // SIGTERM or Ctrl-C: stop where the replay stands (it is not drained, and says so), within the signal budget
        Thread onSignal = new Thread(() -> pipeline.abort("replay stopped by a signal", SIGNAL_ABORT), "hft-replay-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return replay(options, progress, start);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
    }

    private Result replay(ReplayOptions options, LongConsumer progress, long start) {
        List<String> startup = pipeline.start();
        findThreads();
        while (!pipeline.awaitCompletion(POLL)) {
            sampleCpu();
            progress.accept(routed());
        }
        long wall = System.nanoTime() - start;
        sampleCpu();
        long[] byType = new long[256];
        long messages = 0;
        for (int type = 0; type < 256; type++) {
            if (typeCounterIds[type] >= 0) {
                byType[type] = reader.getCounterValue(typeCounterIds[type]);
                messages += byType[type];
            }
        }
        progress.accept(messages);
        List<OrderBooks> shards = new ArrayList<>();
        for (String role : bookRoles()) {
            shards.add(pipeline.stage(role, BookShardStage.class).books());
        }
        Map<String, Long> typeCounts = BookSnapshot.typeCounts(byType);
        String json = BookSnapshot.json(shards, messages, typeCounts, options.depth());
        return new Result(json, messages, typeCounts, wall, IngressReport.of(ReplayTopology.SOURCE, allCounters()),
                bookCounters(), stageWork(messages), startup, pipeline.summary(), pipeline.drained(), pipeline.exitCode());
    }

    private List<String> bookRoles() {
        return pipeline.roles().stream().filter(r -> r.equals(ReplayTopology.BOOK) || r.startsWith(ReplayTopology.BOOK + "-"))
                .toList();
    }

    private long routed() {
        long sum = 0;
        for (int id : typeCounterIds) {
            if (id >= 0) {
                sum += reader.getCounterValue(id);
            }
        }
        return sum;
    }

    private long counter(String label) {
        Integer id = counterIds.get(label);
        return id == null ? 0 : reader.getCounterValue(id);
    }

    private Map<String, Long> allCounters() {
        Map<String, Long> out = new HashMap<>();
        counterIds.forEach((label, id) -> out.put(label, reader.getCounterValue(id)));
        return out;
    }

    private Map<String, Long> bookCounters() {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (BookAnomaly anomaly : BookAnomaly.values()) {
            names.add(anomaly.counterName());
        }
        names.add("bad_messages");
        names.add("pool_growth");
        names.add("pool_growth_inline");
        for (String name : names) {
            long sum = 0;
            for (String role : bookRoles()) {
                sum += counter(role + "." + name);
            }
            out.put(name, sum);
        }
        return out;
    }

    private List<StageWork> stageWork(long routedMessages) {
        Map<String, List<String>> rolesByThread = new LinkedHashMap<>();
        Map<String, String> threadOf = new LinkedHashMap<>();
        for (Pipeline.StageStats s : pipeline.stageStats()) {
            String thread = "hft-" + s.thread();
            threadOf.put(s.role(), thread);
            rolesByThread.computeIfAbsent(thread, t -> new ArrayList<>()).add(s.role());
        }
        List<StageWork> out = new ArrayList<>();
        threadOf.forEach((role, thread) -> {
            long handled = role.equals(ReplayTopology.SOURCE) ? routedMessages : counter(role + ".messages");
            out.add(new StageWork(role, thread, rolesByThread.get(thread), handled, threadCpu.getOrDefault(thread, -1L)));
        });
        return out;
    }

    private void findThreads() {
        if (!mx.isThreadCpuTimeSupported()) {
            return;
        }
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds(), 0)) {
            if (info != null && info.getThreadName().startsWith("hft-")) {
                threadIds.put(info.getThreadName(), info.getThreadId());
            }
        }
    }

    /** A thread that has ended reports -1: its last sample (at most {@link #POLL} old) stands. */
    private void sampleCpu() {
        threadIds.forEach((name, id) -> {
            long cpu = mx.getThreadCpuTime(id);
            if (cpu >= 0) {
                threadCpu.put(name, cpu);
            }
        });
    }
}
