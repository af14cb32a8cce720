package dev.hft.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
                + "\"executed_shares\":20,\"locate\":13,\"trades_P_shares\":678}},\"live_orders\":4,\"messages\":9,"
                + "\"type_counts\":{\"A\":4,\"E\":1,\"P\":2,\"R\":2}}", snapshot(messages, 1));
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
            List<byte[]> messages = randomFeed(new Random(seed), 4000);
            String one = snapshot(messages, 1);
            assertEquals(one, snapshot(messages, 2), "seed " + seed);
            assertEquals(one, snapshot(messages, 3), "seed " + seed);
            assertTrue(one.contains("\"S07\":{"), one);
        }
    }

    /** R for locates 1..12, then adds, executions, cancels, deletes, replaces and trades on live orders. */
    static List<byte[]> randomFeed(Random random, int size) {
        List<byte[]> out = new ArrayList<>();
        out.add(Itch.systemEvent('O'));
        for (int locate = 1; locate <= 12; locate++) {
            out.add(Itch.stockDirectory(locate, String.format("S%02d", locate)));
        }
        List<long[]> live = new ArrayList<>();
        long nextRef = 1;
        for (int i = 0; i < size; i++) {
            int kind = live.isEmpty() ? 0 : random.nextInt(10);
            int pick = live.isEmpty() ? 0 : random.nextInt(live.size());
            long shares = 1 + random.nextInt(300);
            int price = 10_000 + 100 * random.nextInt(30);
            switch (kind) {
                case 0, 1, 2 -> {
                    int locate = 1 + random.nextInt(12);
                    out.add(Itch.add(locate, nextRef, random.nextBoolean() ? 'B' : 'S', shares, price));
                    live.add(new long[] {nextRef++, locate});
                }
                case 3 -> out.add(Itch.execute((int) live.get(pick)[1], live.get(pick)[0], shares, i));
                case 4 -> out.add(Itch.executeWithPrice((int) live.get(pick)[1], live.get(pick)[0], shares, i, price));
                case 5 -> out.add(Itch.cancel((int) live.get(pick)[1], live.get(pick)[0], shares));
                case 6, 7 -> out.add(Itch.delete((int) live.get(pick)[1], live.remove(pick)[0]));
                case 8 -> {
                    long[] order = live.get(pick);
                    out.add(Itch.replace((int) order[1], order[0], nextRef, shares, price));
                    order[0] = nextRef++;
                }
                default -> out.add(Itch.trade(1 + random.nextInt(12), 'B', shares, price, i));
            }
        }
        return out;
    }

    @Test
    void typeCountsAreKeyedByLetter() {
        long[] counts = new long[256];
        counts['A'] = 3;
        counts['h'] = 1;
        assertEquals(Map.of("A", 3L, "h", 1L), BookSnapshot.typeCounts(counts));
    }
}
