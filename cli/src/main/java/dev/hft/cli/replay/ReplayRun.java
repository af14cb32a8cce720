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
            String summary, boolean drained, int exitCode, Warmup warmup) {

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

    /** Messages in the warm-up window ({@link Warmup#firstWindowMessages()} is this or the whole day when shorter). */
    public static final long FIRST_WINDOW = 100_000;
    /** While the first window runs, the watcher reads the book's counters this often (then every {@link #POLL}). */
    static final Duration FINE_POLL = Duration.ofMillis(1);

    /**
     * How fast the replay started against how fast it ran once warm, from the book stages' message counters (messages
     * that have been through the whole pipeline), read by the watching thread every {@link #FINE_POLL} during the first
     * window and every {@link #POLL} after; the moment a count was crossed is interpolated between two readings.
     *
     * @param jvmToStartMillis     JVM start to the pipeline's start (JVM boot, class loading, command line, topology, build)
     * @param timeToFirstMessageMillis JVM start to the first message out of the book stages; -1 when no message came
     * @param firstWindowMessages  {@link #FIRST_WINDOW}, or every message of a shorter day
     * @param firstWindowNanos     pipeline start to the moment the first window's last message was through
     * @param steadyFromMessage    where the steady window starts: half the day (it runs to the last message); 0 when the day
     *                             is shorter than twice {@link #FIRST_WINDOW} and has no steady figure
     * @param steadyNanos          the steady window's duration (0 without one)
     */
    public record Warmup(long jvmToStartMillis, long timeToFirstMessageMillis, long firstWindowMessages, long firstWindowNanos,
            long steadyFromMessage, long steadyMessages, long steadyNanos) {

        /** Messages per second over the first window (pipeline start to its last message); 0 without messages. */
        public double firstWindowPerSecond() {
            return firstWindowNanos <= 0 ? 0 : firstWindowMessages * 1e9 / firstWindowNanos;
        }

        public boolean hasSteady() {
            return steadyMessages > 0 && steadyNanos > 0;
        }

        /** Messages per second over the second half of the day; NaN when the day is too short ({@link #hasSteady()}). */
        public double steadyPerSecond() {
            return hasSteady() ? steadyMessages * 1e9 / steadyNanos : Double.NaN;
        }
    }

    private final Pipeline pipeline;
    private final CountersReader reader;
    private final Map<String, Integer> counterIds = new HashMap<>();
    private final int[] typeCounterIds = new int[256];
    private final Map<String, Long> threadIds = new HashMap<>();
    private final Map<String, Long> threadCpu = new HashMap<>();
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    private final String sourceRole;

    private ReplayRun(Pipeline pipeline, String sourceRole) {
        this.pipeline = pipeline;
        this.sourceRole = sourceRole;
        this.reader = pipeline.counters().reader();
        reader.forEach((long value, int id, String label) -> counterIds.put(label, id));
        java.util.Arrays.fill(typeCounterIds, -1);
        for (char type : ItchMessages.TYPES.toCharArray()) {
            typeCounterIds[type] = counterIds.getOrDefault(sourceRole + ".messages." + type, -1);
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
            return new ReplayRun(pipeline, ReplayTopology.sourceRole(options)).execute(options, progress);
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
        long jvmToStart = ManagementFactory.getRuntimeMXBean().getUptime();
        BookWatch watch = new BookWatch(pipeline, start, false);
        List<String> startup = pipeline.start();
        findThreads();
        watch.await(null, () -> {
            sampleCpu();
            progress.accept(routed());
        });
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
            shards.add(BookSnapshot.booksOf(pipeline.stage(role)));
        }
        Map<String, Long> typeCounts = BookSnapshot.typeCounts(byType);
        String json = BookSnapshot.json(shards, messages, typeCounts, options.depth());
        return new Result(json, messages, typeCounts, wall, IngressReport.of(sourceRole, allCounters()),
                bookCounters(), stageWork(messages), startup, pipeline.summary(), pipeline.drained(), pipeline.exitCode(),
                watch.warmup(jvmToStart, messages));
    }

    /** (time, messages through the book) readings of one replay or run, in order ({@link BookWatch}). */
    static final class Samples {
        private long[] nanos = new long[1024];
        private long[] counts = new long[1024];
        private int size;

        void add(long time, long count) {
            if (size == nanos.length) {
                nanos = java.util.Arrays.copyOf(nanos, size * 2);
                counts = java.util.Arrays.copyOf(counts, size * 2);
            }
            nanos[size] = time;
            counts[size] = count;
            size++;
        }

        /** When the count first reached {@code n}, interpolated between the readings around it; -1 if it never did. */
        long timeOf(long n) {
            for (int i = 0; i < size; i++) {
                if (counts[i] >= n) {
                    if (i == 0 || counts[i] == counts[i - 1]) {
                        return nanos[i];
                    }
                    double f = (double) (n - counts[i - 1]) / (counts[i] - counts[i - 1]);
                    return nanos[i - 1] + Math.round(f * (nanos[i] - nanos[i - 1]));
                }
            }
            return -1;
        }

        /** The first time the count moved off zero (the reading that saw it), -1 if it never did. */
        long firstMessage() {
            for (int i = 0; i < size; i++) {
                if (counts[i] > 0) {
                    return nanos[i];
                }
            }
            return -1;
        }

        /**
         * @param routed the messages the source routed: a day of at most {@link #FIRST_WINDOW} is one window of that many
         *               (the book counts can be a few higher: system events go to every shard)
         */
        Warmup warmup(long jvmToStartMillis, long start, long routed) {
            long total = size == 0 ? 0 : counts[size - 1];
            long first = firstMessage();
            long ttfm = first < 0 ? -1 : jvmToStartMillis + (first - start) / 1_000_000;
            long window = total <= FIRST_WINDOW ? routed : FIRST_WINDOW;
            long windowEnd = total == 0 ? -1 : timeOf(Math.min(FIRST_WINDOW, total));
            long windowNanos = windowEnd < 0 ? 0 : windowEnd - start;
            long steadyFrom = 0;
            long steadyMessages = 0;
            long steadyNanos = 0;
            if (total >= 2 * FIRST_WINDOW) {
                steadyFrom = total / 2;
                long from = timeOf(steadyFrom);
                long to = timeOf(total);
                steadyMessages = total - steadyFrom;
                steadyNanos = Math.max(0, to - from);
            }
            return new Warmup(jvmToStartMillis, ttfm, window, windowNanos, steadyFrom, steadyMessages, steadyNanos);
        }
    }

    /** The roles of the stages that keep books ({@link BookSnapshot#booksOf}). */
    private List<String> bookRoles() {
        return pipeline.roles().stream().filter(r -> BookSnapshot.booksOf(pipeline.stage(r)) != null).toList();
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
