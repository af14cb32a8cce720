package dev.hft.bench;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.lmax.disruptor.RingBuffer;

import dev.hft.book.BookAnomaly;
import dev.hft.book.BookShardStage;
import dev.hft.book.OrderBook;
import dev.hft.book.OrderBooks;
import dev.hft.events.BookEvent;
import dev.hft.events.ItchEvent;
import dev.hft.pipeline.Ring;
import dev.hft.wire.itch.ItchEncoder;

/**
 * Cost of one L3 book update on the 2019-12-30 day's book-message mix:
 * A+F 118.6M, D 114.4M, U 21.6M, E 5.7M, X 2.8M, P 1.2M, C 0.1M (shared/data/README.md). {@value #SYMBOLS}
 * hot symbols hold {@code livePerSymbol} resting orders each, kept steady (an add past +5% becomes a delete, a
 * delete below -5% an add). Prices sit an exponential number of ticks (mean 8) behind each symbol's mid, which
 * drifts a tick now and then; deletes, replaces, executions and cancels hit a uniformly drawn live order.
 * The draws are precomputed; the benchmark's own bookkeeping is a few array reads and writes per update.
 * One operation is one book update. After each run every anomaly counter must be 0 (all updates were valid).
 *
 * <p>{@code path=books}: calls on {@link OrderBooks} (the book alone, after decode). {@code path=stage}: each
 * update is encoded as ITCH into a ring event and handed to a {@link BookShardStage} (decode, apply, coalesced
 * TOP/DEPTH/TRADE publication to a 1024-slot ring nobody consumes, END_OF_PACKET every 8 messages); the
 * encoding (a few stores) is included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-XX:+EnableDynamicAgentLoading"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BookBenchmark {

    static final int SYMBOLS = 8;
    static final int BATCH = 1024;
    private static final int PLAN = 1 << 16;
    private static final int TICK = 100;

    private static final byte ADD = 0;
    private static final byte DELETE = 1;
    private static final byte REPLACE = 2;
    private static final byte EXECUTE = 3;
    private static final byte CANCEL = 4;
    private static final byte TRADE = 5;
    private static final byte EXECUTE_WITH_PRICE = 6;
    private static final long[] MIX = {118_631_456, 114_360_997, 21_639_067, 5_722_824, 2_787_676, 1_218_602, 99_917};

    @Param({"4000"})
    public int livePerSymbol;

    @Param({"books", "stage"})
    public String path;

    private final byte[] kinds = new byte[PLAN];
    private final int[] picks = new int[PLAN];
    private final int[] offsets = new int[PLAN];
    private final int[] sizes = new int[PLAN];
    private final long[] mids = new long[SYMBOLS + 1];

    private OrderBooks books;
    private Sink sink;
    private long[] liveRef;
    private int[] liveLocate;
    private int[] liveSide;
    private long[] liveShares;
    private int live;
    private int low;
    private int high;
    private long nextRef = 1;
    private int cursor;

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(20191230L);
        long total = 0;
        for (long count : MIX) {
            total += count;
        }
        for (int i = 0; i < PLAN; i++) {
            long draw = random.nextLong(total);
            byte kind = 0;
            while (draw >= MIX[kind]) {
                draw -= MIX[kind];
                kind++;
            }
            kinds[i] = kind;
            picks[i] = random.nextInt(Integer.MAX_VALUE);
            offsets[i] = (int) Math.min(200, -Math.log(1 - random.nextDouble()) * 8);
            sizes[i] = 100 * (1 + random.nextInt(10));
        }
        int target = SYMBOLS * livePerSymbol;
        low = target * 95 / 100;
        high = target * 105 / 100;
        liveRef = new long[high + 1];
        liveLocate = new int[high + 1];
        liveSide = new int[high + 1];
        liveShares = new long[high + 1];
        books = OrderBooks.withOrderCapacity(2 * target);
        for (int locate = 1; locate <= SYMBOLS; locate++) {
            books.stockDirectory(locate, 0x5359_4D20_2020_2020L + locate);
            mids[locate] = 1_000_000 + 50_000L * locate;
        }
        sink = path.equals("stage") ? new StageSink(books) : new BooksSink(books);
        while (live < target) {
            add(cursor++ & (PLAN - 1));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int update() {
        for (int i = 0; i < BATCH; i++) {
            step(cursor++ & (PLAN - 1));
        }
        return live;
    }

    @TearDown
    public void check() {
        for (BookAnomaly reason : BookAnomaly.values()) {
            if (books.anomalies(reason) != 0) {
                throw new IllegalStateException(books.anomalies(reason) + " " + reason + ": the update stream was not valid");
            }
        }
        if (sink instanceof StageSink stageSink
                && stageSink.stage.decoder().badLengths() + stageSink.stage.decoder().unknownTypes() != 0) {
            throw new IllegalStateException("the stage rejected encoded messages");
        }
        if (books.liveOrders() != live) {
            throw new IllegalStateException("book holds " + books.liveOrders() + " orders, the stream left " + live);
        }
    }

    private void step(int c) {
        byte kind = kinds[c];
        if (kind == ADD && live >= high) {
            kind = DELETE;
        } else if (kind == DELETE && live <= low) {
            kind = ADD;
        }
        if ((c & 4095) == 0) {
            int locate = 1 + picks[c] % SYMBOLS;
            mids[locate] += (picks[c] >>> 8) % 3 - 1;
        }
        int i = picks[c] % live;
        switch (kind) {
            case ADD -> add(c);
            case DELETE -> {
                sink.delete(liveLocate[i], liveRef[i]);
                forget(i);
            }
            case REPLACE -> {
                sink.replace(liveLocate[i], liveRef[i], nextRef, sizes[c], price(liveLocate[i], liveSide[i], offsets[c]));
                liveRef[i] = nextRef++;
                liveShares[i] = sizes[c];
            }
            case EXECUTE -> {
                long shares = Math.min(sizes[c] / 2, liveShares[i]);
                sink.execute(liveLocate[i], liveRef[i], shares, c);
                reduced(i, shares);
            }
            case EXECUTE_WITH_PRICE -> {
                long shares = Math.min(sizes[c] / 2, liveShares[i]);
                sink.executeWithPrice(liveLocate[i], liveRef[i], shares, c, price(liveLocate[i], liveSide[i], 0));
                reduced(i, shares);
            }
            case CANCEL -> {
                long shares = Math.min(sizes[c] / 4, liveShares[i]);
                sink.cancel(liveLocate[i], liveRef[i], shares);
                reduced(i, shares);
            }
            default -> sink.trade(liveLocate[i], liveSide[i], sizes[c], price(liveLocate[i], liveSide[i], 0), c);
        }
    }

    private void add(int c) {
        int locate = 1 + picks[c] % SYMBOLS;
        int side = picks[c] >>> 20 & 1;
        sink.add(locate, nextRef, side, sizes[c], price(locate, side, offsets[c]));
        liveRef[live] = nextRef++;
        liveLocate[live] = locate;
        liveSide[live] = side;
        liveShares[live] = sizes[c];
        live++;
    }

    private long price(int locate, int side, int offset) {
        long ticks = 1 + offset;
        return (side == OrderBook.BID ? mids[locate] - ticks : mids[locate] + ticks) * TICK;
    }

    private void reduced(int i, long shares) {
        if (shares >= liveShares[i]) {
            forget(i);
        } else {
            liveShares[i] -= shares;
        }
    }

    private void forget(int i) {
        live--;
        liveRef[i] = liveRef[live];
        liveLocate[i] = liveLocate[live];
        liveSide[i] = liveSide[live];
        liveShares[i] = liveShares[live];
    }

    /** Where an update goes: the books directly, or ITCH through a shard stage. */
    interface Sink {
        void add(int locate, long ref, int side, long shares, long price);

        void delete(int locate, long ref);

        void replace(int locate, long ref, long newRef, long shares, long price);

        void execute(int locate, long ref, long shares, long matchNumber);

        void executeWithPrice(int locate, long ref, long shares, long matchNumber, long price);

        void cancel(int locate, long ref, long shares);

        void trade(int locate, int side, long shares, long price, long matchNumber);
    }

    record BooksSink(OrderBooks books) implements Sink {
        public void add(int locate, long ref, int side, long shares, long price) {
            books.add(locate, ref, side, shares, price);
        }

        public void delete(int locate, long ref) {
            books.delete(locate, ref);
        }

        public void replace(int locate, long ref, long newRef, long shares, long price) {
            books.replace(locate, ref, newRef, shares, price);
        }

        public void execute(int locate, long ref, long shares, long matchNumber) {
            books.execute(locate, ref, shares, matchNumber);
        }

        public void executeWithPrice(int locate, long ref, long shares, long matchNumber, long price) {
            books.executeWithPrice(locate, ref, shares, matchNumber, price);
        }

        public void cancel(int locate, long ref, long shares) {
            books.cancel(locate, ref, shares);
        }

        public void trade(int locate, int side, long shares, long price, long matchNumber) {
            books.trade(locate, side, shares, price, matchNumber);
        }
    }

    static final class StageSink implements Sink {
        private static final long STOCK = 0x5359_4D20_2020_2020L;
        private static final int PACKET = 8;

        private final BookShardStage stage;
        private final ItchEvent event = new ItchEvent(Arena.ofAuto().allocate(ItchEvent.SLOT));
        private final ItchEvent end = new ItchEvent(Arena.ofAuto().allocate(ItchEvent.SLOT));
        private long sequence;

        StageSink(OrderBooks books) {
            Ring<BookEvent> ring = new Ring<>("strategy", RingBuffer.createSingleProducer(BookEvent.TYPE.factory(1024), 1024));
            stage = new BookShardStage("book-0", 0, books, ring, 5,
                    name -> new AtomicCounter(new UnsafeBuffer(new byte[128]), 0));
            end.kind = ItchEvent.END_OF_PACKET;
        }

        private static byte side(int side) {
            return (byte) (side == OrderBook.BID ? 'B' : 'S');
        }

        private void send(int length) {
            event.kind = ItchEvent.MESSAGE;
            event.length = length;
            event.sequence = ++sequence;
            event.receiveNanos = sequence;
            stage.onEvent(event, sequence, false);
            if (sequence % PACKET == 0) {
                end.sequence = sequence;
                stage.onEvent(end, sequence, true);
            }
        }

        public void add(int locate, long ref, int side, long shares, long price) {
            send(ItchEncoder.addOrder(event.bytes, 0, locate, 0, sequence, ref, side(side), shares, STOCK, (int) price));
        }

        public void delete(int locate, long ref) {
            send(ItchEncoder.orderDelete(event.bytes, 0, locate, 0, sequence, ref));
        }

        public void replace(int locate, long ref, long newRef, long shares, long price) {
            send(ItchEncoder.orderReplace(event.bytes, 0, locate, 0, sequence, ref, newRef, shares, (int) price));
        }

        public void execute(int locate, long ref, long shares, long matchNumber) {
            send(ItchEncoder.orderExecuted(event.bytes, 0, locate, 0, sequence, ref, shares, matchNumber));
        }

        public void executeWithPrice(int locate, long ref, long shares, long matchNumber, long price) {
            send(ItchEncoder.orderExecutedWithPrice(event.bytes, 0, locate, 0, sequence, ref, shares, matchNumber,
                    (byte) 'Y', (int) price));
        }

        public void cancel(int locate, long ref, long shares) {
            send(ItchEncoder.orderCancel(event.bytes, 0, locate, 0, sequence, ref, shares));
        }

        public void trade(int locate, int side, long shares, long price, long matchNumber) {
            send(ItchEncoder.trade(event.bytes, 0, locate, 0, sequence, 0, side(side), shares, STOCK, (int) price,
                    matchNumber));
        }
    }
}
