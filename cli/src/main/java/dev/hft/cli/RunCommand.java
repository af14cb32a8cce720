package dev.hft.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.agrona.IoUtil;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.hft.cli.replay.BookWatch;
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
 * exhausted or {@code --duration} passes, stop with a drain, print the summary. Exit codes: {@link ExitCodes}
 * (docs/exit-codes.md).
 *
 * <p>Order entry: every strategy and egress stage that names no {@code journal_dir} journals to
 * {@code <state-dir>/<order ring>/<trading day>} (docs/order-entry.md); against an embedded venue the day is
 * {@code embedded-<venue>}, cleared at start (that venue's truth died with the previous run). An embedded venue whose
 * account has no password source gets one made up for the run, handed to its egress stages in-process.
 */
@Command(name = "run", description = "Run a topology until its sources are exhausted (or for --duration), then print a summary.")
final class RunCommand implements Callable<Integer> {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** After SIGTERM or Ctrl-C: drain for this long, then abort, then let the summary print; 2 s in all. */
    private static final Duration SIGNAL_DRAIN = Duration.ofMillis(700);
    private static final Duration SIGNAL_ABORT = Duration.ofMillis(300);
    private static final Duration SIGNAL_BUDGET = Duration.ofMillis(1_900);
    /**
     * Rehearsals of {@code --warm-up}: on the default run the first window's rate rose from 27–35k to 200–205k msg/s by
     * the fourth pass of the same run in one JVM, the tick-to-trade p50 from 6–125 ms to 1.7–3.1 ms (bench/RESULTS.md).
     */
    private static final int REHEARSALS = 3;
    /** How long a signal's clean-up waits for the rehearsal to end and delete its folder before deleting it itself. */
    private static final Duration REHEARSAL_SIGNAL_WAIT = Duration.ofSeconds(3);

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

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where order-entry journals live: DIR/<order ring>/<trading day> (default: state/ next to the topology file).")
    java.nio.file.Path stateDir;

    @Option(names = "--warm-up",
            description = "Before the run, rehearse it " + REHEARSALS + " times in this JVM: the same topology, feed file and "
                    + "strategies against their own embedded venue, with journals and run files in a temporary folder, so the "
                    + "whole loop is compiled when the run starts. Only for a topology whose ingress reads a file (itch-file) "
                    + "and whose every egress talks to an embedded venue: a rehearsal never trades anywhere else.")
    boolean warmUp;

    @Option(names = "--trading-day", paramLabel = "KEY",
            description = "The journal's day key against an external venue (default: today in America/New_York). A new key starts a fresh day: tokens and the SoupBinTCP sequence from the start.")
    String tradingDay;

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
        if (tradingDay != null && !dev.hft.journal.Journal.isDayKey(tradingDay)) {
            err.println("hft run: --trading-day: 1 to 64 of [0-9A-Za-z_.-], starting with a letter or digit, found '" + tradingDay + "'");
            return Main.USAGE;
        }
        if (warmUp) {
            String refusal = rehearsalRefusal(t);
            if (refusal != null) {
                err.println("hft run: --warm-up: " + refusal);
                return Main.USAGE;
            }
            int code = rehearse(out, err);
            if (code != ExitCodes.OK) {
                return code;
            }
        }
        List<EmbeddedVenue> venues = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        try {
            for (VenueSection section : VenuesSection.of(t)) {
                if (section.embedded()) {
                    if (section.generatedPassword()) {
                        dev.hft.egress.Credentials.register(section.passwordRef(), section.config().soup().get(0).password());
                        refs.add(section.passwordRef());
                    }
                    EmbeddedVenue v = EmbeddedVenue.start(section);
                    venues.add(v);
                    out.println(v.describe());
                    connectEgress(t, v, section, overrides);
                }
            }
            journals(t, venues, out);
            return run(t, catalog, venues, out, err);
        } catch (java.io.IOException | IllegalStateException e) {
            err.println("hft: could not start: " + e.getMessage());
            return ExitCodes.FAILURE;
        } finally {
            venues.forEach(EmbeddedVenue::stop);
            refs.forEach(dev.hft.egress.Credentials::unregister);
        }
    }

    /**
     * Sets {@code journal_dir} and {@code trading_day} on every strategy and egress stage that has no journal_dir of its
     * own: one journal per order ring (the OUCH session its egress serves); clears the journal of a ring whose egress
     * talks to an embedded venue.
     */
    private void journals(Topology t, List<EmbeddedVenue> venues, PrintWriter out) {
        java.nio.file.Path base = stateDir != null ? stateDir.toAbsolutePath()
                : (t.baseDir() != null ? t.baseDir() : java.nio.file.Path.of("").toAbsolutePath()).resolve("state");
        Map<String, String> dayOfRing = new LinkedHashMap<>();
        for (Topology.StageSpec s : t.stages()) {
            if ("egress".equals(s.kind()) && s.input() != null) {
                Object venue = s.params().get("venue");
                boolean embedded = venue != null && venues.stream().anyMatch(v -> v.name().equals(venue.toString()));
                dayOfRing.put(s.input(), embedded ? "embedded-" + venue
                        : tradingDay != null ? tradingDay : dev.hft.journal.Journal.today());
            }
        }
        Map<String, String> shown = new LinkedHashMap<>();
        for (Topology.StageSpec s : t.stages()) {
            String ring = "egress".equals(s.kind()) ? s.input()
                    : "strategy".equals(s.kind()) ? String.valueOf(s.params().getOrDefault("orders",
                            s.outputs().isEmpty() ? "orders" : s.outputs().getFirst())) : null;
            if (ring == null || s.params().containsKey("journal_dir") || overrides.containsKey(s.name() + ".journal_dir")) {
                continue;
            }
            String day = dayOfRing.getOrDefault(ring, tradingDay != null ? tradingDay : dev.hft.journal.Journal.today());
            java.nio.file.Path dir = base.resolve(ring);
            overrides.put(s.name() + ".journal_dir", dir.toString());
            overrides.putIfAbsent(s.name() + ".trading_day", day);
            if (shown.put(ring, day) == null) {
                java.nio.file.Path dayDir = dev.hft.journal.Journal.dayDir(dir, day);
                if (day.startsWith("embedded-")) {
                    dev.hft.journal.Journal.wipe(dayDir);
                }
                out.println("journal: " + dayDir + (day.startsWith("embedded-") ? " (embedded venue: a fresh day each run)" : ""));
            }
        }
    }

    /**
     * Points every egress stage whose {@code params.venue} names this venue at its first SoupBinTCP port, and hands it the
     * venue's generated password (in-process, by reference) unless it has a password source of its own.
     */
    private static void connectEgress(Topology t, EmbeddedVenue v, VenueSection section, Map<String, String> overrides) {
        for (Topology.StageSpec s : t.stages()) {
            if ("egress".equals(s.kind()) && v.name().equals(String.valueOf(s.params().get("venue")))) {
                boolean udp = "udp".equals(String.valueOf(s.params().get("transport")));
                int port = udp ? v.venue().ouchUdpPort() : v.venue().config().soup().isEmpty() ? -1 : v.venue().soupPort(0);
                if (port > 0) {
                    overrides.putIfAbsent(s.name() + ".host", "127.0.0.1");
                    overrides.putIfAbsent(s.name() + ".port", String.valueOf(port));
                }
                if (section.generatedPassword() && !s.params().containsKey("password_env")
                        && !s.params().containsKey("password_file")) {
                    overrides.putIfAbsent(s.name() + ".password_ref", section.passwordRef());
                }
            }
        }
    }

    /** Why this topology cannot be rehearsed ({@code --warm-up}), or null. */
    private String rehearsalRefusal(Topology t) {
        List<String> embedded = VenuesSection.of(t).stream().filter(VenueSection::embedded).map(VenueSection::name).toList();
        for (Topology.StageSpec s : t.stages()) {
            if (isIngress(s.kind()) && !"itch-file".equals(s.kind())) {
                return "stage " + s.name() + " (" + s.kind() + ") reads a live feed; a rehearsal needs a feed file (itch-file)";
            }
            boolean redirected = overrides.containsKey(s.name() + ".host") || overrides.containsKey(s.name() + ".port");
            if ("egress".equals(s.kind()) && (redirected || !embedded.contains(String.valueOf(s.params().get("venue"))))) {
                return "egress " + s.name() + " does not talk to an embedded venue" + (redirected ? " (--set " + s.name()
                        + ".host/.port)" : "") + "; a rehearsal would trade on it";
            }
        }
        return null;
    }

    /**
     * {@code --warm-up}: runs this command's topology and overrides {@link #REHEARSALS} times, each a whole run with its own
     * embedded venue, state and run files in a temporary folder (deleted afterwards), its output kept back and shown only
     * if it fails; one line per rehearsal.
     */
    private int rehearse(PrintWriter out, PrintWriter err) {
        java.nio.file.Path dir;
        try {
            dir = java.nio.file.Files.createTempDirectory("hft-rehearsal-");
        } catch (java.io.IOException e) {
            err.println("hft run: --warm-up: cannot create a temporary folder: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        // a SIGTERM ends the rehearsal's run from its own shutdown hook; this one waits for the folder's deletion below
        // (bounded) and deletes what is still there, so a signal never leaves a rehearsal's journals behind
        CountDownLatch deleted = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            awaitQuietly(deleted, REHEARSAL_SIGNAL_WAIT);
            IoUtil.delete(dir.toFile(), true);
        }, "hft-rehearsal-cleanup");
        Runtime.getRuntime().addShutdownHook(onSignal);
        long start = System.nanoTime();
        try {
            for (int i = 1; i <= REHEARSALS; i++) {
                java.nio.file.Path summary = dir.resolve("rehearsal-" + i + ".json");
                List<String> args = new ArrayList<>(List.of("run", "--state-dir", dir.resolve("state-" + i).toString(),
                        "--run-dir", dir.resolve("run").toString(), "--summary-json", summary.toString()));
                if (topologyOption.file != null) {
                    args.addAll(List.of("--topology", topologyOption.file.toString()));
                }
                for (java.nio.file.Path entry : topologyOption.classpath.entries()) {
                    args.addAll(List.of("--classpath", entry.toString()));
                }
                overrides.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
                if (duration != null) {
                    args.addAll(List.of("--duration", duration.toMillis() + "ms"));
                }
                java.io.StringWriter log = new java.io.StringWriter();
                PrintWriter both = new PrintWriter(log, true);
                long t0 = System.nanoTime();
                int code = Main.commandLine(both, both).execute(args.toArray(String[]::new));
                if (code != ExitCodes.OK) {
                    err.println("hft run: --warm-up: rehearsal " + i + " exited " + code + "; nothing was run. Its output:");
                    err.print(log);
                    return ExitCodes.FAILURE;
                }
                out.println(rehearsalLine(i, (System.nanoTime() - t0) / 1e9, summary));
                out.flush();
            }
            out.printf("warm-up: %d rehearsals in %.2f s; the run starts now%n", REHEARSALS, (System.nanoTime() - start) / 1e9);
            return ExitCodes.OK;
        } finally {
            IoUtil.delete(dir.toFile(), e -> err.println("hft run: --warm-up: could not delete " + dir + ": " + e.getMessage()));
            deleted.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running and finds the folder gone
            }
        }
    }

    private static String rehearsalLine(int i, double seconds, java.nio.file.Path summary) {
        String figures;
        try {
            com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile());
            figures = String.format("first window %,.0f msg/s, tick-to-trade p50 %,d µs", j.path("warmup").path("first_100k_msgs_per_s").asDouble(),
                    j.path("t2t_p50_ns").asLong() / 1000);
        } catch (java.io.IOException e) {
            figures = "no summary (" + e.getMessage() + ")";
        }
        return String.format("warm-up: rehearsal %d of %d in %.2f s: %s", i, REHEARSALS, seconds, figures);
    }

    /** Ingress kinds whose frames the RX tap can see. */
    private static final java.util.Set<String> FRAME_SOURCES = java.util.Set.of("itch-file", "dpdk-rx");

    /** Every ingress kind: those, and {@code itch-udp}, which gets UDP payloads from the kernel and no frames. */
    private static boolean isIngress(String kind) {
        return FRAME_SOURCES.contains(kind) || "itch-udp".equals(kind);
    }

    /**
     * The topology with {@code tap} params on every ingress stage (--tap-rx) and egress stage (--tap-tx); several
     * stages of one kind each get their own file ({@code rx.pcap} → {@code rx-<stage>.pcap}).
     */
    private Topology withTaps(Topology t, Catalog catalog, PrintWriter out, List<String> problems) {
        List<Topology.StageSpec> rx = t.stages().stream()
                .filter(s -> isIngress(s.kind())).toList();
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
                    s.onError(), s.instances(), s.perRxQueue(), s.input(), s.outputs(), s.threads(), s.path(), s.sideInputs()));
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
        Pipeline pipeline;
        try {
            pipeline = PipelineBuilder.build(observed, overrides, catalog, counters);
        } catch (RuntimeException e) {
            RunFiles.release(counters);
            if (countersFile == null) {
                deleteQuietly(runDir.resolve(ProcessHandle.current().pid() + ".counters"), err);
            }
            throw e;
        }
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
        java.util.concurrent.atomic.AtomicInteger exitCode = new java.util.concurrent.atomic.AtomicInteger();
        Thread onShutdown = new Thread(() -> {
            Thread exiting = exitingThread();
            if (exiting != null && exiting.getName().startsWith("hft-")) {
                exitFromStage(exiting, pipeline, venues, gcAtStart, out, err);
                return;
            }
            signalled.set(true);
            // a signal (or System.exit elsewhere) ends the run within 2 s: drain if that is quick, else stop where it
            // stands; the rest of the budget is the main thread's, to print the summary
            long deadline = System.nanoTime() + SIGNAL_BUDGET.toNanos();
            if (!pipeline.stop(SIGNAL_DRAIN)) {
                pipeline.abort("stopped by a signal before the rings drained", SIGNAL_ABORT);
            }
            awaitQuietly(reported, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            boolean signal = exiting != null && exiting.getName().startsWith("SIG");
            if (!signal || exitCode.get() != ExitCodes.OK) {
                // System.exit from code that is not a stage, or a signal that left something unreconciled: the status
                // says what the summary says, not what the caller of exit or the signal would have made it
                Runtime.getRuntime().halt(signal ? exitCode.get() : Math.max(exitCode.get(), ExitCodes.FAILURE));
            }
        }, "hft-shutdown");
        Runtime.getRuntime().addShutdownHook(onShutdown);
        long start = System.nanoTime();
        long jvmToStart = ManagementFactory.getRuntimeMXBean().getUptime();
        BookWatch watch = new BookWatch(pipeline, start, true);
        pipeline.start().forEach(out::println);
        if (pipeline.observability().metricsPort() >= 0) {
            out.println("metrics: http://127.0.0.1:" + pipeline.observability().metricsPort() + "/metrics");
        }
        out.flush();
        boolean finished = watch.await(duration, () -> { });
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
        figures.warmup(watch.warmup(jvmToStart));
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
        if (figures.dataLost()) {
            out.println("RUN LOST DATA: see the ingress accounting above");
        }
        figures.orderEntryProblems().forEach(f -> out.println("ORDERS UNRECONCILED: " + f));
        out.flush();
        int code = ExitCodes.of(figures.dataLost(), figures.ordersUnreconciled());
        if (code == ExitCodes.OK && (pipeline.exitCode() != 0 || !pipeline.drained() || !failures.isEmpty())) {
            code = ExitCodes.FAILURE;
        }
        exitCode.set(code);
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the running hook returns once it sees 'reported'
        }
        return code;
    }

    /** The thread (other than this one) that is inside System.exit or Runtime.exit, if any. */
    private static Thread exitingThread() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey() == Thread.currentThread()) {
                continue;
            }
            for (StackTraceElement frame : e.getValue()) {
                if ("java.lang.Shutdown".equals(frame.getClassName()) && "exit".equals(frame.getMethodName())) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /**
     * A stage called System.exit: its thread waits in exit for this hook and never steps its stages again, so the
     * pipeline cannot drain. Stop what can stop (bounded), print what is known, and end with a status that says so:
     * 4 when orders may be live or positions disagree, else 1. The venue's cancel on disconnect takes the session's
     * orders when the process is gone.
     */
    private static void exitFromStage(Thread stuck, Pipeline pipeline, List<EmbeddedVenue> venues, long gcAtStart,
            PrintWriter out, PrintWriter err) {
        err.println("hft: a stage on thread " + stuck.getName() + " called System.exit: stopping without it (no drain)");
        pipeline.requestStop();
        pipeline.awaitCompletion(Duration.ofSeconds(3));
        venues.forEach(EmbeddedVenue::stop);
        int code = ExitCodes.FAILURE;
        try {
            out.print(pipeline.summary());
            RunSummary figures = new RunSummary(pipeline, venues, RunSummary.gcCollections() - gcAtStart);
            out.print(figures.format());
            figures.orderEntryProblems().forEach(f -> out.println("ORDERS UNRECONCILED: " + f));
            if (!figures.orderEntryProblems().isEmpty()) {
                code = ExitCodes.ORDERS_UNRECONCILED;
            }
        } catch (RuntimeException e) {
            err.println("hft: no summary: " + e);
        }
        out.println("RUN FAILED: a stage called System.exit on " + stuck.getName());
        out.flush();
        err.flush();
        Runtime.getRuntime().halt(code);
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

    /**
     * Lets a signal's shutdown hook hold the JVM until the main thread is done (the summary printed, a rehearsal's folder
     * deleted), for at most {@code bound}.
     */
    private static void awaitQuietly(CountDownLatch latch, Duration bound) {
        try {
            latch.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
