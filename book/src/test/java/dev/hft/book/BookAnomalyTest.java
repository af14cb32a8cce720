package dev.hft.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every kind of bad reference, fed as encoded ITCH through the shard: counted by reason, books intact. */
class BookAnomalyTest {

    private static final int L = 9;

    private static OrderBooks run(byte[]... messages) {
        return Itch.replay(List.of(messages), 1, 1).get(0).books();
    }

    private static void assertOnly(OrderBooks books, BookAnomaly... expected) {
        List<BookAnomaly> counted = new ArrayList<>();
        for (BookAnomaly reason : BookAnomaly.values()) {
            for (long i = 0; i < books.anomalies(reason); i++) {
                counted.add(reason);
            }
        }
        List<BookAnomaly> want = new ArrayList<>(Arrays.asList(expected));
        want.sort(null);
        assertEquals(want, counted);
    }

    private static String bids(OrderBooks books, int locate) {
        OrderBook book = books.book(locate);
        StringBuilder out = new StringBuilder();
        for (int rank = 0; rank < book.levelCount(OrderBook.BID); rank++) {
            out.append(book.price(OrderBook.BID, rank)).append('/').append(book.shares(OrderBook.BID, rank))
                    .append('/').append(book.orders(OrderBook.BID, rank)).append(' ');
        }
        return out.toString().trim();
    }

    @Test
    void referencesToUnknownOrdersAreCountedPerMessageType() {
        OrderBooks books = run(Itch.stockDirectory(L, "XYZ"), Itch.add(L, 1, 'B', 100, 500),
                Itch.execute(L, 77, 10, 1), Itch.executeWithPrice(L, 77, 10, 2, 500), Itch.cancel(L, 77, 10),
                Itch.delete(L, 77), Itch.replace(L, 77, 78, 10, 500));
        assertOnly(books, BookAnomaly.UNKNOWN_ORDER_E, BookAnomaly.UNKNOWN_ORDER_C, BookAnomaly.UNKNOWN_ORDER_X,
                BookAnomaly.UNKNOWN_ORDER_D, BookAnomaly.UNKNOWN_ORDER_U);
        assertEquals("500/100/1", bids(books, L));
        assertEquals(-1, books.orderShares(78), "a U of an unknown order adds nothing: its side is unknown");
    }

    @Test
    void oversizedExecutionsAndCancelsAreClampedAndCounted() {
        OrderBooks books = run(Itch.stockDirectory(L, "XYZ"), Itch.add(L, 1, 'B', 100, 500),
                Itch.add(L, 2, 'B', 40, 500), Itch.add(L, 3, 'B', 30, 400), Itch.execute(L, 1, 150, 1),
                Itch.cancel(L, 3, 31));
        assertOnly(books, BookAnomaly.EXECUTE_OVERSIZE, BookAnomaly.CANCEL_OVERSIZE);
        assertEquals("500/40/1", bids(books, L));
        assertEquals(150, books.book(L).executedShares(), "executed shares as on the wire");
        assertEquals(1, books.liveOrders());
    }

    @Test
    void aDuplicateAddKeepsTheRestingOrder() {
        OrderBooks books = run(Itch.stockDirectory(L, "XYZ"), Itch.add(L, 1, 'B', 100, 500),
                Itch.addMpid(L, 1, 'B', 7, 600));
        assertOnly(books, BookAnomaly.DUPLICATE_ADD);
        assertEquals("500/100/1", bids(books, L));
    }

    @Test
    void aLocateWithoutStockDirectoryWorksUnderItsNumber() {
        OrderBooks books = run(Itch.add(4242, 1, 'S', 100, 500), Itch.add(4242, 2, 'S', 10, 499));
        assertOnly(books, BookAnomaly.UNDECLARED_LOCATE);
        OrderBook book = books.book(4242);
        assertEquals("#4242", book.name());
        assertEquals(499, book.bestPrice(OrderBook.ASK));
        assertEquals(2, book.levelCount(OrderBook.ASK));
    }

    @Test
    void aReplaceOntoALiveReferenceRemovesTheOriginalOnly() {
        OrderBooks books = run(Itch.stockDirectory(L, "XYZ"), Itch.add(L, 1, 'B', 100, 500),
                Itch.add(L, 2, 'B', 40, 400), Itch.replace(L, 1, 2, 70, 450));
        assertOnly(books, BookAnomaly.REPLACE_NEW_REF_LIVE);
        assertEquals("400/40/1", bids(books, L));
        assertEquals(40, books.orderShares(2));
    }

    @Test
    void zeroSharesInvalidSideAndWrongLocateAreSkipped() {
        OrderBooks books = run(Itch.stockDirectory(L, "XYZ"), Itch.stockDirectory(L + 1, "ABC"),
                Itch.add(L, 1, 'B', 0, 500), Itch.add(L, 2, 'X', 10, 500), Itch.add(L, 3, 'B', 10, 500),
                Itch.delete(L + 1, 3), Itch.replace(L, 3, 4, 0, 500));
        assertOnly(books, BookAnomaly.ZERO_SHARES, BookAnomaly.INVALID_SIDE, BookAnomaly.LOCATE_MISMATCH,
                BookAnomaly.ZERO_SHARES);
        assertEquals(0, books.liveOrders(), "the U removed order 3 and added nothing");
        assertEquals(0, books.book(L).levelCount(OrderBook.BID));
    }

    @Test
    void replaceKeepsSideAndGoesToTheBackOfItsNewLevel() {
        OrderBooks books = run(Itch.stockDirectory(L, "XYZ"), Itch.add(L, 1, 'S', 100, 500),
                Itch.add(L, 2, 'S', 40, 510), Itch.replace(L, 1, 3, 60, 510));
        assertOnly(books);
        assertEquals(OrderBook.ASK, books.orderSide(3));
        assertEquals(40, books.sharesAhead(3));
        assertEquals(510, books.orderPrice(3));
        assertEquals(100, books.book(L).shares(OrderBook.ASK, 0));
    }
}
