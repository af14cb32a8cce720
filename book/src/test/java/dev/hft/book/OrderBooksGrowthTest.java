package dev.hft.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrderBooksGrowthTest {

    @Test
    void reserveGrowsNearlyFullPoolsAheadOfTheHotPath() {
        OrderBooks books = new OrderBooks(8, 8);
        for (int ref = 1; ref <= 6; ref++) {
            books.add(1, ref, OrderBook.BID, 10, 1000 + ref);
        }
        assertEquals(0, books.poolGrowths());
        assertFalse(books.reserve(), "6 of 8 is not more than 3/4 full");
        books.add(1, 7, OrderBook.BID, 10, 1007);
        assertTrue(books.reserve());
        assertEquals(16, books.orderCapacity());
        long growths = books.poolGrowths();
        assertTrue(growths >= 2, "orders and levels grew, counted");
        for (int ref = 8; ref <= 12; ref++) {
            books.add(1, ref, OrderBook.BID, 10, 1000);
        }
        assertEquals(growths, books.poolGrowths(), "no growth on the hot path after reserve");
        assertEquals(12, books.liveOrders());
        assertEquals(1007, books.book(1).bestPrice(OrderBook.BID));
    }

    @Test
    void aNearlyFullBookSideMovesToABiggerBlockOfTheSideArenaWithoutAllocating() {
        OrderBooks books = new OrderBooks(1024, 1024, 8);
        for (int ref = 1; ref <= 7; ref++) {
            books.add(1, ref, OrderBook.ASK, 10, 1000 + ref);
        }
        assertFalse(books.reserve(), "7 of 8 ask levels: the side moves to a 16-level block, nothing allocates");
        for (int ref = 8; ref <= 40; ref++) {
            books.add(1, ref, OrderBook.ASK, 10, 1000 + ref);
        }
        assertEquals(0, books.poolGrowths(), "full sides moved inline too, inside the arena");
        assertEquals(40, books.book(1).levelCount(OrderBook.ASK));
        assertEquals(1001, books.book(1).bestPrice(OrderBook.ASK));
        assertEquals(1040, books.book(1).price(OrderBook.ASK, 39));
    }

    @Test
    void theSideArenaGrowsInReserveWhenThreeQuartersUsed() {
        // 4 * 256 = 1024 entries: 48 books of one 16-level bid block each fill 3/4 of it.
        OrderBooks books = new OrderBooks(1024, 256, 16);
        for (int locate = 1; locate <= 49; locate++) {
            books.add(locate, locate, OrderBook.BID, 10, 1000);
        }
        assertEquals(0, books.poolGrowths());
        assertTrue(books.reserve(), "49 blocks of 16 is more than 3/4 of 1024");
        assertEquals(1, books.poolGrowths());
        for (int locate = 50; locate <= 120; locate++) {
            books.add(locate, locate, OrderBook.BID, 10, 1000);
        }
        assertEquals(1, books.poolGrowths(), "the grown arena held them");
        assertEquals(0, books.inlineGrowths());
    }

    @Test
    void aSteadyStateWithReserveBetweenBatchesNeverGrowsInline() {
        OrderBooks books = new OrderBooks(64, 16, 4);
        long ref = 1;
        while (books.liveOrders() < 600) {
            for (int i = 0; i < 5; i++, ref++) {
                books.add((int) (ref % 7), ref, (int) (ref % 2), 100, 10_000 + ref * 37 % 400);
            }
            books.reserve();
        }
        assertEquals(600, books.liveOrders());
        assertTrue(books.poolGrowths() > 0, "everything grew, in reserve");
        assertEquals(0, books.inlineGrowths(), "each batch fit what reserve had grown ahead");
        long growths = books.poolGrowths();
        for (int cycle = 0; cycle < 2_000; cycle++, ref++) {
            long oldest = ref - 600;
            books.delete((int) (oldest % 7), oldest);
            books.add((int) (ref % 7), ref, (int) (ref % 2), 100, 10_000 + ref * 37 % 400);
        }
        assertEquals(600, books.liveOrders());
        assertEquals(0, books.anomalies(BookAnomaly.UNKNOWN_ORDER_D) + books.anomalies(BookAnomaly.LOCATE_MISMATCH));
        assertEquals(growths, books.poolGrowths(), "a steady state of adds and deletes allocates nothing");
        assertEquals(0, books.inlineGrowths());
    }

    @Test
    void aFullPoolGrowsOnDemandAndCountsIt() {
        OrderBooks books = new OrderBooks(2, 1);
        for (int ref = 1; ref <= 40; ref++) {
            books.add(ref % 3, ref, ref % 2, ref, 500 + ref % 7);
        }
        assertEquals(40, books.liveOrders());
        assertTrue(books.poolGrowths() >= 5);
        assertEquals(books.poolGrowths(), books.inlineGrowths(), "no reserve: every growth was inline");
        assertTrue(books.footprintBytes() > 40 * 32);
        for (int ref = 1; ref <= 40; ref++) {
            assertEquals(ref, books.orderShares(ref));
        }
    }
}
