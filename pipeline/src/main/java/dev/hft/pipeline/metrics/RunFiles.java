package dev.hft.pipeline.metrics;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.hft.pipeline.runtime.Counters;

/**
 * Where a live run keeps its counters so another process can find them: {@code /dev/shm/hft/<pid>.counters}
 * (or a file the user names) and a small descriptor {@code /dev/shm/hft/<pid>.run} (properties: pid, start
 * time, topology, counters file). The descriptor is removed when the run's {@link Observability} closes. A run that
 * died without closing (kill -9, a failed start) leaves both behind: the next run removes them ({@link #removeStale}).
 */
public final class RunFiles {

    public static final Path DEFAULT_DIR = Path.of("/dev/shm/hft");

    /** A live (or finished, when its pid is gone) run as its descriptor describes it. */
    public record Run(long pid, Instant started, String topology, Path counters, Path descriptor) {
        /** The run's process is still there: its pid is alive and was not handed to a process started after the run. */
        public boolean alive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(h -> h.info().startInstant().map(start -> !start.isAfter(started)).orElse(true)).orElse(false);
        }
    }

    private static final Map<Counters, Run> RUNS = new ConcurrentHashMap<>();

    private RunFiles() {
    }

    /**
     * Maps the counters of this process's run into {@code file}, or {@code dir/<pid>.counters} when file is
     * null, and writes the descriptor {@code dir/<pid>.run} next to the default location.
     */
    public static Counters mappedCounters(Path dir, Path file, String topology, int capacity) {
        long pid = ProcessHandle.current().pid();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        removeStale(dir);
        Path countersFile = (file != null ? file : dir.resolve(pid + ".counters")).toAbsolutePath();
        Counters counters = Counters.mapped(countersFile, capacity);
        Run run = new Run(pid, Instant.now(), topology, countersFile, dir.resolve(pid + ".run"));
        write(run);
        RUNS.put(counters, run);
        return counters;
    }

    public static Counters mappedCounters(Path file, String topology, int capacity) {
        return mappedCounters(DEFAULT_DIR, file, topology, capacity);
    }

    /** The run these counters were mapped for by {@link #mappedCounters}, or null. */
    static Run runOf(Counters counters) {
        return RUNS.get(counters);
    }

    /**
     * Removes what runs that are gone left in {@code dir}: descriptors whose process is dead, their counters files when
     * they are in {@code dir}, and {@code <pid>.counters} files of dead processes; returns the files removed.
     */
    public static List<Path> removeStale(Path dir) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            try {
                if (name.endsWith(".run")) {
                    Run run = read(f);
                    if (!run.alive()) {
                        if (run.counters().getParent() != null && run.counters().getParent().equals(dir.toAbsolutePath())
                                && Files.deleteIfExists(run.counters())) {
                            removed.add(run.counters());
                        }
                        Files.deleteIfExists(f);
                        removed.add(f);
                    }
                } else if (name.matches("[0-9]+\\.counters")) {
                    long pid = Long.parseLong(name.substring(0, name.indexOf('.')));
                    if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true) && !Files.exists(dir.resolve(pid + ".run"))
                            && Files.deleteIfExists(f)) {
                        removed.add(f);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a file another run is writing or removing right now: left for the next look
            }
        }
        return removed;
    }

    /** Removes the descriptor (the counters file stays for a post-mortem look until the next run replaces it). */
    public static void release(Counters counters) {
        Run run = RUNS.remove(counters);
        if (run != null) {
            try {
                Files.deleteIfExists(run.descriptor());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + run.descriptor(), e);
            }
        }
    }

    private static void write(Run run) {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(run.pid()));
        p.setProperty("started", run.started().toString());
        p.setProperty("topology", run.topology());
        p.setProperty("counters", run.counters().toString());
        try (Writer w = Files.newBufferedWriter(run.descriptor())) {
            p.store(w, "hft run");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.descriptor(), e);
        }
    }

    public static Run read(Path descriptor) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(descriptor)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run descriptor " + descriptor, e);
        }
        String pid = p.getProperty("pid");
        String counters = p.getProperty("counters");
        if (pid == null || counters == null) {
            throw new IllegalArgumentException(descriptor + " is not an hft run descriptor (needs pid and counters)");
        }
        return new Run(Long.parseLong(pid), Instant.parse(p.getProperty("started", Instant.EPOCH.toString())),
                p.getProperty("topology", "?"), Path.of(counters), descriptor);
    }

    /** Every descriptor in {@code dir}, oldest first. */
    public static List<Run> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".run")).forEach(f -> runs.add(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        runs.sort((a, b) -> a.started().compareTo(b.started()));
        return runs;
    }
}
