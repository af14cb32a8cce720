package dev.hft.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.hft.bench.harness.BookVsC;
import dev.hft.bench.harness.LatencyReport;
import dev.hft.bench.harness.LoopbackFeed;
import dev.hft.venue.gen.FeedGenerator;

/** {@code hft bench}: the JMH suite and the Java-vs-C decode+book baseline (see bench/README.md). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: `jmh [FILTER]`, `book-vs-c`, `e2e`, `e2e-pipeline`, `t2t`. Run from the repository root.",
        subcommands = {BenchCommand.Jmh.class, BenchCommand.BookVsCCommand.class, BenchCommand.E2e.class,
                dev.hft.cli.bench.E2ePipelineCommand.class, dev.hft.cli.bench.TickToTradeCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the JMH jar of bench/ in a child JVM (forks and heap are fixed by each benchmark's annotations). */
    @Command(name = "jmh", mixinStandardHelpOptions = true, description = "Run the JMH suite (or the benchmarks matching FILTER) with -prof gc; JSON to bench/results/.")
    static final class Jmh implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "FILTER", description = "JMH include regex (default: all).")
        String filter;

        @Option(names = "--quick", description = "1 warmup and 1 measurement iteration of 300 ms (checks the suite runs; not a figure).")
        boolean quick;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path target = Path.of("bench", "target");
            Path jar;
            try (var files = Files.list(target)) {
                jar = files.filter(p -> p.getFileName().toString().matches("hft-bench-.*\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no bench jar under " + target.toAbsolutePath()
                                + ": run ./mvnw -o -q -pl bench install -DskipTests from the repository root"));
            }
            Path results = Path.of("bench", "results");
            Files.createDirectories(results);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", jar + File.pathSeparator + target.resolve("lib") + File.separator + "*", "org.openjdk.jmh.Main"));
            if (filter != null) {
                command.add(filter);
            }
            command.addAll(List.of("-prof", "gc", "-rf", "json", "-rff", results.resolve("jmh.json").toString()));
            if (quick) {
                command.addAll(List.of("-wi", "1", "-i", "1", "-w", "300ms", "-r", "300ms"));
            }
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }

    /**
     * Runs the Java decode+book and the C reference over a day (generated, or {@code --input}), checks the totals
     * agree, prints the ratio; {@code --json} writes the figures.
     */
    @Command(name = "book-vs-c", mixinStandardHelpOptions = true, description = "Java ITCH decode + L3 book vs a gcc -O2 C reference on the same file (generated, or --input).")
    static final class BookVsCCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", paramLabel = "FILE", description = "An ITCH 5.0 BinaryFILE (2-byte length + message) to run on instead of a generated day.")
        Path input;

        @Option(names = "--messages", defaultValue = "5000000", description = "Messages in the generated day (default: ${DEFAULT-VALUE}).")
        long messages;

        @Option(names = "--symbols", defaultValue = "500", description = "Symbols (default: ${DEFAULT-VALUE}).")
        int symbols;

        @Option(names = "--rounds", defaultValue = "7", description = "Replays of the file per implementation and repeat (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--repeat", defaultValue = "1", description = "Runs C then Java this many times, alternating; best and median over all rounds (default: ${DEFAULT-VALUE}).")
        int repeat;

        @Option(names = "--order-capacity", paramLabel = "N",
                description = "Resting orders the Java book is sized for (default: twice the file's records, at most "
                        + BookVsC.MAX_DEFAULT_ORDER_CAPACITY + "; a day that needs more grows the pool, as the books do in a replay).")
        Integer orderCapacity;

        @Option(names = "--c-source", defaultValue = "bench/src/main/c/itch_book_ref.c", description = "The C reference.")
        Path source;

        @Option(names = "--gcc-flags", defaultValue = "-O2", split = " ", description = "gcc optimisation flags, space separated (default: ${DEFAULT-VALUE}).")
        List<String> gccFlags;

        @Option(names = "--json", paramLabel = "OUT", description = "Also write the figures, totals and every round as JSON.")
        Path json;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (rounds < 1 || repeat < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rounds and --repeat must be at least 1");
            }
            if (orderCapacity != null && orderCapacity < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--order-capacity must be at least 1");
            }
            if (input != null && !Files.isRegularFile(input)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--input " + input + " is not a file");
            }
            Path dir = Files.createTempDirectory("hft-bench-");
            try {
                Path file;
                String what;
                if (input != null) {
                    file = input;
                    what = "file: " + input;
                } else {
                    FeedGenerator.write(new FeedGenerator.Options(messages, symbols, 1L), dir, "day");
                    file = dir.resolve("day.itch");
                    what = "file: " + messages + " generated messages, " + symbols + " symbols, seed 1";
                }
                Path binary = BookVsC.compile(source, dir, gccFlags);
                BookVsC.Run c = null;
                BookVsC.Run java = null;
                for (int r = 0; r < repeat; r++) {
                    BookVsC.Run cRun = BookVsC.c(binary, file, rounds);
                    BookVsC.Run javaRun = BookVsC.java(file, rounds,
                            orderCapacity != null ? orderCapacity : BookVsC.defaultOrderCapacity(Files.size(file)));
                    c = c == null ? cRun : c.and(cRun);
                    java = java == null ? javaRun : java.and(javaRun);
                }
                out.println(what + ", " + Files.size(file) + " bytes");
                out.println("java totals: " + java.totals());
                out.println("C    totals: " + c.totals());
                if (!java.totals().equals(c.totals())) {
                    out.println("MISMATCH: the two books disagree; no time is reported");
                    return 1;
                }
                out.printf("java decode+book: median %.1f ns/msg, best %.1f ns/msg (%d rounds x %d, the first of each includes JIT warm-up)%n",
                        java.medianNsPerMessage(), java.bestNsPerMessage(), rounds, repeat);
                out.printf("C    decode+book: median %.1f ns/msg, best %.1f ns/msg (gcc %s)%n", c.medianNsPerMessage(),
                        c.bestNsPerMessage(), String.join(" ", gccFlags));
                out.printf("ratio java/C: median %.2f, best %.2f%n", java.medianNsPerMessage() / c.medianNsPerMessage(),
                        java.bestNsPerMessage() / c.bestNsPerMessage());
                out.printf("thread CPU time (leaves out descheduling): java median %.1f, best %.1f; C median %.1f, best %.1f ns/msg; ratio median %.2f, best %.2f%n",
                        java.medianCpuNsPerMessage(), java.bestCpuNsPerMessage(), c.medianCpuNsPerMessage(), c.bestCpuNsPerMessage(),
                        java.medianCpuNsPerMessage() / c.medianCpuNsPerMessage(), java.bestCpuNsPerMessage() / c.bestCpuNsPerMessage());
                out.printf("java books sized for 1,000,000 resting orders: %.1f MiB (OrderBooks.footprintBytes)%n",
                        dev.hft.book.OrderBooks.withOrderCapacity(1_000_000).footprintBytes() / (1024.0 * 1024.0));
                if (json != null) {
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(),
                            BookVsC.json(file, Files.size(file), java, c));
                    out.println("json: " + json);
                }
                return 0;
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        }
    }

    /**
     * Steps the send rate of {@link LoopbackFeed} (wire-to-book over kernel UDP loopback, latency from planned send
     * times) until a step loses packets or its p99 passes {@code --p99-limit-us}; writes the text summary and the chart.
     */
    @Command(name = "e2e", mixinStandardHelpOptions = true, description = "Wire-to-book latency over kernel UDP (loopback or a veth pair) at stepped rates (planned send times, HdrHistogram, GC count).")
    static final class E2e implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rates", split = ",", defaultValue = "10000,20000,50000,100000,200000,300000,500000",
                description = "Packets per second, stepped in order (default: ${DEFAULT-VALUE}).")
        List<Integer> rates;

        @Option(names = "--seconds", defaultValue = "3", description = "Seconds per step (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--p99-limit-us", defaultValue = "2000", description = "A step whose p99 passes this has blown up (default: ${DEFAULT-VALUE}).")
        double p99LimitUs;

        @Option(names = "--smoke", description = "Two tiny steps (a few seconds in all): checks the harness and writes the report.")
        boolean smoke;

        @Option(names = "--link", defaultValue = "loopback",
                description = "loopback (127.0.0.1) or veth (sender in a network namespace it creates and removes; root). Default: ${DEFAULT-VALUE}.")
        String link;

        @Option(names = "--out", description = "Chart file (default: bench/results/e2e-LINK.html).")
        Path out;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter w = spec.commandLine().getOut();
            if (!link.equals("loopback") && !link.equals("veth")) {
                throw new IllegalArgumentException("--link must be loopback or veth, not " + link);
            }
            if (out == null) {
                out = Path.of("bench", "results", "e2e-" + link + ".html");
            }
            if (link.equals("veth")) {
                try (dev.hft.bench.harness.VethPair veth = dev.hft.bench.harness.VethPair.create()) {
                    return steps(w, veth);
                }
            }
            return steps(w, null);
        }

        private int steps(PrintWriter w, dev.hft.bench.harness.VethPair veth) throws IOException, InterruptedException {
            List<Integer> stepRates = smoke ? List.of(2_000, 5_000) : rates;
            double stepSeconds = smoke ? 0.4 : seconds;
            LoopbackFeed.run(stepRates.get(0), (int) Math.max(1000, stepRates.get(0) * stepSeconds), veth); // warm-up, discarded
            List<LoopbackFeed.Step> steps = new ArrayList<>();
            int held = 0;
            for (int rate : stepRates) {
                LoopbackFeed.Step step = LoopbackFeed.run(rate, (int) Math.max(1000, rate * stepSeconds), veth);
                steps.add(step);
                boolean blownUp = step.latency().histogram().getValueAtPercentile(99) > p99LimitUs * 1000;
                if (!step.lossless() || blownUp) {
                    if (smoke) {
                        continue;
                    }
                    break;
                }
                held = rate;
            }
            String summary = LatencyReport.text(steps);
            w.println("link: " + link);
            w.print(summary);
            w.println("highest rate held without loss and with p99 <= " + p99LimitUs + " us: " + (held == 0 ? "none" : held + " packets/s"));
            String path = veth == null ? "kernel UDP over 127.0.0.1" : "kernel UDP over a veth pair (sender in a network namespace)";
            LatencyReport.html(out, "hft wire-to-book latency, " + path,
                    "MoldUDP64 packets (add + delete) sent at planned times over " + path + "; latency = receipt, decode and book"
                            + " update done minus the planned send time (no coordinated omission). " + stepSeconds
                            + " s per step. Highest rate held: " + (held == 0 ? "none" : held + "/s") + ".", steps);
            w.println("chart: " + out.toAbsolutePath());
            return 0;
        }
    }
}
