package dev.hft.cli.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.agrona.concurrent.status.CountersReader;

import dev.hft.pipeline.runtime.Pipeline;

/**
 * The warm-up figures of {@code replay} and {@code run} ({@link ReplayRun.Warmup}): the calling thread waits for the
 * pipeline while reading the book stages' message counters (messages through the whole pipeline), every
 * {@link ReplayRun#FINE_POLL} until {@link ReplayRun#FIRST_WINDOW} messages are through, then every
 * {@link ReplayRun#POLL}. A day-long watch ({@code run}) reads finely for at most the first 10 s and once a second
 * after the first minute, so a 6.5-hour trading day keeps under 40,000 readings.
 */
public final class BookWatch {

    private static final long FINE_FOR = 10_000_000_000L;
    private static final long FIRST_MINUTE = 60_000_000_000L;
    private static final Duration SLOW_POLL = Duration.ofSeconds(1);

    private final Pipeline pipeline;
    private final long start;
    private final boolean dayLong;
    private final CountersReader reader;
    private final List<Integer> bookMessages = new ArrayList<>();
    private final ReplayRun.Samples samples = new ReplayRun.Samples();
    private long through;

    /** Before the pipeline starts, at {@code start} ({@link System#nanoTime()}). */
    public BookWatch(Pipeline pipeline, long start, boolean dayLong) {
        this.pipeline = pipeline;
        this.start = start;
        this.dayLong = dayLong;
        this.reader = pipeline.counters().reader();
        Set<String> books = new HashSet<>();
        for (String role : pipeline.roles()) {
            if (BookSnapshot.booksOf(pipeline.stage(role)) != null) {
                books.add(role + ".messages");
            }
        }
        reader.forEach((value, id, label) -> {
            if (books.contains(label)) {
                bookMessages.add(id);
            }
        });
        samples.add(start, 0);
    }

    /**
     * Waits until the pipeline is complete or {@code limit} (null: none) has passed, running {@code atPollPace} at most
     * once every {@link ReplayRun#POLL} while it waits; true when the pipeline completed.
     */
    public boolean await(Duration limit, Runnable atPollPace) {
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        long paced = start;
        while (true) {
            long now = System.nanoTime();
            long running = now - start;
            Duration poll = through < ReplayRun.FIRST_WINDOW && (!dayLong || running < FINE_FOR) ? ReplayRun.FINE_POLL
                    : !dayLong || running < FIRST_MINUTE ? ReplayRun.POLL : SLOW_POLL;
            if (limit != null && deadline - now < poll.toNanos()) {
                poll = Duration.ofNanos(Math.max(1, deadline - now));
            }
            boolean complete = pipeline.awaitCompletion(poll);
            read();
            if (complete) {
                return true;
            }
            if (System.nanoTime() - paced >= ReplayRun.POLL.toNanos()) {
                paced = System.nanoTime();
                atPollPace.run();
            }
            if (limit != null && System.nanoTime() - deadline >= 0) {
                return false;
            }
        }
    }

    /** The figures, after a last reading taken now; the first window of a short feed is every message through. */
    public ReplayRun.Warmup warmup(long jvmToStartMillis) {
        read();
        return samples.warmup(jvmToStartMillis, start, through);
    }

    /**
     * The figures, after a last reading taken now.
     *
     * @param routed the messages the source routed: the first window of a short day (see {@link ReplayRun.Samples#warmup})
     */
    public ReplayRun.Warmup warmup(long jvmToStartMillis, long routed) {
        read();
        return samples.warmup(jvmToStartMillis, start, routed);
    }

    private void read() {
        long sum = 0;
        for (int id : bookMessages) {
            sum += reader.getCounterValue(id);
        }
        through = sum;
        samples.add(System.nanoTime(), sum);
    }
}
