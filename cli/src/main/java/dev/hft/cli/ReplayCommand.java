package dev.hft.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.hft.book.BookStageFactory;
import dev.hft.cli.replay.BookSnapshot;
import dev.hft.cli.replay.ProgressEstimate;
import dev.hft.cli.replay.ReplayOptions;
import dev.hft.cli.replay.ReplayRun;
import dev.hft.cli.replay.WarmUp;
import dev.hft.ingress.source.CaptureFlows;
import dev.hft.pipeline.metrics.RunFiles;
import dev.hft.pipeline.runtime.Counters;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.wire.pcap.PcapReader;

/**
 * {@code hft replay}: a BinaryFILE or pcap through the real pipeline (source stage, rings, book shard stages,
 * built from the replay topology), then throughput, the source's accounting (read = decoded + dropped by reason),
 * anomaly counters, and the snapshot JSON. A capture's MoldUDP64 flows are listed first; without {@code --filter} the
 * replay takes every flow that looks like a feed and says which it left out. Exit codes: {@link ExitCodes} (3 when
 * data was lost).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay an ITCH 5.0 BinaryFILE or MoldUDP64 pcap through source -> rings -> book shards (or, with "
                + "--layout direct, shards that each read the BinaryFILE); print throughput and counters, write the book snapshot.")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "BinaryFILE (plain or gzip) or pcap/pcapng of MoldUDP64.")
    Path input;

    @Option(names = "--format", paramLabel = "binaryfile|pcap|auto", defaultValue = "auto",
            description = "Input format (default: ${DEFAULT-VALUE}: pcap magic, else BinaryFILE).")
    String format;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "2", description = "Book shard stages (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "" + BookSnapshot.DEFAULT_DEPTH,
            description = "Levels per side in the snapshot (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--snapshot", paramLabel = "OUT.json", description = "Write the book snapshot JSON here.")
    Path snapshot;

    @Option(names = "--json", paramLabel = "OUT.json",
            description = "Also write the run's figures as JSON: messages, wall_s, msgs_per_s, the warm-up (time_to_first_message_ms, "
                    + "first_100k_s, first_100k_msgs_per_s, steady_msgs_per_s), aot_cache, warm_up_passes, warm_up_s, "
                    + "warm_up_last_pass_msgs_per_s (null without --warm-up), drops.")
    Path json;

    @Option(names = "--via", paramLabel = "java|dpdk|auto", defaultValue = "auto",
            description = "Who reads a pcap: java, dpdk (net_pcap into an RX queue) or auto (dpdk when installed and usable; "
                    + "default: ${DEFAULT-VALUE}). A BinaryFILE is always read in Java.")
    String via;

    @Option(names = "--threads", paramLabel = "single|multi|auto|N", defaultValue = "auto",
            description = "single: every stage on one thread; multi: one thread per stage (shards + 1, or shards with --layout "
                    + "direct); N: that many, the source sharing its thread with shards; auto: one per stage, or one on a 1-core machine "
                    + "(default: ${DEFAULT-VALUE}).")
    String threads;

    @Option(names = "--layout", paramLabel = "pipeline|direct", defaultValue = "pipeline",
            description = "pipeline: a source stage reads the input and routes each message through a ring to its book shard "
                    + "(what a live feed runs through); direct: each shard reads the BinaryFILE itself and keeps only its own "
                    + "locates, no source, router or rings (kind: file-book; BinaryFILE only; the fastest replay on a few "
                    + "cores) (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Option(names = "--order-capacity", paramLabel = "N", defaultValue = "" + BookStageFactory.DEFAULT_ORDER_CAPACITY,
            description = "Resting orders per shard before its pool grows (default: ${DEFAULT-VALUE}).")
    int orderCapacity;

    @Option(names = "--filter", paramLabel = "GROUP:PORT", split = ",",
            description = "Take only these destinations of a pcap (repeat or comma-separate; A/B lines in order). "
                    + "Default: every flow that carries at least 1%% of the packets of the largest one.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--mold-sessions", paramLabel = "N",
            description = "MoldUDP64 sessions (channels) to follow, each with its own sequence. Default: as many as the taken flows have.")
    Integer moldSessions;

    @Option(names = "--warm-up",
            description = "Before the input, replay a generated " + WarmUp.DAY_MESSAGES + "-message day through the same layout "
                    + "(shards, threads, reader) until two passes agree within 10%%, and with the fastest (" + WarmUp.MIN_PASSES
                    + " to " + WarmUp.MAX_PASSES + " passes), so the input runs on compiled code from its first message. The "
                    + "input's pipeline and figures are its own; its time to the first message includes the warm-up.")
    boolean warmUp;

    @picocli.CommandLine.Mixin
    ClasspathOption classpath;

    @Option(names = "--counters", paramLabel = "FILE",
            description = "Keep the counters in this memory-mapped file (e.g. /dev/shm/hft.counters) and leave a run descriptor in "
                    + "/dev/shm/hft, so `hft stats` (--pid or newest) finds the replay while it runs.")
    Path countersFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            err.println("hft replay: cannot read input '" + input + "'" + (Files.exists(input) ? "" : ": no such file"));
            return Main.USAGE;
        }
        if (!via.equals("java") && !via.equals("dpdk") && !via.equals("auto")) {
            err.println("hft replay: --via must be java, dpdk or auto, found '" + via + "'");
            return Main.USAGE;
        }
        boolean pcap;
        try {
            pcap = format.equals("pcap") || (format.equals("auto") && PcapReader.isPcap(input));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
        if (!pcap && via.equals("dpdk")) {
            err.println("hft replay: --via dpdk replays pcap files only (through net_pcap); '" + input
                    + "' is read as a BinaryFILE: use --via java or a pcap of the same messages");
            return Main.USAGE;
        }
        String readVia = pcap ? via : "java";
        List<String> taken = filters;
        int sessions = moldSessions == null ? 1 : moldSessions;
        if (pcap) {
            try {
                CaptureFlows.Result flows = CaptureFlows.scan(input, ReplayOptions.MAX_MOLD_SESSIONS);
                if (filters.isEmpty()) {
                    taken = feedDestinations(flows, out);
                }
                List<String> chosen = taken;
                long chosenSessions = flows.flows().stream().filter(f -> chosen.contains(f.destination()))
                        .map(CaptureFlows.Flow::session).distinct().count();
                if (moldSessions == null) {
                    sessions = (int) Math.max(1, Math.min(chosenSessions, ReplayOptions.MAX_MOLD_SESSIONS));
                }
            } catch (IOException | IllegalArgumentException e) {
                err.println("hft replay: cannot read the capture " + input + ": " + e.getMessage());
                return Main.USAGE;
            }
        } else if (!filters.isEmpty()) {
            err.println("hft replay: --filter applies to pcap input; a BinaryFILE has no destinations");
            return Main.USAGE;
        }
        ReplayOptions options;
        int threadCount;
        try {
            if (pcap && layout.equals(ReplayOptions.DIRECT)) {
                throw new IllegalArgumentException("--layout direct reads BinaryFILE days; '" + input
                        + "' is a pcap: replay it with --layout pipeline");
            }
            int stages = layout.equals(ReplayOptions.DIRECT) ? shards : shards + 1;
            threadCount = ReplayOptions.threadCount(threads, stages, Runtime.getRuntime().availableProcessors());
            options = new ReplayOptions(input, format, shards, depth, readVia, threadCount, orderCapacity, taken, sessions, layout);
        } catch (IllegalArgumentException e) {
            err.println("hft replay: " + e.getMessage());
            return Main.USAGE;
        }
        long size = size(input);
        out.printf("replay: %s (%s, %,d bytes), %s layout, %d shard(s), %s, via %s%s%n", input, pcap ? "pcap" : "binaryfile", size,
                layout, shards, threadCount == 1 ? "1 thread" : threadCount + " threads", readVia, taken.isEmpty() ? "" : ", destinations " + taken + (sessions > 1 ? ", " + sessions
                        + " Mold sessions" : ""));
        out.flush();
        WarmUp.Result warmed = null;
        if (warmUp) {
            try {
                warmed = WarmUp.run(options, pcap, WarmUp.MAX_PASSES, classpath.entries());
            } catch (RuntimeException e) {
                err.println("hft replay: the warm-up failed, nothing of the input was replayed: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            out.println(warmUpPassesLine(warmed));
            out.flush();
        }
        ReplayRun.Result result;
        try (ProgressBar bar = progressBar(options)) {
            Counters counters = countersFile == null ? new Counters(PipelineBuilder.COUNTER_CAPACITY)
                    : RunFiles.mappedCounters(countersFile, "replay " + input, PipelineBuilder.COUNTER_CAPACITY);
            result = ReplayRun.run(options, classpath.entries(), counters, bar == null ? n -> { } : n -> {
                if (n > bar.getMax() && bar.getMax() > 0) {
                    bar.maxHint(n);
                }
                bar.stepTo(n);
            });
            if (bar != null) {
                bar.maxHint(result.messages());
            }
        }
        result.startup().forEach(out::println);
        print(out, result);
        if (snapshot != null) {
            try {
                Path parent = snapshot.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(snapshot, result.snapshotJson() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the snapshot " + snapshot + ": " + e.getMessage(), e);
            }
            out.println("snapshot: " + snapshot);
        }
        if (json != null) {
            try {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(json, json(result, warmed, input, layout, threads, threadCount, shards));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the figures " + json + ": " + e.getMessage(), e);
            }
            out.println("figures: " + json);
        }
        out.flush();
        if (result.exitCode() != 0 || !result.drained()) {
            return ExitCodes.FAILURE;
        }
        return result.source().lostData() ? ExitCodes.DATA_LOST : ExitCodes.OK;
    }

    /**
     * The destinations to take when none were named: every flow with at least 1% of the packets of the largest
     * (a stray packet to another port is left out, and said so). Prints the flows and the choice.
     */
    static List<String> feedDestinations(CaptureFlows.Result flows, PrintWriter out) {
        long largest = flows.flows().stream().mapToLong(CaptureFlows.Flow::packets).max().orElse(0);
        List<String> taken = new ArrayList<>();
        for (CaptureFlows.Flow f : flows.flows()) {
            boolean feed = f.packets() * 100 >= largest;
            if (feed && !taken.contains(f.destination())) {
                taken.add(f.destination());
            }
            out.printf("  flow %s session '%s': %,d packets%s%n", f.destination(), f.session(), f.packets(),
                    feed ? "" : " (left out: give --filter " + f.destination() + " to take it)");
        }
        if (flows.untrackedPackets() > 0) {
            out.printf("  %,d packets of further flows (beyond %d) left out%n", flows.untrackedPackets(), ReplayOptions.MAX_MOLD_SESSIONS);
        }
        return taken.size() > 7 ? taken.subList(0, 7) : taken;
    }

    private static void print(PrintWriter out, ReplayRun.Result r) {
        out.printf("messages: %,d in %.3f s wall: %,.0f msg/s%n", r.messages(), r.wallNanos() / 1e9, r.messagesPerSecond());
        out.println("per stage (messages handled; CPU time of the stage's thread, sampled every "
                + ReplayRun.POLL.toMillis() + " ms, includes its idle spinning):");
        for (ReplayRun.StageWork s : r.stages()) {
            String cpu;
            if (s.threadCpuNanos() < 0) {
                cpu = "cpu n/a";
            } else if (s.threadRoles().size() > 1) {
                cpu = String.format("thread cpu %.3f s shared by %s", s.threadCpuNanos() / 1e9, s.threadRoles());
            } else {
                cpu = String.format("cpu %.3f s: %,.0f msg/cpu-s", s.threadCpuNanos() / 1e9,
                        s.threadCpuNanos() == 0 ? 0.0 : s.messages() * 1e9 / s.threadCpuNanos());
            }
            out.printf("  %-10s %-12s %,14d  %s%n", s.role(), s.thread(), s.messages(), cpu);
        }
        out.println(warmupLine(r.warmup()));
        out.println("type counts: " + r.typeCounts());
        out.print(r.source().format());
        printNonZero(out, "book anomalies", r.bookCounts());
        if (!r.drained() || r.exitCode() != 0) {
            out.print(r.summary());
        }
    }

    /** One line: JVM start to the first message, the first window's rate, the steady rate, whether the AOT cache was used. */
    static String warmupLine(ReplayRun.Warmup w) {
        StringBuilder line = new StringBuilder("warm-up: ");
        if (w.timeToFirstMessageMillis() < 0) {
            return line.append("no message came through; ").append(AotCache.describe()).toString();
        }
        line.append(String.format("first message %,d ms after JVM start (pipeline started at %,d ms); first %,d messages %.3f s: %,.0f msg/s; ",
                w.timeToFirstMessageMillis(), w.jvmToStartMillis(), w.firstWindowMessages(), w.firstWindowNanos() / 1e9,
                w.firstWindowPerSecond()));
        if (w.hasSteady()) {
            line.append(String.format("steady (second half) %,.0f msg/s; ", w.steadyPerSecond()));
        } else {
            line.append(String.format("no steady figure (fewer than %,d messages); ", 2 * ReplayRun.FIRST_WINDOW));
        }
        return line.append(AotCache.describe()).toString();
    }

    /** What {@code --warm-up} did, on one line: passes, time, each pass's rate. */
    static String warmUpPassesLine(WarmUp.Result w) {
        StringBuilder rates = new StringBuilder();
        for (double rate : w.passRates()) {
            rates.append(rates.isEmpty() ? "" : ", ").append(String.format("%,.0f", rate));
        }
        String end = w.settled() ? "the last two agree within " + Math.round(WarmUp.SETTLED * 100) + "%, and with the fastest"
                : "stopped at " + w.passes() + " passes, not settled";
        return String.format("warm-up: %d passes of a generated %,d-message day in %.2f s (msg/s per pass: %s); %s", w.passes(),
                WarmUp.DAY_MESSAGES, w.nanos() / 1e9, rates, end);
    }

    /**
     * The replay's figures as a JSON object (keys: see {@code --json}; steady_msgs_per_s is null on a short day, the
     * warm_up_ figures are null without {@code --warm-up}).
     */
    static String json(ReplayRun.Result r, WarmUp.Result warmed, Path input, String layout, String threads, int threadCount, int shards) {
        ReplayRun.Warmup w = r.warmup();
        StringBuilder b = new StringBuilder("{\n");
        field(b, "input", "\"" + input.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        field(b, "layout", "\"" + layout + "\"");
        field(b, "threads", "\"" + threads + "\"");
        field(b, "thread_count", Integer.toString(threadCount));
        field(b, "shards", Integer.toString(shards));
        field(b, "messages", Long.toString(r.messages()));
        field(b, "wall_s", String.format(java.util.Locale.ROOT, "%.6f", r.wallNanos() / 1e9));
        field(b, "msgs_per_s", String.format(java.util.Locale.ROOT, "%.0f", r.messagesPerSecond()));
        field(b, "jvm_start_to_pipeline_ms", Long.toString(w.jvmToStartMillis()));
        field(b, "time_to_first_message_ms", Long.toString(w.timeToFirstMessageMillis()));
        field(b, "first_window_messages", Long.toString(w.firstWindowMessages()));
        field(b, "first_100k_s", String.format(java.util.Locale.ROOT, "%.6f", w.firstWindowNanos() / 1e9));
        field(b, "first_100k_msgs_per_s", String.format(java.util.Locale.ROOT, "%.0f", w.firstWindowPerSecond()));
        field(b, "steady_from_message", Long.toString(w.steadyFromMessage()));
        field(b, "steady_s", w.hasSteady() ? String.format(java.util.Locale.ROOT, "%.6f", w.steadyNanos() / 1e9) : "null");
        field(b, "steady_msgs_per_s", w.hasSteady() ? String.format(java.util.Locale.ROOT, "%.0f", w.steadyPerSecond()) : "null");
        field(b, "first_100k_vs_steady", w.hasSteady() && w.firstWindowPerSecond() > 0
                ? String.format(java.util.Locale.ROOT, "%.4f", w.firstWindowPerSecond() / w.steadyPerSecond()) : "null");
        field(b, "aot_cache", "\"" + AotCache.status() + "\"");
        field(b, "warm_up_passes", warmed == null ? "null" : Integer.toString(warmed.passes()));
        field(b, "warm_up_s", warmed == null ? "null" : String.format(java.util.Locale.ROOT, "%.6f", warmed.nanos() / 1e9));
        field(b, "warm_up_last_pass_msgs_per_s",
                warmed == null ? "null" : String.format(java.util.Locale.ROOT, "%.0f", warmed.lastPassRate()));
        field(b, "drops", Long.toString(r.totalDrops()));
        field(b, "drained", Boolean.toString(r.drained()));
        b.setLength(b.length() - 2);
        return b.append("\n}\n").toString();
    }

    private static void field(StringBuilder b, String key, String value) {
        b.append("  \"").append(key).append("\": ").append(value).append(",\n");
    }

    private static void printNonZero(PrintWriter out, String title, Map<String, Long> counters) {
        StringBuilder line = new StringBuilder(title).append(':');
        counters.forEach((name, value) -> {
            if (value != 0) {
                line.append(String.format(" %s %,d", name, value));
            }
        });
        out.println(line.length() == title.length() + 1 ? title + ": none" : line);
    }

    private ProgressBar progressBar(ReplayOptions options) {
        if (!progress && !stderrIsTerminal()) {
            return null;
        }
        long estimate;
        try {
            estimate = ProgressEstimate.messages(options.input(), options.format());
        } catch (IOException e) {
            estimate = -1;
        }
        return new ProgressBarBuilder().setTaskName("replay").setInitialMax(estimate).setUnit(" msg", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /** Linux: standard error's descriptor points at a tty or pty. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
