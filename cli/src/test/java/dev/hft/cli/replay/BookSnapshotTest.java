package dev.hft.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hft.book.BookShardStage;
import dev.hft.book.Itch;
import dev.hft.book.OrderBooks;

class BookSnapshotTest {

    private static String snapshot(List<byte[]> messages, int shards) {
        List<OrderBooks> books = Itch.replay(messages, shards, 3).stream().map(BookShardStage::books).toList();
        long[] counts = new long[256];
        messages.forEach(m -> counts[m[0] & 0xFF]++);
        return BookSnapshot.json(books, messages.size(), BookSnapshot.typeCounts(counts), BookSnapshot.DEFAULT_DEPTH);
    }

    @Test
    void writesTheDocumentedShapeWithSortedKeys() {
        List<byte[]> messages = List.of(Itch.stockDirectory(13, "AAPL"), Itch.stockDirectory(14, "IDLE"),
                Itch.add(13, 1, 'B', 100, 1902500), Itch.add(13, 2, 'B', 200, 1902500), Itch.add(13, 3, 'S', 200, 1902600),
                Itch.add(13, 4, 'B', 50, 1902400), Itch.execute(13, 4, 20, 1), Itch.trade(13, 'B', 678, 1902550, 2),
                Itch.trade(77, 'S', 5, 100, 3));
        assertEquals("{\"books\":{\"#77\":{\"asks\":[],\"bids\":[],\"executed_shares\":0,\"locate\":77,"
                + "\"trades_P_shares\":5},\"AAPL\":{\"asks\":[[1902600,200,1]],\"bids\":[[1902500,300,2],[1902400,30,1]],"
                + "\"executed_shares\":20,\"locate\":13,\"trades_P_shares\":678},\"IDLE\":{\"asks\":[],\"bids\":[],"
                + "\"executed_shares\":0,\"locate\":14,\"trades_P_shares\":0}},\"live_orders\":4,\"messages\":9,"
                + "\"type_counts\":{\"A\":4,\"E\":1,\"P\":2,\"R\":2}}", snapshot(messages, 1));
    }

    /** The real day-open excerpt: 993 R messages and no order; every declared symbol is listed, books is an object. */
    @Test
    void everyDeclaredSymbolIsListedEvenWithoutOrders() throws Exception {
        List<byte[]> messages = Itch.sharedFile("day-open-1000.NASDAQ_ITCH50");
        String one = snapshot(messages, 1);
        assertEquals(one, snapshot(messages, 3));
        JsonNode books = new ObjectMapper().readTree(one).get("books");
        assertTrue(books.isObject(), one.substring(0, 100));
        assertEquals(993, books.size());
        JsonNode aapl = books.get("AAPL");
        assertEquals(13, aapl.get("locate").asInt(), String.valueOf(aapl));
        assertEquals(0, aapl.get("bids").size());
        assertEquals(0, aapl.get("asks").size());
    }

    @Test
    void noBooksIsAnEmptyObject() {
        assertTrue(snapshot(List.of(), 2).startsWith("{\"books\":{},"), snapshot(List.of(), 2));
    }

    @Test
    void theMidDayExcerptGivesTheSameSnapshotWithOneTwoOrThreeShards() throws Exception {
        List<byte[]> messages = Itch.sharedFile("12302019-0930-1000.NASDAQ_ITCH50");
        String one = snapshot(messages, 1);
        assertEquals(one, snapshot(messages, 2));
        assertEquals(one, snapshot(messages, 3));
        JsonNode root = new ObjectMapper().readTree(one);
        assertEquals(1000, root.get("messages").asLong());
        assertEquals(367, root.get("type_counts").get("A").asLong());
        assertTrue(root.get("books").size() > 100);
        assertTrue(root.get("live_orders").asLong() > 100);
    }

    @Test
    void aRandomNamedFeedGivesTheSameSnapshotWithOneTwoOrThreeShards() {
        for (long seed = 1; seed <= 5; seed++) {
            List<byte[]> messages = Itch.randomFeed(new Random(seed), 4000);
            String one = snapshot(messages, 1);
            assertEquals(one, snapshot(messages, 2), "seed " + seed);
            assertEquals(one, snapshot(messages, 3), "seed " + seed);
            assertTrue(one.contains("\"S07\":{"), one);
        }
    }

    @Test
    void typeCountsAreKeyedByLetter() {
        long[] counts = new long[256];
        counts['A'] = 3;
        counts['h'] = 1;
        assertEquals(Map.of("A", 3L, "h", 1L), BookSnapshot.typeCounts(counts));
    }
}
