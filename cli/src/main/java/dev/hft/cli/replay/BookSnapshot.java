package dev.hft.cli.replay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.hft.book.BookShardStage;
import dev.hft.book.OrderBook;
import dev.hft.book.OrderBooks;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.topology.Topology;

/**
 * The end-of-replay JSON of all shards' books. Books are disjoint across shards, so the merge is a union;
 * every map is keyed and sorted, so the output is byte-identical across runs and shard counts:
 *
 * <pre>
 * {"books":{"AAPL":{"asks":[[1902600,200,1]],"bids":[[1902500,300,2]],"executed_shares":12345,
 *   "locate":13,"trades_P_shares":678}},"live_orders":14545,"messages":200000,"type_counts":{"A":80000}}
 * </pre>
 *
 * {@code books} is always an object: one entry per symbol an R (Stock Directory) declared, with its locate and
 * its sides (empty when nothing rests), and one per undeclared locate that had an order or a trade, under its
 * trimmed R ticker or {@code #<locate>}; if two locates share a ticker the lower locate wins. Levels are {@code [price as on the wire, shares, orders]},
 * best first. {@code messages} and {@code type_counts} come from the caller (the router counts each message
 * once; per-shard decoders see market-wide messages once per shard).
 */
public final class BookSnapshot {

    public static final int DEFAULT_DEPTH = 5;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private BookSnapshot() {
    }

    /** The snapshot as nested sorted maps and lists, ready for Jackson. */
    public static Map<String, Object> tree(List<OrderBooks> shards, long messages, Map<String, Long> typeCounts,
            int depth) {
        Map<Integer, OrderBook> byLocate = new TreeMap<>();
        long liveOrders = 0;
        for (OrderBooks shard : shards) {
            liveOrders += shard.liveOrders();
            shard.forEachBook(book -> {
                if (book.declared() || book.active()) {
                    byLocate.put(book.locate(), book);
                }
            });
        }
        Map<String, Object> books = new TreeMap<>();
        for (OrderBook book : byLocate.values()) {
            Map<String, Object> entry = new TreeMap<>();
            entry.put("locate", book.locate());
            entry.put("bids", levels(book, OrderBook.BID, depth));
            entry.put("asks", levels(book, OrderBook.ASK, depth));
            entry.put("executed_shares", book.executedShares());
            entry.put("trades_P_shares", book.tradesPShares());
            books.putIfAbsent(book.name(), entry);
        }
        Map<String, Object> root = new TreeMap<>();
        root.put("messages", messages);
        root.put("type_counts", new TreeMap<>(typeCounts));
        root.put("books", books);
        root.put("live_orders", liveOrders);
        return root;
    }

    /** The snapshot as compact JSON. */
    public static String json(List<OrderBooks> shards, long messages, Map<String, Long> typeCounts, int depth) {
        try {
            return JSON.writeValueAsString(tree(shards, messages, typeCounts, depth));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings failed to serialize", e);
        }
    }

    /**
     * The snapshot of a finished pipeline (any topology: every instance of every book stage, however many shards or
     * RX queues feed them); {@code messages} and {@code type_counts} from the source stages' {@code messages.<type>}
     * counters. Call once every stage thread has ended ({@link Pipeline#isComplete()}).
     */
    public static String json(Pipeline pipeline, int depth) {
        if (!pipeline.isComplete()) {
            throw new IllegalStateException("the books are read once every stage thread has ended");
        }
        List<OrderBooks> shards = new ArrayList<>();
        for (String role : pipeline.roles()) {
            OrderBooks books = booksOf(pipeline.stage(role));
            if (books != null) {
                shards.add(books);
            }
        }
        Set<String> sources = new HashSet<>();
        for (Topology.StageSpec s : pipeline.topology().stages()) {
            for (int i = 0; s.input() == null && i < s.instances(); i++) {
                sources.add(s.role(i));
            }
        }
        long[] byType = new long[256];
        pipeline.counters().reader().forEach((value, id, label) -> {
            int at = label.lastIndexOf(".messages.");
            if (at > 0 && label.length() == at + ".messages.".length() + 1 && sources.contains(label.substring(0, at))) {
                byType[label.charAt(label.length() - 1)] += value;
            }
        });
        long messages = 0;
        for (long n : byType) {
            messages += n;
        }
        return json(shards, messages, typeCounts(byType), depth);
    }

    /** The books a stage keeps: a ring-fed book shard's or a {@code file-book} shard's; null for any other stage. */
    static OrderBooks booksOf(Object stage) {
        if (stage instanceof BookShardStage book) {
            return book.books();
        }
        return stage instanceof FileBookStage file ? file.book().books() : null;
    }

    /** Type counts keyed by the message type letter, from counts indexed by the type byte; zeros left out. */
    public static Map<String, Long> typeCounts(long[] countsByTypeByte) {
        Map<String, Long> counts = new TreeMap<>();
        for (int type = 0; type < countsByTypeByte.length; type++) {
            if (countsByTypeByte[type] != 0) {
                counts.put(String.valueOf((char) type), countsByTypeByte[type]);
            }
        }
        return counts;
    }

    private static List<long[]> levels(OrderBook book, int side, int depth) {
        int n = Math.min(depth, book.levelCount(side));
        long[] prices = new long[n];
        long[] shares = new long[n];
        int[] orders = new int[n];
        book.depth(side, n, prices, shares, orders);
        List<long[]> levels = new ArrayList<>(n);
        for (int rank = 0; rank < n; rank++) {
            levels.add(new long[] {prices[rank], shares[rank], orders[rank]});
        }
        return levels;
    }
}
