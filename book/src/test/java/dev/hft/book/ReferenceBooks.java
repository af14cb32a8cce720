package dev.hft.book;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The obviously correct model: a map of orders and, per symbol and side, a TreeMap of FIFO lists. */
final class ReferenceBooks {

    record Order(int locate, int side, long price, long shares) {
    }

    final Map<Long, Order> orders = new HashMap<>();
    final Map<Integer, List<NavigableMap<Long, List<Long>>>> sides = new TreeMap<>();
    final Map<BookAnomaly, Long> anomalies = new EnumMap<>(BookAnomaly.class);
    final Map<Integer, Long> executed = new TreeMap<>();
    final Map<Integer, Long> tradesP = new TreeMap<>();

    void add(int locate, long ref, int side, long shares, long price) {
        if (side != 0 && side != 1) {
            count(BookAnomaly.INVALID_SIDE);
        } else if (shares <= 0) {
            count(BookAnomaly.ZERO_SHARES);
        } else if (orders.containsKey(ref)) {
            count(BookAnomaly.DUPLICATE_ADD);
        } else {
            put(ref, new Order(locate, side, price, shares));
        }
    }

    void execute(int locate, long ref, long shares) {
        Order o = find(locate, ref, BookAnomaly.UNKNOWN_ORDER_E);
        if (o != null) {
            executed.merge(locate, shares, Long::sum);
            reduce(ref, o, shares, BookAnomaly.EXECUTE_OVERSIZE);
        }
    }

    void executeWithPrice(int locate, long ref, long shares) {
        Order o = find(locate, ref, BookAnomaly.UNKNOWN_ORDER_C);
        if (o != null) {
            executed.merge(locate, shares, Long::sum);
            reduce(ref, o, shares, BookAnomaly.EXECUTE_OVERSIZE);
        }
    }

    void cancel(int locate, long ref, long shares) {
        Order o = find(locate, ref, BookAnomaly.UNKNOWN_ORDER_X);
        if (o != null) {
            reduce(ref, o, shares, BookAnomaly.CANCEL_OVERSIZE);
        }
    }

    void delete(int locate, long ref) {
        if (find(locate, ref, BookAnomaly.UNKNOWN_ORDER_D) != null) {
            take(ref);
        }
    }

    void replace(int locate, long ref, long newRef, long shares, long price) {
        Order o = find(locate, ref, BookAnomaly.UNKNOWN_ORDER_U);
        if (o == null) {
            return;
        }
        take(ref);
        if (shares <= 0) {
            count(BookAnomaly.ZERO_SHARES);
        } else if (orders.containsKey(newRef)) {
            count(BookAnomaly.REPLACE_NEW_REF_LIVE);
        } else {
            put(newRef, new Order(locate, o.side(), price, shares));
        }
    }

    void trade(int locate, long shares) {
        tradesP.merge(locate, shares, Long::sum);
    }

    /** Levels best first: [price, total shares, order count]. */
    List<long[]> depth(int locate, int side) {
        List<long[]> out = new ArrayList<>();
        NavigableMap<Long, List<Long>> levels = side(locate, side);
        for (Map.Entry<Long, List<Long>> e : (side == 0 ? levels.descendingMap() : levels).entrySet()) {
            long total = 0;
            for (long ref : e.getValue()) {
                total += orders.get(ref).shares();
            }
            out.add(new long[] {e.getKey(), total, e.getValue().size()});
        }
        return out;
    }

    /** Order references at the level of {@code rank}, front of the queue first. */
    List<Long> queue(int locate, int side, int rank) {
        NavigableMap<Long, List<Long>> levels = side(locate, side);
        List<List<Long>> ordered = new ArrayList<>((side == 0 ? levels.descendingMap() : levels).values());
        return Collections.unmodifiableList(ordered.get(rank));
    }

    long anomalies(BookAnomaly reason) {
        return anomalies.getOrDefault(reason, 0L);
    }

    private NavigableMap<Long, List<Long>> side(int locate, int side) {
        return sides.computeIfAbsent(locate, l -> List.of(new TreeMap<>(), new TreeMap<>())).get(side);
    }

    private Order find(int locate, long ref, BookAnomaly unknown) {
        Order o = orders.get(ref);
        if (o == null) {
            count(unknown);
            return null;
        }
        if (o.locate() != locate) {
            count(BookAnomaly.LOCATE_MISMATCH);
            return null;
        }
        return o;
    }

    private void reduce(long ref, Order o, long shares, BookAnomaly oversize) {
        if (shares > o.shares()) {
            count(oversize);
        }
        if (shares >= o.shares()) {
            take(ref);
        } else {
            orders.put(ref, new Order(o.locate(), o.side(), o.price(), o.shares() - shares));
        }
    }

    private void put(long ref, Order o) {
        orders.put(ref, o);
        side(o.locate(), o.side()).computeIfAbsent(o.price(), p -> new ArrayList<>()).add(ref);
    }

    private void take(long ref) {
        Order o = orders.remove(ref);
        NavigableMap<Long, List<Long>> levels = side(o.locate(), o.side());
        List<Long> queue = levels.get(o.price());
        queue.remove(ref);
        if (queue.isEmpty()) {
            levels.remove(o.price());
        }
    }

    private void count(BookAnomaly reason) {
        anomalies.merge(reason, 1L, Long::sum);
    }
}
