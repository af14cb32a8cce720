package dev.hft.bench.harness;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hft.book.BookDecoder;
import dev.hft.book.OrderBook;
import dev.hft.book.OrderBooks;
import dev.hft.wire.net.BigEndian;

/**
 * The Java decode + book ({@link BookDecoder} into {@link OrderBooks}) against the C reference
 * {@code bench/src/main/c/itch_book_ref.c} (gcc, compiled here) on the same BinaryFILE. Both rebuild the books
 * from empty each round over the file already in memory and report the same totals, which must agree before any
 * time is compared.
 */
public final class BookVsC {

    /** What both implementations must agree on after a whole file. */
    public record Totals(long messages, long liveOrders, long restingShares, long levels, long executedShares) {
    }

    /**
     * Totals, and the nanoseconds of each round: wall clock, and CPU time of the replaying thread (which leaves out
     * the time the thread was descheduled, on a machine shared with other work).
     */
    public record Run(Totals totals, long[] roundNanos, long[] roundCpuNanos) {
        public double bestNsPerMessage() {
            return best(roundNanos);
        }

        public double medianNsPerMessage() {
            return median(roundNanos);
        }

        public double bestCpuNsPerMessage() {
            return best(roundCpuNanos);
        }

        public double medianCpuNsPerMessage() {
            return median(roundCpuNanos);
        }

        /** The rounds of both runs (same totals), in order. */
        public Run and(Run more) {
            if (!totals.equals(more.totals)) {
                throw new IllegalStateException("different totals: " + totals + " and " + more.totals);
            }
            return new Run(totals, concat(roundNanos, more.roundNanos), concat(roundCpuNanos, more.roundCpuNanos));
        }

        private double best(long[] nanos) {
            return (double) Arrays.stream(nanos).min().orElseThrow() / totals.messages();
        }

        private double median(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return (double) sorted[sorted.length / 2] / totals.messages();
        }

        private static long[] concat(long[] a, long[] b) {
            long[] all = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }

    private BookVsC() {
    }

    /**
     * The Java book's order capacity when none is given: twice the file's records at the shortest add (36 bytes with its
     * length), so a day never grows the pool inside a round, up to {@link #MAX_DEFAULT_ORDER_CAPACITY}.
     */
    public static int defaultOrderCapacity(long fileBytes) {
        return (int) Math.min(MAX_DEFAULT_ORDER_CAPACITY, Math.max(1024, 2 * (fileBytes / 36 + 1)));
    }

    /**
     * 8M resting orders, about 640 MB of book: more than a generated day (or a NASDAQ day) keeps resting at once, and it
     * fits the launcher's 2 GB heap; twice the records of a 50M-message day would not fit in 8 GB. A day that needs more
     * grows the pool inside a round.
     */
    public static final int MAX_DEFAULT_ORDER_CAPACITY = 8_000_000;

    /** Runs the Java path {@code rounds} times over {@code file}, with the books sized by {@link #defaultOrderCapacity}. */
    public static Run java(Path file, int rounds) throws IOException {
        return java(file, rounds, defaultOrderCapacity(Files.size(file)));
    }

    /** Runs the Java path {@code rounds} times over {@code file}, the books sized for {@code capacity} resting orders. */
    public static Run java(Path file, int rounds, int capacity) throws IOException {
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment data = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] nanos = new long[rounds];
            long[] cpuNanos = new long[rounds];
            Totals totals = null;
            for (int round = 0; round < rounds; round++) {
                OrderBooks books = OrderBooks.withOrderCapacity(capacity);
                BookDecoder decoder = new BookDecoder(books);
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                replay(data, decoder);
                nanos[round] = System.nanoTime() - start;
                cpuNanos[round] = threads.getCurrentThreadCpuTime() - cpu;
                totals = totals(decoder, books);
            }
            return new Run(totals, nanos, cpuNanos);
        }
    }

    private static void replay(MemorySegment data, BookDecoder decoder) {
        long size = data.byteSize();
        long offset = 0;
        while (offset + 2 <= size) {
            int length = BigEndian.u16(data, offset);
            if (length == 0 || offset + 2 + length > size) {
                break;
            }
            decoder.decode(data, offset + 2, length);
            offset += 2 + length;
        }
    }

    static Totals totals(BookDecoder decoder, OrderBooks books) {
        long[] sums = new long[3];
        books.forEachBook(book -> {
            sums[2] += book.executedShares();
            for (int side = OrderBook.BID; side <= OrderBook.ASK; side++) {
                int count = book.levelCount(side);
                sums[1] += count;
                for (int rank = 0; rank < count; rank++) {
                    sums[0] += book.shares(side, rank);
                }
            }
        });
        return new Totals(decoder.messages(), books.liveOrders(), sums[0], sums[1], sums[2]);
    }

    /** Compiles {@code source} with {@code gcc -O2} into {@code workDir}; returns the binary. */
    public static Path compile(Path source, Path workDir) throws IOException, InterruptedException {
        return compile(source, workDir, List.of("-O2"));
    }

    /** Compiles {@code source} with gcc and {@code flags} into {@code workDir}; returns the binary. */
    public static Path compile(Path source, Path workDir, List<String> flags) throws IOException, InterruptedException {
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("C reference source not found: " + source.toAbsolutePath()
                    + " (run from the repository root or pass --c-source)");
        }
        Path binary = workDir.resolve("itch_book_ref");
        List<String> command = new ArrayList<>(List.of("gcc"));
        command.addAll(flags);
        command.addAll(List.of("-Wall", "-o", binary.toString(), source.toString()));
        exec(command);
        return binary;
    }

    /** Compiles {@code source} with gcc -O2 into {@code workDir} and runs it {@code rounds} times over {@code file}. */
    public static Run c(Path source, Path workDir, Path file, int rounds) throws IOException, InterruptedException {
        return c(compile(source, workDir), file, rounds);
    }

    /** Runs the compiled C reference {@code rounds} times over {@code file}. */
    public static Run c(Path binary, Path file, int rounds) throws IOException, InterruptedException {
        String out = exec(List.of(binary.toString(), file.toString(), Integer.toString(rounds)));
        List<Long> nanos = new ArrayList<>();
        List<Long> cpuNanos = new ArrayList<>();
        long[] t = new long[5];
        List<String> keys = List.of("messages", "live_orders", "resting_shares", "levels", "executed_shares");
        for (String line : out.split("\n")) {
            String[] kv = line.trim().split(" ");
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("round_ns")) {
                nanos.add(Long.parseLong(kv[1]));
            } else if (kv[0].equals("round_cpu_ns")) {
                cpuNanos.add(Long.parseLong(kv[1]));
            } else if (keys.contains(kv[0])) {
                t[keys.indexOf(kv[0])] = Long.parseLong(kv[1]);
            }
        }
        if (nanos.size() != rounds || cpuNanos.size() != rounds) {
            throw new IllegalStateException("C reference printed " + nanos.size() + " rounds, expected " + rounds + ":\n" + out);
        }
        return new Run(new Totals(t[0], t[1], t[2], t[3], t[4]), nanos.stream().mapToLong(Long::longValue).toArray(),
                cpuNanos.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * The figures of a comparison as a JSON-ready map: {@code java_best_ns_per_msg}, {@code java_median_ns_per_msg},
     * {@code c_best_ns_per_msg}, {@code c_median_ns_per_msg} (wall clock), the same from thread CPU time
     * ({@code java_cpu_best_ns_per_msg}, ...), the ratios, the totals and every round.
     */
    public static Map<String, Object> json(Path file, long fileBytes, Run java, Run c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file.toString());
        json.put("file_bytes", fileBytes);
        json.put("java_best_ns_per_msg", java.bestNsPerMessage());
        json.put("java_median_ns_per_msg", java.medianNsPerMessage());
        json.put("c_best_ns_per_msg", c.bestNsPerMessage());
        json.put("c_median_ns_per_msg", c.medianNsPerMessage());
        json.put("ratio_best", java.bestNsPerMessage() / c.bestNsPerMessage());
        json.put("ratio_median", java.medianNsPerMessage() / c.medianNsPerMessage());
        json.put("java_cpu_best_ns_per_msg", java.bestCpuNsPerMessage());
        json.put("java_cpu_median_ns_per_msg", java.medianCpuNsPerMessage());
        json.put("c_cpu_best_ns_per_msg", c.bestCpuNsPerMessage());
        json.put("c_cpu_median_ns_per_msg", c.medianCpuNsPerMessage());
        Totals t = java.totals();
        json.put("messages", t.messages());
        json.put("live_orders", t.liveOrders());
        json.put("resting_shares", t.restingShares());
        json.put("levels", t.levels());
        json.put("executed_shares", t.executedShares());
        json.put("java_round_ns", java.roundNanos());
        json.put("c_round_ns", c.roundNanos());
        json.put("java_round_cpu_ns", java.roundCpuNanos());
        json.put("c_round_cpu_ns", c.roundCpuNanos());
        return json;
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
