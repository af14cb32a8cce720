package dev.hft.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.hft.pipeline.runtime.Counters;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;

/**
 * {@code hft run}: validate, build, start (printing machine, threads and pinning), run until the sources are
 * exhausted or {@code --duration} passes, stop with a drain, print the summary. Exit 0 clean, 1 halted or not
 * drained, 2 for a topology or command line to fix.
 */
@Command(name = "run", description = "Run a topology until its sources are exhausted (or for --duration), then print a summary.")
final class RunCommand implements Callable<Integer> {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

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
            description = "Keep the counters in this memory-mapped file (e.g. /dev/shm/hft.counters) so another process can read them live.")
    java.nio.file.Path countersFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Catalog catalog = Catalog.installed();
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        overrides.replaceAll((key, value) -> String.valueOf(TopologyLoader.resolvePath(key.substring(key.indexOf('.') + 1), value, cwd)));
        Topology t = topologyOption.load(out::println);
        if (t.report().hasErrors() && topologyOption.isDefault() && Placeholders.onlyMissingKinds(t)) {
            out.println("the default topology needs kinds that are not installed:");
            t.report().errors().forEach(p -> out.println("  " + p.message()));
            out.println("running the same layout with placeholder kinds instead (synthetic events; --set <stage>.events=N)");
            t = Placeholders.substitute(t, catalog);
        }
        if (t.report().hasErrors()) {
            err.println(t.report().format());
            return Main.USAGE;
        }
        t.report().warnings().forEach(w -> out.println(w));
        Counters counters = countersFile == null ? new Counters(PipelineBuilder.COUNTER_CAPACITY)
                : Counters.mapped(countersFile, PipelineBuilder.COUNTER_CAPACITY);
        if (countersFile != null) {
            out.println("counters: " + countersFile.toAbsolutePath());
        }
        Pipeline pipeline = PipelineBuilder.build(t, overrides, catalog, counters);
        CountDownLatch reported = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            pipeline.stop(STOP_TIMEOUT);
            awaitQuietly(reported);
        }, "hft-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        pipeline.start().forEach(out::println);
        out.flush();
        boolean finished = pipeline.awaitCompletion(duration != null ? duration : Duration.ofDays(3650));
        if (!finished) {
            out.println("stopping after " + duration + ": sources stop, everything published drains");
            finished = pipeline.stop(STOP_TIMEOUT);
        }
        out.print(pipeline.summary());
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
        return pipeline.exitCode() != 0 || !pipeline.drained() ? 1 : 0;
    }

    /** Lets Ctrl-C's shutdown hook hold the JVM until the main thread has printed the drained summary. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
