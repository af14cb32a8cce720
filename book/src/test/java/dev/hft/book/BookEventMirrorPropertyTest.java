package dev.hft.book;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.lmax.disruptor.RingBuffer;

import dev.hft.events.BookEvent;
import dev.hft.pipeline.Ring;

/**
 * A strategy that mirrors only the published TOP and DEPTH events sees, at every END_OF_PACKET, exactly the
 * shard's best bid/ask and its best {@code depth} levels per side: coalescing loses nothing.
 */
class BookEventMirrorPropertyTest {

    private static final int SYMBOLS = 12;

    static LongStream seeds() {
        return Seeds.upTo(60);
    }

    /** Per seed: a random feed, messages per packet 1..20 and a depth window of 1..4 levels. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mirrorOfPublishedEventsEqualsTheBooks(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long feedSeed = random.nextLong();
        int packet = 1 + random.nextInt(20);
        int depth = 1 + random.nextInt(4);
        Seeds.check(seed, () -> mirrorOfPublishedEventsEqualsTheBooks(feedSeed, packet, depth));
    }

    private static void mirrorOfPublishedEventsEqualsTheBooks(long seed, int packet, int depth) {
        RingBuffer<BookEvent> buffer = RingBuffer.createSingleProducer(BookEvent.TYPE.factory(4096), 4096);
        BookShardStage stage = new BookShardStage("book-0", 0, new OrderBooks(64, 16), new Ring<>("s", buffer), depth,
                Itch.counters());
        long[][] top = new long[SYMBOLS + 1][6];
        long[][][] levels = new long[SYMBOLS + 1][2][0];
        List<byte[]> feed = Itch.randomFeed(new Random(seed), 1500);
        long read = 0;
        long sequence = 0;
        int endOfPackets = 0;
        for (byte[] m : feed) {
            stage.onEvent(Itch.event(m, ++sequence), sequence, false);
            if (sequence % packet != 0) {
                continue;
            }
            stage.onEvent(Itch.endOfPacket(sequence), sequence, true);
            for (; read <= buffer.getCursor(); read++) {
                BookEvent e = buffer.get(read);
                switch (e.kind) {
                    case BookEvent.TOP -> top[e.locate] = new long[] {e.bidPrice, e.bidShares, e.bidOrders, e.askPrice,
                        e.askShares, e.askOrders};
                    case BookEvent.DEPTH -> levels[e.locate][e.side] = flatten(e.levels, e.prices, e.shares, e.orders);
                    case BookEvent.END_OF_PACKET -> endOfPackets++;
                    default -> { }
                }
            }
            for (int locate = 1; locate <= SYMBOLS; locate++) {
                OrderBook book = stage.books().book(locate);
                if (book == null) {
                    assertArrayEquals(new long[6], top[locate], "nothing published before the R of " + locate);
                    continue;
                }
                assertArrayEquals(new long[] {book.bestPrice(0), book.bestShares(0), book.bestOrders(0),
                    book.bestPrice(1), book.bestShares(1), book.bestOrders(1)}, top[locate], "top of " + locate);
                for (int side = 0; side <= 1; side++) {
                    long[] prices = new long[depth];
                    long[] shares = new long[depth];
                    int[] orders = new int[depth];
                    int n = book.depth(side, depth, prices, shares, orders);
                    assertArrayEquals(flatten(n, prices, shares, orders), levels[locate][side],
                            "depth of " + locate + " side " + side);
                }
            }
        }
        assertEquals(sequence / packet, endOfPackets);
    }

    private static long[] flatten(int n, long[] prices, long[] shares, int[] orders) {
        long[] out = new long[3 * n];
        for (int i = 0; i < n; i++) {
            out[3 * i] = prices[i];
            out[3 * i + 1] = shares[i];
            out[3 * i + 2] = orders[i];
        }
        return out;
    }
}
