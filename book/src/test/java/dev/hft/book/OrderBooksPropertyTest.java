package dev.hft.book;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random streams of book messages, valid and with bad references, against {@link ReferenceBooks}. */
class OrderBooksPropertyTest {

    private static final int LOCATES = 4;

    /** One message; {@code pick} chooses among references seen so far, {@code wild} bends it into bad input. */
    record Op(int kind, int locate, int pick, int side, long shares, long price, int wild) {
    }

    /**
     * A stream of 1 to 400 messages: kind 0..9 (adds 0-2, E, C, X, D 6-7, U, P), locate 1..4, shares 0 once in 21
     * else 1..500, price on a 25-tick grid from $1.00, {@code wild} 0..19 (0: a reference that may be dead or on
     * another locate, 1: an invalid side, 2: a replace to a live reference).
     */
    static List<Op> stream(SplittableRandom random) {
        int length = 1 + random.nextInt(400);
        List<Op> ops = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            ops.add(new Op(random.nextInt(10), 1 + random.nextInt(LOCATES), random.nextInt(1_000_001), random.nextInt(2),
                    random.nextInt(21) == 0 ? 0 : 1 + random.nextLong(500), 10_000 + random.nextLong(25) * 100,
                    random.nextInt(20)));
        }
        return ops;
    }

    static LongStream seeds() {
        return Seeds.upTo(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void matchesTheReferenceModel(long seed) {
        List<Op> stream = stream(new SplittableRandom(seed));
        Seeds.check(seed, () -> matchesTheReferenceModel(stream));
    }

    private static void matchesTheReferenceModel(List<Op> stream) {
        OrderBooks books = new OrderBooks(4, 2);
        ReferenceBooks model = new ReferenceBooks();
        List<Long> issued = new ArrayList<>();
        long nextRef = 1;
        for (Op op : stream) {
            boolean wild = op.wild() == 0;
            long ref;
            if (issued.isEmpty() || op.kind() <= 2 && !wild) {
                ref = nextRef++;
                issued.add(ref);
            } else {
                ref = issued.get(op.pick() % issued.size());
            }
            ReferenceBooks.Order known = model.orders.get(ref);
            int locate = known != null && !wild ? known.locate() : op.locate();
            switch (op.kind()) {
                case 0, 1, 2 -> {
                    int side = op.wild() == 1 ? 7 : op.side();
                    books.add(locate, ref, side, op.shares(), op.price());
                    model.add(locate, ref, side, op.shares(), op.price());
                }
                case 3 -> {
                    books.execute(locate, ref, op.shares(), 1);
                    model.execute(locate, ref, op.shares());
                }
                case 4 -> {
                    books.executeWithPrice(locate, ref, op.shares(), 1, op.price());
                    model.executeWithPrice(locate, ref, op.shares());
                }
                case 5 -> {
                    books.cancel(locate, ref, op.shares());
                    model.cancel(locate, ref, op.shares());
                }
                case 6, 7 -> {
                    books.delete(locate, ref);
                    model.delete(locate, ref);
                }
                case 8 -> {
                    long newRef = op.wild() == 2 ? issued.get(op.pick() % issued.size()) : nextRef++;
                    issued.add(newRef);
                    books.replace(locate, ref, newRef, op.shares(), op.price());
                    model.replace(locate, ref, newRef, op.shares(), op.price());
                }
                default -> {
                    books.trade(locate, op.side(), op.shares(), op.price(), 1);
                    model.trade(locate, op.shares());
                }
            }
            assertSame(books, model, 1);
        }
        assertSame(books, model, Integer.MAX_VALUE);
    }

    static void assertSame(OrderBooks books, ReferenceBooks model, int levelsToCompare) {
        assertEquals(model.orders.size(), books.liveOrders(), "live orders");
        for (BookAnomaly reason : BookAnomaly.values()) {
            if (reason != BookAnomaly.UNDECLARED_LOCATE) {
                assertEquals(model.anomalies(reason), books.anomalies(reason), reason.name());
            }
        }
        for (int locate = 1; locate <= LOCATES; locate++) {
            OrderBook book = books.book(locate);
            for (int side = 0; side <= 1; side++) {
                List<long[]> expected = model.depth(locate, side);
                int n = book == null ? 0 : book.levelCount(side);
                assertEquals(expected.size(), n, "levels of " + locate + "/" + side);
                int compare = Math.min(n, levelsToCompare);
                long[] prices = new long[compare];
                long[] shares = new long[compare];
                int[] orders = new int[compare];
                int filled = compare == 0 ? 0 : book.depth(side, compare, prices, shares, orders);
                assertEquals(compare, filled);
                for (int rank = 0; rank < compare; rank++) {
                    assertArrayEquals(expected.get(rank), new long[] {prices[rank], shares[rank], orders[rank]},
                            "level " + rank + " of " + locate + "/" + side);
                    List<Long> queue = model.queue(locate, side, rank);
                    long[] refs = new long[queue.size()];
                    assertEquals(queue.size(), books.queue(book, side, rank, refs));
                    assertEquals(queue, java.util.Arrays.stream(refs).boxed().toList(), "queue");
                    long ahead = 0;
                    for (long ref : queue) {
                        assertEquals(ahead, books.sharesAhead(ref), "shares ahead of " + ref);
                        ahead += books.orderShares(ref);
                    }
                }
            }
            if (book != null) {
                assertEquals(model.executed.getOrDefault(locate, 0L), book.executedShares(), "executed " + locate);
                assertEquals(model.tradesP.getOrDefault(locate, 0L), book.tradesPShares(), "P shares " + locate);
            }
        }
    }
}
