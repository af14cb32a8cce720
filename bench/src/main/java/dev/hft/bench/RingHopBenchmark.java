package dev.hft.bench;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Disruptor 4 ring hop cost, the rings the runtime puts between stages (single producer, preallocated events).
 *
 * <ul>
 *   <li>{@code samethread}: publish one event and poll it back on the same thread (the cost a stage pays per event
 *       when two stages are stepped on one thread).</li>
 *   <li>{@code pingpong}: round trip benchmark thread -> ring A -> echo thread -> ring B -> benchmark thread. One hop
 *       is half the reported time. Exactly two busy threads (this machine has two cores).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RingHopBenchmark {

    /** The event carried: one long, as a stage's event carries a few fields. */
    public static final class Slot {
        long value;
    }

    static final int SIZE = 1024;

    private static RingBuffer<Slot> ring() {
        return RingBuffer.createSingleProducer(Slot::new, SIZE);
    }

    /** Hands out the value of one polled event; reused so polling does not allocate. */
    static final class Taker implements EventPoller.Handler<Slot> {
        long last = -1;

        @Override
        public boolean onEvent(Slot event, long sequence, boolean endOfBatch) {
            last = event.value;
            return false;
        }
    }

    @State(Scope.Thread)
    public static class SameThread {
        RingBuffer<Slot> ring;
        EventPoller<Slot> poller;
        final Taker taker = new Taker();
        long counter;

        @Setup(Level.Trial)
        public void setUp() {
            ring = ring();
            poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
        }
    }

    @Benchmark
    public long samethread(SameThread s) throws Exception {
        long seq = s.ring.next();
        s.ring.get(seq).value = ++s.counter;
        s.ring.publish(seq);
        s.poller.poll(s.taker);
        return s.taker.last;
    }

    @State(Scope.Benchmark)
    public static class PingPong {
        RingBuffer<Slot> out;
        RingBuffer<Slot> back;
        EventPoller<Slot> backPoller;
        final Taker taker = new Taker();
        long counter;
        volatile boolean running;
        Thread echo;

        @Setup(Level.Trial)
        public void setUp() {
            out = ring();
            back = ring();
            EventPoller<Slot> outPoller = out.newPoller();
            out.addGatingSequences(outPoller.getSequence());
            backPoller = back.newPoller();
            back.addGatingSequences(backPoller.getSequence());
            running = true;
            echo = new Thread(() -> {
                EventPoller.Handler<Slot> relay = (event, sequence, endOfBatch) -> {
                    long s = back.next();
                    back.get(s).value = event.value;
                    back.publish(s);
                    return true;
                };
                try {
                    while (running) {
                        if (outPoller.poll(relay) != EventPoller.PollState.PROCESSING) {
                            Thread.onSpinWait();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "ring-echo");
            echo.setDaemon(true);
            echo.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            running = false;
            echo.join(5_000);
        }
    }

    @Benchmark
    public long pingpong(PingPong p) throws Exception {
        long want = ++p.counter;
        long seq = p.out.next();
        p.out.get(seq).value = want;
        p.out.publish(seq);
        while (true) {
            p.backPoller.poll(p.taker);
            if (p.taker.last == want) {
                return want;
            }
            Thread.onSpinWait();
        }
    }
}
