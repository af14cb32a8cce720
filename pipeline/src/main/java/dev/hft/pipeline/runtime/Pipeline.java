package dev.hft.pipeline.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.hft.pipeline.metrics.LatencyHistogram;
import dev.hft.pipeline.metrics.Metrics;
import dev.hft.pipeline.topology.Topology;

/**
 * A built pipeline: {@link #start()}, then {@link #awaitCompletion(Duration)} for a finite run (sources
 * exhausted, everything drained) or {@link #stop()} for a live one; then {@link #summary()}.
 * Stopping drains: sources stop first, and every downstream stage stops only after consuming everything
 * published before.
 */
public final class Pipeline {

    /** The prefix of {@link #timeSteps()}'s histogram names; the stage's role follows. */
    public static final String STEP_TIMES = "step_nanos_";

    /** The histogram {@link #timeSteps()} records a stage's steps in: {@code step_nanos_<role>}, role in snake_case. */
    public static String stepTimesName(String role) {
        return STEP_TIMES + role.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** Counters of one stage instance at the moment of reading. */
    public record StageStats(String role, String kind, String thread, Integer core, long eventsIn, long eventsOut,
            long batches, long idleCycles, long errors, long discarded) {
    }

    /** One ring replica: what was published into it and what each consumer has taken. */
    public record RingStats(String name, int size, int producers, long published, Map<String, Long> consumedBy) {
        public long fill() {
            return published - consumedBy.values().stream().mapToLong(Long::longValue).min().orElse(published);
        }

        public boolean drained() {
            return consumedBy.values().stream().allMatch(c -> c == published);
        }
    }

    private final Topology topology;
    private final Counters counters;
    private final List<RingReplica<?>> rings;
    private final List<StageRunner> runners;
    private final Map<String, String> kinds;
    private final List<StageThread> stageThreads;
    private final PipelineControl control;
    private final CountDownLatch started;
    private final List<Thread> threads = new ArrayList<>();
    private long startNanos;
    private long endNanos;
    private dev.hft.pipeline.metrics.Observability observability;

    Pipeline(Topology topology, Counters counters, List<RingReplica<?>> rings, List<StageRunner> runners,
            Map<String, String> kinds, List<StageThread> stageThreads, PipelineControl control, CountDownLatch started) {
        this.topology = topology;
        this.counters = counters;
        this.rings = rings;
        this.runners = runners;
        this.kinds = kinds;
        this.stageThreads = stageThreads;
        this.control = control;
        this.started = started;
    }

    /**
     * Before {@link #start()}: each thread times every step of its stages that did work (one event batch, one poll
     * that handed frames over) into the histogram {@link #stepTimesName}(role) of {@link Metrics}.
     * It costs two clock reads (about 32 ns each on the development machine) and a record per busy step, so it is
     * for finding where the time goes ({@code bench t2t --step-times}), not for a run whose latency is the figure.
     */
    public void timeSteps() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("timeSteps() comes before start()");
        }
        for (StageThread st : stageThreads) {
            LatencyHistogram[] times = new LatencyHistogram[st.runners.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = Metrics.histogram(stepTimesName(st.runners.get(i).role));
            }
            st.timeSteps(times);
        }
    }

    /**
     * Starts every thread; each pins itself and starts its stages, consumers before producers, and no stage
     * does work until every stage has started. Returns the start-up report (machine, threads, pinning).
     */
    public List<String> start() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("pipeline already started");
        }
        observability = dev.hft.pipeline.metrics.Observability.start(this);
        startNanos = System.nanoTime();
        for (StageThread st : stageThreads) {
            Thread thread = new Thread(st, "hft-" + st.name);
            thread.setDaemon(true);
            threads.add(thread);
        }
        for (int i = threads.size() - 1; i >= 0; i--) {
            threads.get(i).start();
        }
        try {
            if (!started.await(30, TimeUnit.SECONDS)) {
                control.halt("stages did not start within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return startReport();
    }

    private List<String> startReport() {
        List<String> lines = new ArrayList<>();
        lines.add("machine: " + topology.machine().describe());
        lines.add("threads: " + stageThreads.size() + (topology.singleThread() ? " (threading: single)" : ""));
        for (StageThread st : stageThreads) {
            for (StageRunner r : st.runners) {
                lines.add("  " + r.role + " [" + kinds.get(r.role) + "] on thread hft-" + st.name + " " + st.placement()
                        + ", wait " + st.wait.yamlName());
            }
        }
        for (RingReplica<?> ring : rings) {
            List<String> readers = new ArrayList<>(ring.consumers.stream().map(c -> c.role).toList());
            ring.sideReaders.keySet().forEach(role -> readers.add(role + " (side input)"));
            lines.add("  ring " + ring.name + ": " + ring.buffer.getBufferSize() + " events, " + ring.producers
                    + " producer(s) -> " + readers);
        }
        return lines;
    }

    /** Waits until every stage has finished (sources exhausted or stopped, rings drained). */
    public boolean awaitCompletion(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread t : threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return isComplete();
                }
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean complete = isComplete();
        if (complete && endNanos == 0) {
            endNanos = System.nanoTime();
            observability.close();
        }
        return complete;
    }

    public boolean isComplete() {
        return !threads.isEmpty() && threads.stream().noneMatch(Thread::isAlive);
    }

    /** Asks sources to stop; the rest drains and stops by itself. Returns at once. */
    public void requestStop() {
        control.requestStop();
    }

    /** Stops and drains; true when everything finished within the timeout. */
    public boolean stop(Duration timeout) {
        requestStop();
        return awaitCompletion(timeout);
    }

    public boolean stop() {
        return stop(Duration.ofSeconds(30));
    }

    /**
     * Stops without draining: sources stop and every stage discards what its rings still hold (counted as
     * {@code discarded_after_halt}). For a stop that must end within a bound (a signal), after a drain that did not.
     * Returns whether every thread finished within {@code timeout}.
     */
    public boolean abort(String reason, Duration timeout) {
        control.abort(reason);
        return awaitCompletion(timeout);
    }

    /** Why the pipeline halted (a stage with on_error: halt failed, or a stage asked), if it did. */
    public Optional<String> haltReason() {
        return Optional.ofNullable(control.haltReason());
    }

    /** 0 for a clean run, 1 after a halt or when the pipeline did not finish. */
    public int exitCode() {
        return haltReason().isPresent() || !isComplete() ? 1 : 0;
    }

    /** The built stage object of one instance (for example {@code book-1}), to read its state after a run. */
    public Object stage(String role) {
        return runners.stream().filter(r -> r.role.equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage instance '" + role + "'; roles: "
                        + runners.stream().map(r -> r.role).toList())).stage;
    }

    public <T> T stage(String role, Class<T> type) {
        return type.cast(stage(role));
    }

    public List<String> roles() {
        return runners.stream().map(r -> r.role).toList();
    }

    public Counters counters() {
        return counters;
    }

    /** The metrics exporter and status logger of this run (set by {@link #start()}). */
    public dev.hft.pipeline.metrics.Observability observability() {
        return observability;
    }

    public Topology topology() {
        return topology;
    }

    public List<StageStats> stageStats() {
        return runners.stream().map(r -> new StageStats(r.role, kinds.get(r.role), r.thread, r.core, r.eventsIn.get(),
                r.eventsOut.get(), r.batches.get(), r.idleCycles.get(), r.errors.get(), r.discarded.get())).toList();
    }

    public List<RingStats> ringStats() {
        List<RingStats> out = new ArrayList<>();
        for (RingReplica<?> ring : rings) {
            Map<String, Long> consumed = new LinkedHashMap<>();
            ring.consumers.forEach(c -> consumed.put(c.role, c.sequence().get() + 1));
            long published = ring.publishedCount();
            ring.sideReaders.forEach((role, reader) -> consumed.put(role + " (side)", reader.consumed(published)));
            out.add(new RingStats(ring.name, ring.buffer.getBufferSize(), ring.producers, ring.publishedCount(), consumed));
        }
        return out;
    }

    /** Every ring replica's consumers have taken everything published into it. */
    public boolean drained() {
        return ringStats().stream().allMatch(RingStats::drained);
    }

    /** The run summary: stage and ring tables, then the accounting verdict and the halt reason if any. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        out.append(String.format("ran %.3f s, %s%n", (end - startNanos) / 1e9,
                isComplete() ? "finished" : "STILL RUNNING (a stage did not stop)"));
        out.append(String.format("%-16s %-18s %-14s %5s %12s %12s %10s %12s %8s %10s%n", "stage", "kind", "thread", "core",
                "events_in", "events_out", "batches", "idle_cycles", "errors", "discarded"));
        for (StageStats s : stageStats()) {
            out.append(String.format("%-16s %-18s %-14s %5s %12d %12d %10d %12d %8d %10d%n", s.role(), s.kind(),
                    "hft-" + s.thread(), s.core() == null ? "-" : s.core(), s.eventsIn(), s.eventsOut(), s.batches(),
                    s.idleCycles(), s.errors(), s.discarded()));
        }
        out.append(String.format("%-16s %8s %9s %12s %12s %8s  %s%n", "ring", "size", "producers", "published",
                "consumed", "fill", "consumers"));
        for (RingStats r : ringStats()) {
            long consumed = r.consumedBy().values().stream().mapToLong(Long::longValue).min().orElse(0);
            out.append(String.format("%-16s %8d %9d %12d %12d %8d  %s%n", r.name(), r.size(), r.producers(),
                    r.published(), consumed, r.fill(), r.consumedBy().keySet()));
        }
        List<String> undrained = ringStats().stream().filter(r -> !r.drained())
                .map(r -> r.name() + " published " + r.published() + ", consumed " + r.consumedBy()).toList();
        out.append(undrained.isEmpty() ? "accounting: every ring drained (published == consumed)\n"
                : "accounting: NOT drained: " + String.join("; ", undrained) + "\n");
        haltReason().ifPresent(reason -> out.append("HALTED: ").append(reason).append('\n'));
        return out.toString();
    }
}
