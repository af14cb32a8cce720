package dev.hft.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.hft.pipeline.metrics.RunFiles;
import dev.hft.pipeline.runtime.Counters;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;
import dev.hft.strategy.StrategyStage;

/**
 * {@code hft run}: validate, start the topology's embedded venues, build, start (printing machine, threads and pinning), run until the sources are
 * exhausted or {@code --duration} passes, stop with a drain, print the summary. Exit 0 clean, 1 halted or not
 * drained, 2 for a topology or command line to fix.
 */
@Command(name = "run", description = "Run a topology until its sources are exhausted (or for --duration), then print a summary.")
final class RunCommand implements Callable<Integer> {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** After SIGTERM or Ctrl-C: drain for this long, then abort, then let the summary print; 2 s in all. */
    private static final Duration SIGNAL_DRAIN = Duration.ofMillis(700);
    private static final Duration SIGNAL_ABORT = Duration.ofMillis(300);
    private static final Duration SIGNAL_BUDGET = Duration.ofMillis(1_900);

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topologyOption;

    @Option(names = {"-d", "--duration"}, paramLabel = "D", converter = DurationConverter.class,
            description = "Stop (and drain) after this long, e.g. 30s, 500ms, 5m, PT1H. Default: until the sources are exhausted.")
    Duration duration;

    @Option(names = "--set", paramLabel = "STAGE.PARAM=VALUE", description = "Override a stage parameter, e.g. --set ingress.path=day.itch")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--counters", paramLabel = "FILE",
            description = "Keep the counters in this memory-mapped file instead of <run-dir>/<pid>.counters (either way `hft stats` finds the run).")
    java.nio.file.Path countersFile;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Where the run leaves its descriptor (and counters) for `hft stats` (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path runDir = RunFiles.DEFAULT_DIR;

    @Option(names = "--metrics-port", paramLabel = "N",
            description = "Export counters and latency histograms in Prometheus text format on 127.0.0.1:N/metrics (0: any free port).")
    Integer metricsPort;

    @Option(names = "--status-interval", paramLabel = "D", converter = DurationConverter.class,
            description = "Log a one-line status (message rate, drops, fullest ring, orders, errors) every D, e.g. 10s.")
    Duration statusInterval;

    @Option(names = "--tap-rx", paramLabel = "FILE",
            description = "Capture the frames every ingress stage receives into this pcap (one file per stage or RX queue when there are several).")
    java.nio.file.Path tapRx;

    @Option(names = "--tap-tx", paramLabel = "FILE",
            description = "Capture what every egress stage sends (OUCH in MoldUDP64/UDP/IPv4/Ethernet frames) into this pcap.")
    java.nio.file.Path tapTx;

    @Option(names = "--tap-sample", paramLabel = "N", description = "Capture 1 frame in N with --tap-rx/--tap-tx (default: every frame).")
    int tapSample = 1;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Also write the run's figures (messages, orders, executions, positions, drops, gc_count, t2t_p50_ns/p99/max) as JSON.")
    java.nio.file.Path summaryJson;

    @Option(names = "--snapshot", paramLabel = "OUT.json",
            description = "At the end, write the books of every book stage (every shard, every RX queue) as JSON, in the format of `hft replay --snapshot`.")
    java.nio.file.Path snapshot;

    @Option(names = "--snapshot-depth", paramLabel = "D", description = "Levels per side in the snapshot (default: ${DEFAULT-VALUE}).")
    int snapshotDepth = dev.hft.cli.replay.BookSnapshot.DEFAULT_DEPTH;

    @Option(names = "--kill-switch",
            description = "Engage every strategy's kill switch at start: no new orders or replaces, open orders cancelled.")
    boolean killSwitch;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (snapshotDepth < 1) {
            err.println("hft run: --snapshot-depth must be at least 1, found " + snapshotDepth);
            return Main.USAGE;
        }
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        overrides.replaceAll((key, value) -> String.valueOf(TopologyLoader.resolvePath(key.substring(key.indexOf('.') + 1), value, cwd)));
        Topology t = topologyOption.load(out::println);
        if (t.report().hasErrors()) {
            err.println(t.report().format());
            return Main.USAGE;
        }
        Catalog catalog = t.catalog();
        t.report().warnings().forEach(w -> out.println(w));
        if (tapRx != null || tapTx != null) {
            List<String> tapProblems = new ArrayList<>();
            t = withTaps(t, catalog, out, tapProblems);
            if (!tapProblems.isEmpty()) {
                err.println("hft run: the capture taps cannot be applied:");
                tapProblems.forEach(p -> err.println("  " + p));
                return Main.USAGE;
            }
        }
        List<EmbeddedVenue> venues = new ArrayList<>();
        try {
            for (VenueSection section : VenuesSection.of(t)) {
                if (section.embedded()) {
                    EmbeddedVenue v = EmbeddedVenue.start(section);
                    venues.add(v);
                    out.println(v.describe());
                    connectEgress(t, v, overrides);
                }
            }
            return run(t, catalog, venues, out, err);
        } catch (java.io.IOException e) {
            err.println("hft: could not start a venue: " + e);
            return 1;
        } finally {
            venues.forEach(EmbeddedVenue::stop);
        }
    }

    /** Points every egress stage whose {@code params.venue} names this venue at its first SoupBinTCP port. */
    private static void connectEgress(Topology t, EmbeddedVenue v, Map<String, String> overrides) {
        for (Topology.StageSpec s : t.stages()) {
            if ("egress".equals(s.kind()) && v.name().equals(String.valueOf(s.params().get("venue")))) {
                boolean udp = "udp".equals(String.valueOf(s.params().get("transport")));
                int port = udp ? v.venue().ouchUdpPort() : v.venue().config().soup().isEmpty() ? -1 : v.venue().soupPort(0);
                if (port > 0) {
                    overrides.putIfAbsent(s.name() + ".host", "127.0.0.1");
                    overrides.putIfAbsent(s.name() + ".port", String.valueOf(port));
                }
            }
        }
    }

    /** Ingress kinds whose frames the RX tap can see, and the one that cannot (it gets UDP payloads from the kernel). */
    private static final java.util.Set<String> FRAME_SOURCES = java.util.Set.of("itch-file", "dpdk-rx");

    /**
     * The topology with {@code tap} params on every ingress stage (--tap-rx) and egress stage (--tap-tx); several
     * stages of one kind each get their own file ({@code rx.pcap} → {@code rx-<stage>.pcap}).
     */
    private Topology withTaps(Topology t, Catalog catalog, PrintWriter out, List<String> problems) {
        List<Topology.StageSpec> rx = t.stages().stream()
                .filter(s -> FRAME_SOURCES.contains(s.kind()) || "itch-udp".equals(s.kind())).toList();
        List<Topology.StageSpec> tx = t.stages().stream().filter(s -> "egress".equals(s.kind())).toList();
        if (tapRx != null && rx.isEmpty()) {
            problems.add("--tap-rx: the topology has no ingress stage (itch-file, dpdk-rx)");
        }
        if (tapTx != null && tx.isEmpty()) {
            problems.add("--tap-tx: the topology has no egress stage");
        }
        List<Topology.StageSpec> stages = new ArrayList<>();
        for (Topology.StageSpec s : t.stages()) {
            java.nio.file.Path file = null;
            if (tapRx != null && rx.contains(s)) {
                if ("itch-udp".equals(s.kind())) {
                    out.println("--tap-rx: " + s.name() + " (itch-udp) reads UDP payloads from the kernel, no frames to capture: not tapped");
                } else {
                    file = rx.size() == 1 ? tapRx : dev.hft.wire.pcap.FrameTap.suffixed(tapRx, "-" + s.name());
                }
            } else if (tapTx != null && tx.contains(s)) {
                file = tx.size() == 1 ? tapTx : dev.hft.wire.pcap.FrameTap.suffixed(tapTx, "-" + s.name());
            }
            if (file == null) {
                stages.add(s);
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>(s.params());
            params.put("tap", Map.of("file", file.toAbsolutePath().toString(), "sample", tapSample));
            catalog.kind(s.kind()).validate(new dev.hft.pipeline.Params(s.path() + ".params", params, t.baseDir()),
                    (key, message) -> problems.add(s.path() + ".params." + key + ": " + message));
            out.println("tap: " + s.name() + " -> " + file.toAbsolutePath() + (tapSample > 1 ? " (1 frame in " + tapSample + ")" : ""));
            stages.add(new Topology.StageSpec(s.name(), s.kind(), s.className(), params, s.cores(), s.waitStrategy(),
                    s.onError(), s.instances(), s.perRxQueue(), s.input(), s.outputs(), s.thread(), s.path(), s.sideInputs()));
        }
        return t.withRingsAndStages(t.rings(), stages).withReport(t.report());
    }

    private int run(Topology t, Catalog catalog, List<EmbeddedVenue> venues, PrintWriter out, PrintWriter err) {
        String topologyName = topologyOption.file != null ? topologyOption.file.toAbsolutePath().normalize().toString()
                : "default topology";
        Counters counters = RunFiles.mappedCounters(runDir, countersFile, topologyName, PipelineBuilder.COUNTER_CAPACITY);
        out.println("counters: " + (countersFile != null ? countersFile.toAbsolutePath()
                : runDir.resolve(ProcessHandle.current().pid() + ".counters").toAbsolutePath()) + " (hft stats --pid "
                + ProcessHandle.current().pid() + ")");
        Topology.Observe declared = t.observe();
        Topology observed = t.withObserve(new Topology.Observe(metricsPort != null ? metricsPort : declared.metricsPort(),
                statusInterval != null ? statusInterval : declared.statusInterval()));
        Pipeline pipeline = PipelineBuilder.build(observed, overrides, catalog, counters);
        try {
            return run(pipeline, venues, out, err);
        } finally {
            if (countersFile == null) {
                // 2.6 MB of shared memory per run: keep it only when the user named the file (--counters)
                deleteQuietly(runDir.resolve(ProcessHandle.current().pid() + ".counters"), err);
            }
        }
    }

    private static void deleteQuietly(java.nio.file.Path file, PrintWriter err) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            err.println("hft: could not remove " + file + ": " + e);
        }
    }

    private int run(Pipeline pipeline, List<EmbeddedVenue> venues, PrintWriter out, PrintWriter err) {
        if (killSwitch) {
            pipeline.roles().stream().map(pipeline::stage).filter(s -> s instanceof StrategyStage)
                    .forEach(s -> ((StrategyStage) s).engageKillSwitch());
            out.println("kill switch engaged on every strategy stage");
        }
        long gcAtStart = RunSummary.gcCollections();
        CountDownLatch reported = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean signalled = new java.util.concurrent.atomic.AtomicBoolean();
        Thread onCtrlC = new Thread(() -> {
            signalled.set(true);
            // a signal ends the run within 2 s: drain if that is quick, else stop where it stands; the rest of the
            // budget is the main thread's, to print the summary
            long deadline = System.nanoTime() + SIGNAL_BUDGET.toNanos();
            if (!pipeline.stop(SIGNAL_DRAIN)) {
                pipeline.abort("stopped by a signal before the rings drained", SIGNAL_ABORT);
            }
            awaitQuietly(reported, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }, "hft-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        pipeline.start().forEach(out::println);
        if (pipeline.observability().metricsPort() >= 0) {
            out.println("metrics: http://127.0.0.1:" + pipeline.observability().metricsPort() + "/metrics");
        }
        out.flush();
        boolean finished = pipeline.awaitCompletion(duration != null ? duration : Duration.ofDays(3650));
        if (!finished) {
            out.println("stopping after " + duration + ": sources stop, everything published drains");
            finished = pipeline.stop(STOP_TIMEOUT);
        }
        if (signalled.get()) {
            out.println("stopped by a signal: the sources stopped where they stood" + (pipeline.drained() ? ", the rings drained"
                    : ", what the rings still held was discarded"));
        }
        long gcCount = RunSummary.gcCollections() - gcAtStart;
        venues.forEach(EmbeddedVenue::stop);
        out.print(pipeline.summary());
        RunSummary figures = new RunSummary(pipeline, venues, gcCount);
        out.print(figures.format());
        List<String> failures = new ArrayList<>(figures.failures());
        venues.stream().filter(v -> v.failure() != null).forEach(v -> failures.add("venue " + v.name() + " failed: " + v.failure()));
        failures.forEach(f -> out.println("RUN FAILED: " + f));
        if (summaryJson != null) {
            try {
                figures.writeJson(summaryJson);
                out.println("summary: " + summaryJson.toAbsolutePath());
            } catch (java.io.IOException e) {
                err.println("hft: could not write " + summaryJson + ": " + e);
                failures.add("summary not written");
            }
        }
        if (snapshot != null) {
            writeSnapshot(pipeline, out, err, failures);
        }
        out.flush();
        if (!finished) {
            err.println("hft: the pipeline did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        }
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the running hook returns once it sees 'reported'
        }
        if (figures.dataLost()) {
            out.println("RUN LOST DATA: see the ingress accounting above");
        }
        if (figures.ordersUnreconciled()) {
            out.println("ORDERS NOT RECONCILED: " + figures.openOrdersAtStop + " open at stop"
                    + (figures.positionsAgree() ? "" : ", positions differ from the venue's"));
        }
        out.flush();
        if (pipeline.exitCode() != 0 || !pipeline.drained() || !failures.isEmpty()) {
            return ExitCodes.FAILURE;
        }
        return ExitCodes.of(figures.dataLost(), figures.ordersUnreconciled());
    }

    private void writeSnapshot(Pipeline pipeline, PrintWriter out, PrintWriter err, List<String> failures) {
        if (!pipeline.isComplete()) {
            err.println("hft: no snapshot: stage threads are still running, their books cannot be read");
            failures.add("snapshot not written");
            return;
        }
        try {
            java.nio.file.Path parent = snapshot.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            java.nio.file.Files.writeString(snapshot, dev.hft.cli.replay.BookSnapshot.json(pipeline, snapshotDepth) + "\n");
            out.println("snapshot: " + snapshot.toAbsolutePath());
        } catch (java.io.IOException e) {
            err.println("hft: could not write " + snapshot + ": " + e);
            failures.add("snapshot not written");
        }
    }

    /** Lets a signal's shutdown hook hold the JVM until the main thread has printed the summary, for at most {@code bound}. */
    private static void awaitQuietly(CountDownLatch latch, Duration bound) {
        try {
            latch.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
