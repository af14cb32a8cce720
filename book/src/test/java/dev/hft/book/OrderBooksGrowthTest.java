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
    void aFullPoolGrowsOnDemandAndCountsIt() {
        OrderBooks books = new OrderBooks(2, 1);
        for (int ref = 1; ref <= 40; ref++) {
            books.add(ref % 3, ref, ref % 2, ref, 500 + ref % 7);
        }
        assertEquals(40, books.liveOrders());
        assertTrue(books.poolGrowths() >= 5);
        assertTrue(books.footprintBytes() > 40 * 32);
        for (int ref = 1; ref <= 40; ref++) {
            assertEquals(ref, books.orderShares(ref));
        }
    }
}
