package dev.hft.cli.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.agrona.IoUtil;

import dev.hft.pipeline.runtime.Counters;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.venue.gen.FeedGenerator;

/**
 * A pre-open warm-up: replays a generated day through a throwaway copy of the replay's own layout (same shards,
 * threads, format and reader) until two passes in a row ran at rates within {@link #SETTLED} of each other and of the
 * fastest pass, so that C2 has compiled the source, the router, the rings and the books before the real input's first
 * message. JDK 25's AOT cache stores classes but no compiled code; this is what gets the compiled code in place.
 *
 * <p>Each pass builds its own pipeline, counters and books, and they are dropped afterwards (one {@code System.gc()}
 * collects them, so the real run's GC count is its own): nothing of a pass reaches the real run but compiled code. The
 * books are sized for at most the day's messages: the order capacity of a 20M-message replay made every pass allocate
 * hundreds of MB that the warm-up day never fills. The generated day is written to a temporary folder, deleted before
 * the real run starts.
 */
public final class WarmUp {

    /** Messages in the generated warm-up day. */
    public static final long DAY_MESSAGES = 300_000;
    /** Symbols in it (as {@code hft gen}'s default). */
    public static final int DAY_SYMBOLS = 500;
    public static final int MIN_PASSES = 3;
    /** Passes {@code hft replay --warm-up} runs at most. */
    public static final int MAX_PASSES = 8;
    /** Two consecutive passes within this fraction of each other's rate, the last within it of the fastest, end the warm-up. */
    public static final double SETTLED = 0.10;

    /**
     * @param nanos      the whole warm-up: the day generated, every pass, the folder deleted, the collection
     * @param passRates  messages per second of each pass (wall clock, pipeline start to end), one per pass run
     * @param settled    the last two passes agreed within {@link #SETTLED}, and the last with the fastest; false: stopped
     *                   at the pass limit
     */
    public record Result(long nanos, double[] passRates, boolean settled) {

        public int passes() {
            return passRates.length;
        }

        public double lastPassRate() {
            return passRates.length == 0 ? 0 : passRates[passRates.length - 1];
        }
    }

    private WarmUp() {
    }

    /**
     * Warms the layout of {@code options} (its input, filters and Mold sessions are replaced by the generated day's),
     * at most {@code maxPasses} passes.
     *
     * @param pcap whether the real input is a pcap: the warm-up then replays the day's pcap with the same reader
     *             ({@code via}), otherwise its BinaryFILE
     */
    public static Result run(ReplayOptions options, boolean pcap, int maxPasses, List<Path> classpath) {
        if (maxPasses < MIN_PASSES) {
            throw new IllegalArgumentException("the warm-up needs at least " + MIN_PASSES + " passes, found " + maxPasses);
        }
        long start = System.nanoTime();
        double[] rates = new double[maxPasses];
        int passes = 0;
        boolean settled = false;
        double fastest = 0;
        try (TempDir dir = new TempDir(Files.createTempDirectory("hft-warm-up-"))) {
            dir.deleteOnExit("day.itch", "day.pcap");
            FeedGenerator.write(new FeedGenerator.Options(DAY_MESSAGES, DAY_SYMBOLS, 1), dir.path, "day");
            ReplayOptions day = new ReplayOptions(dir.path.resolve(pcap ? "day.pcap" : "day.itch"), pcap ? "pcap" : "binaryfile",
                    options.shards(), options.depth(), pcap ? options.via() : "java", options.threads(),
                    (int) Math.min(options.orderCapacity(), DAY_MESSAGES), List.of(), 1, options.layout());
            while (passes < maxPasses && !settled) {
                ReplayRun.Result pass = ReplayRun.run(day, classpath, new Counters(PipelineBuilder.COUNTER_CAPACITY), n -> { });
                if (pass.exitCode() != 0 || !pass.drained() || pass.messages() != DAY_MESSAGES) {
                    throw new IllegalStateException("warm-up pass " + (passes + 1) + " replayed " + pass.messages() + " of "
                            + DAY_MESSAGES + " messages (exit " + pass.exitCode() + ", drained " + pass.drained() + ")\n" + pass.summary());
                }
                rates[passes++] = pass.messagesPerSecond();
                fastest = Math.max(fastest, rates[passes - 1]);
                // two slow passes can agree too (a pass can also dip on a busy machine): the last must be near the best
                settled = passes >= MIN_PASSES
                        && Math.abs(rates[passes - 1] - rates[passes - 2]) <= SETTLED * Math.max(rates[passes - 1], rates[passes - 2])
                        && rates[passes - 1] >= (1 - SETTLED) * fastest;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("warm-up: cannot write or delete the generated day: " + e.getMessage(), e);
        }
        System.gc();
        return new Result(System.nanoTime() - start, Arrays.copyOf(rates, passes), settled);
    }

    /** The generated day's folder, deleted with everything in it on close. */
    private record TempDir(Path path) implements AutoCloseable {

        /**
         * Also at the JVM's exit (the folder, then these files in it, so the files go first): a SIGTERM during the
         * warm-up ends the process without running {@link #close()}.
         */
        void deleteOnExit(String... files) {
            path.toFile().deleteOnExit();
            for (String file : files) {
                path.resolve(file).toFile().deleteOnExit();
            }
        }

        @Override
        public void close() throws IOException {
            IoUtil.delete(path.toFile(), false); // rethrows the IOException of a file it cannot delete
        }
    }
}
