package dev.hft.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.agrona.concurrent.status.CountersReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.hft.cli.stats.StatsTable;
import dev.hft.pipeline.metrics.HealthCheck;
import dev.hft.pipeline.metrics.RunFiles;
import dev.hft.pipeline.metrics.Snapshot;
import dev.hft.pipeline.runtime.Counters;

/** {@code hft stats}: a live table of another process's counters, or a health check of them. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Live counters of a running pipeline, read from its memory-mapped counters file.",
                "Without --pid or --file: the newest live run under --dir."})
public final class StatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pid", paramLabel = "P", description = "The run of this process (its descriptor under --dir).")
    Long pid;

    @Option(names = "--file", paramLabel = "F", description = "A counters file (run --counters F).")
    Path file;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where runs leave descriptors (default: ${DEFAULT-VALUE}).")
    Path dir = RunFiles.DEFAULT_DIR;

    @Option(names = "--interval", paramLabel = "D", converter = DurationConverter.class,
            description = "Time between reads, e.g. 1s, 500ms (default: 1s).")
    Duration interval = Duration.ofSeconds(1);

    @Option(names = "--once", description = "Print one table (over one interval) and exit.")
    boolean once;

    @Option(names = "--check", description = "Exit 1 (saying why) if a stage stalled over the interval, a ring is full or a feed has an unrecovered gap; 0 when healthy.")
    boolean check;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path countersFile = locate(err);
        if (countersFile == null) {
            return Main.USAGE;
        }
        CountersReader reader = Counters.openReader(countersFile);
        Snapshot before = Snapshot.read(reader, System.nanoTime());
        if (check) {
            Thread.sleep(interval.toMillis());
            List<String> problems = HealthCheck.problems(before, Snapshot.read(reader, System.nanoTime()));
            problems.forEach(p -> out.println("UNHEALTHY: " + p));
            if (problems.isEmpty()) {
                out.println("healthy: " + before.stages().size() + " stages, " + before.rings().size() + " rings");
            }
            out.flush();
            return problems.isEmpty() ? 0 : 1;
        }
        boolean terminal = System.console() != null && !once;
        while (true) {
            Thread.sleep(interval.toMillis());
            Snapshot after = Snapshot.read(reader, System.nanoTime());
            if (terminal) {
                out.print("\033[H\033[2J");
            }
            out.println(countersFile + "  every " + interval.toMillis() + " ms");
            StatsTable.lines(before, after).forEach(out::println);
            out.flush();
            if (once || (pid != null && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
                return 0;
            }
            before = after;
        }
    }

    private Path locate(PrintWriter err) {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                err.println("hft stats: no counters file " + file);
                return null;
            }
            return file;
        }
        List<RunFiles.Run> runs = RunFiles.list(dir);
        if (pid != null) {
            return runs.stream().filter(r -> r.pid() == pid && r.alive()).map(RunFiles.Run::counters).findFirst().orElseGet(() -> {
                err.println("hft stats: no live run of pid " + pid + " under " + dir + " (a finished run's counters: --file)");
                return null;
            });
        }
        List<RunFiles.Run> live = runs.stream().filter(RunFiles.Run::alive).toList();
        if (live.isEmpty()) {
            err.println("hft stats: no live run under " + dir + " (use --pid or --file)");
            return null;
        }
        return live.get(live.size() - 1).counters();
    }
}
