package dev.hft.book;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.hft.wire.itch.ItchDecoder;

/** The published excerpts in /work/shared/data. */
class RealDataTest {

    private static final String MID_DAY = "12302019-0930-1000.NASDAQ_ITCH50";
    private static final String DAY_OPEN = "day-open-1000.NASDAQ_ITCH50";

    @Test
    void midDayExcerptCountsReferencesToOrdersAddedBeforeIt() throws Exception {
        List<byte[]> messages = Itch.sharedFile(MID_DAY);
        BookShardStage stage = Itch.replay(messages, 1, 1).get(0);
        BookDecoder decoder = stage.decoder();
        assertEquals(1000, decoder.messages());
        Map<Character, Long> published = Map.of('A', 367L, 'U', 225L, 'F', 193L, 'D', 167L, 'E', 28L, 'X', 6L,
                'I', 4L, 'P', 4L, 'Q', 4L, 'C', 1L);
        published.forEach((type, count) -> assertEquals(count, decoder.count((byte) (char) type), "type " + type));

        OrderBooks books = stage.books();
        long unknown = books.anomalies(BookAnomaly.UNKNOWN_ORDER_E) + books.anomalies(BookAnomaly.UNKNOWN_ORDER_C)
                + books.anomalies(BookAnomaly.UNKNOWN_ORDER_X) + books.anomalies(BookAnomaly.UNKNOWN_ORDER_D)
                + books.anomalies(BookAnomaly.UNKNOWN_ORDER_U);
        long[] refs = unknownReferences(messages);
        assertEquals(394, refs[0], "E/X/D/C/U referring to orders added before the excerpt (published count)");
        assertEquals(5, refs[1], "E/X/D/C/U referring to the new reference of a U whose original was unknown");
        assertEquals(refs[0] + refs[1], unknown, "a U of an unknown order cannot add its new order: side unknown");
        assertEquals(0, books.anomalies(BookAnomaly.LOCATE_MISMATCH));
        assertEquals(0, books.anomalies(BookAnomaly.DUPLICATE_ADD));
        long bookLocates = messages.stream().filter(m -> m[0] == 'A' || m[0] == 'F' || m[0] == 'P')
                .mapToInt(Itch::locate).distinct().count();
        assertEquals(bookLocates, books.anomalies(BookAnomaly.UNDECLARED_LOCATE), "one per book made without an R");
        assertEquals("#" + firstAddLocate(messages), books.book(firstAddLocate(messages)).name());
        assertMatchesModel(messages, books);
    }

    @Test
    void dayOpenExcerptNamesEveryLocate() throws Exception {
        List<byte[]> messages = Itch.sharedFile(DAY_OPEN);
        OrderBooks books = Itch.replay(messages, 1, 7).get(0).books();
        int declared = 0;
        for (int locate = 1; locate <= 993; locate++) {
            OrderBook book = books.book(locate);
            if (book != null && book.declared()) {
                declared++;
            }
        }
        assertEquals(993, declared);
        assertEquals("AAPL", books.book(13).name());
        assertEquals(0, books.liveOrders());
        for (BookAnomaly reason : BookAnomaly.values()) {
            assertEquals(0, books.anomalies(reason), reason.name());
        }
    }

    /**
     * Counted straight from the bytes: [0] messages whose reference no earlier A, F or U added; [1] messages whose
     * reference was added only by a U of such an unknown order (the book cannot know that order's side).
     */
    private static long[] unknownReferences(List<byte[]> messages) {
        java.util.Set<Long> added = new java.util.HashSet<>();
        java.util.Set<Long> known = new java.util.HashSet<>();
        long[] counts = new long[2];
        for (byte[] m : messages) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(m);
            char type = (char) m[0];
            if (type == 'A' || type == 'F') {
                added.add(b.getLong(11));
                known.add(b.getLong(11));
            } else if ("EXDCU".indexOf(type) >= 0) {
                long ref = b.getLong(11);
                if (!added.contains(ref)) {
                    counts[0]++;
                } else if (!known.contains(ref)) {
                    counts[1]++;
                }
                if (type == 'U') {
                    added.add(b.getLong(19));
                    if (known.contains(ref)) {
                        known.add(b.getLong(19));
                    }
                }
            }
        }
        return counts;
    }

    private static int firstAddLocate(List<byte[]> messages) {
        return messages.stream().filter(m -> m[0] == 'A').mapToInt(Itch::locate).findFirst().orElseThrow();
    }

    /** Full depth of every locate and every anomaly count equal those of the TreeMap model. */
    private static void assertMatchesModel(List<byte[]> messages, OrderBooks books) {
        ReferenceUpdater reference = new ReferenceUpdater();
        ItchDecoder decoder = new ItchDecoder(reference);
        for (byte[] m : messages) {
            decoder.decode(MemorySegment.ofArray(m), 0, m.length);
        }
        ReferenceBooks model = reference.model;
        assertEquals(model.orders.size(), books.liveOrders());
        assertTrue(books.liveOrders() > 100, "the excerpt leaves hundreds of orders resting");
        for (BookAnomaly reason : BookAnomaly.values()) {
            if (reason != BookAnomaly.UNDECLARED_LOCATE) {
                assertEquals(model.anomalies(reason), books.anomalies(reason), reason.name());
            }
        }
        Map<Integer, Long> executed = new TreeMap<>();
        for (int locate = 0; locate <= OrderBooks.MAX_LOCATE; locate++) {
            OrderBook book = books.book(locate);
            if (book == null) {
                continue;
            }
            executed.put(locate, book.executedShares());
            for (int side = 0; side <= 1; side++) {
                List<long[]> expected = model.depth(locate, side);
                int n = book.levelCount(side);
                assertEquals(expected.size(), n);
                long[] prices = new long[n];
                long[] shares = new long[n];
                int[] orders = new int[n];
                book.depth(side, n, prices, shares, orders);
                for (int rank = 0; rank < n; rank++) {
                    assertArrayEquals(expected.get(rank), new long[] {prices[rank], shares[rank], orders[rank]});
                }
            }
        }
        model.executed.forEach((locate, shares) -> assertEquals(shares, executed.get(locate), "executed " + locate));
    }
}
