package dev.hft.book;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The paths of the flat layout that ordinary days rarely take, against {@link ReferenceBooks} after every message:
 * references that collide in the order table (so orders live in its overflow area), the table rebuilt by
 * {@link OrderBooks#reserve()} while orders rest (ids change, queues are relinked), book sides moving to bigger
 * blocks of the side arena, the arena and the pools growing, inline and in {@code reserve()}. Seeded: the same
 * streams every run.
 */
class OrderBooksLayoutTest {

    private static final int LOCATES = 3;

    @Test
    void collidingReferencesAndRebuildsMatchTheModel() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            // Tiny pools: the table has 4 to 16 home slots, so most references overflow; levels grow from 1.
            OrderBooks books = new OrderBooks(1 + random.nextInt(8), 1, 1 + random.nextInt(4));
            ReferenceBooks model = new ReferenceBooks();
            List<Long> issued = new ArrayList<>();
            int length = 50 + random.nextInt(400);
            for (int i = 0; i < length; i++) {
                step(books, model, issued, random);
                if (random.nextInt(10) == 0) {
                    books.reserve();
                }
                assertSame(books, model, 1, seed, i);
            }
            assertSame(books, model, Integer.MAX_VALUE, seed, length);
        }
    }

    @Test
    void aSteadyFlowOverManySymbolsMatchesTheModelAndGrowsOnlyInReserve() {
        SplittableRandom random = new SplittableRandom(42);
        OrderBooks books = new OrderBooks(64, 16, 2);
        ReferenceBooks model = new ReferenceBooks();
        List<Long> live = new ArrayList<>();
        long ref = 1;
        for (int i = 0; i < 30_000; i++) {
            if (live.size() < 500 || random.nextBoolean()) {
                int locate = 1 + random.nextInt(40);
                int side = random.nextInt(2);
                long price = 10_000 + 100L * random.nextInt(60);
                books.add(locate, ref, side, 100, price);
                model.add(locate, ref, side, 100, price);
                live.add(ref++);
            } else {
                long victim = live.remove(random.nextInt(live.size()));
                int locate = model.orders.get(victim).locate();
                books.delete(locate, victim);
                model.delete(locate, victim);
            }
            if (i % 16 == 15) {
                books.reserve();
            }
        }
        assertEquals(0, books.inlineGrowths(), "reserve every 16 messages kept every growth off the message path");
        assertTrue(books.poolGrowths() > 0);
        for (int locate = 1; locate <= 40; locate++) {
            for (int side = 0; side <= 1; side++) {
                List<long[]> expected = model.depth(locate, side);
                OrderBook book = books.book(locate);
                assertEquals(expected.size(), book.levelCount(side));
                for (int rank = 0; rank < expected.size(); rank++) {
                    assertArrayEquals(expected.get(rank), new long[] {book.price(side, rank), book.shares(side, rank),
                        book.orders(side, rank)});
                }
            }
        }
    }

    private static void step(OrderBooks books, ReferenceBooks model, List<Long> issued, SplittableRandom random) {
        int kind = random.nextInt(10);
        long ref;
        if (issued.isEmpty() || kind <= 3) {
            // Every fourth new reference is a multiple of 1 << 20: equal to others modulo any small table.
            ref = random.nextInt(4) == 0 ? (long) (1 + issued.size()) << 20 : 1 + issued.size();
            issued.add(ref);
        } else {
            ref = issued.get(random.nextInt(issued.size()));
        }
        ReferenceBooks.Order known = model.orders.get(ref);
        int locate = known != null && random.nextInt(20) != 0 ? known.locate() : 1 + random.nextInt(LOCATES);
        long shares = random.nextInt(30) == 0 ? 0 : 1 + random.nextInt(300);
        long price = 10_000 + 100L * random.nextInt(30);
        int side = random.nextInt(2);
        switch (kind) {
            case 0, 1, 2, 3 -> {
                books.add(locate, ref, side, shares, price);
                model.add(locate, ref, side, shares, price);
            }
            case 4 -> {
                books.execute(locate, ref, shares, 1);
                model.execute(locate, ref, shares);
            }
            case 5 -> {
                books.cancel(locate, ref, shares);
                model.cancel(locate, ref, shares);
            }
            case 6, 7 -> {
                books.delete(locate, ref);
                model.delete(locate, ref);
            }
            default -> {
                long newRef = random.nextInt(10) == 0 ? issued.get(random.nextInt(issued.size())) : 1 + issued.size();
                issued.add(newRef);
                books.replace(locate, ref, newRef, shares, price);
                model.replace(locate, ref, newRef, shares, price);
            }
        }
    }

    private static void assertSame(OrderBooks books, ReferenceBooks model, int levelsToCompare, long seed, int step) {
        String at = "seed " + seed + " step " + step;
        assertEquals(model.orders.size(), books.liveOrders(), "live orders, " + at);
        for (BookAnomaly reason : BookAnomaly.values()) {
            if (reason != BookAnomaly.UNDECLARED_LOCATE) {
                assertEquals(model.anomalies(reason), books.anomalies(reason), reason.name() + ", " + at);
            }
        }
        for (int locate = 1; locate <= LOCATES; locate++) {
            OrderBook book = books.book(locate);
            for (int side = 0; side <= 1; side++) {
                List<long[]> expected = model.depth(locate, side);
                int n = book == null ? 0 : book.levelCount(side);
                assertEquals(expected.size(), n, "levels of " + locate + "/" + side + ", " + at);
                for (int rank = 0; rank < Math.min(n, levelsToCompare); rank++) {
                    assertArrayEquals(expected.get(rank), new long[] {book.price(side, rank), book.shares(side, rank),
                        book.orders(side, rank)}, "level " + rank + " of " + locate + "/" + side + ", " + at);
                    List<Long> queue = model.queue(locate, side, rank);
                    long[] refs = new long[queue.size()];
                    assertEquals(queue.size(), books.queue(book, side, rank, refs), at);
                    assertEquals(queue, java.util.Arrays.stream(refs).boxed().toList(), "queue, " + at);
                    long ahead = 0;
                    for (long ref : queue) {
                        assertEquals(ahead, books.sharesAhead(ref), "shares ahead of " + ref + ", " + at);
                        ahead += books.orderShares(ref);
                    }
                }
            }
        }
    }
}
