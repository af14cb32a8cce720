package dev.hft.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RefMapTest {

    @Test
    void agreesWithAHashMapOnRandomOperationsIncludingCollidingReferences() {
        RefMap map = new RefMap(16, 0.65f);
        int initial = map.capacity();
        Map<Long, Integer> reference = new HashMap<>();
        Random random = new Random(7);
        long[] pool = new long[600];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = switch (i % 4) {
                case 0 -> i;                              // sequential, as NASDAQ assigns them
                case 1 -> (long) i << 20;                 // equal modulo every table size up to 2^20
                case 2 -> -i;                             // negative as a signed long, and 0
                default -> random.nextLong();
            };
        }
        for (int step = 0; step < 50_000; step++) {
            long ref = pool[random.nextInt(pool.length)];
            int op = random.nextInt(3);
            if (op == 0) {
                int order = random.nextInt(1 << 20);
                Integer present = reference.putIfAbsent(ref, order);
                assertEquals(present == null ? RefMap.MISSING : present, map.putIfAbsent(ref, order));
            } else if (op == 1) {
                Integer removed = reference.remove(ref);
                assertEquals(removed == null ? RefMap.MISSING : removed, map.remove(ref));
            } else {
                Integer order = reference.get(ref);
                assertEquals(order == null ? RefMap.MISSING : order, map.get(ref));
            }
            assertEquals(reference.size(), map.size());
        }
        for (long ref : pool) {
            Integer order = reference.get(ref);
            assertEquals(order == null ? RefMap.MISSING : order, map.get(ref));
        }
        assertTrue(map.capacity() > initial, "grew past its initial size");
    }

    @Test
    void reserveSpillGrowsTheSpillTableAheadSoCollidingPutsDoNotGrowIt() {
        RefMap map = new RefMap(1000, 0.65f);
        int slots = Integer.highestOneBit(map.capacity());
        // Every reference below has home slot 0: the first one takes it, the rest go to the spill table.
        int spilled = 0;
        while (!map.reserveSpill()) {
            assertEquals(RefMap.MISSING, map.putIfAbsent((long) spilled * slots * slots, spilled));
            spilled++;
        }
        int reserved = map.capacity();
        for (int i = spilled; i < 2 * spilled; i++) {
            assertEquals(RefMap.MISSING, map.putIfAbsent((long) i * slots * slots, i));
        }
        assertEquals(reserved, map.capacity(), "the reserved spill table held the next colliding puts");
        for (int i = 0; i < 2 * spilled; i++) {
            assertEquals(i, map.get((long) i * slots * slots));
        }
        assertEquals(2 * spilled, map.size());
    }

    @Test
    void reserveGrowsOnceAndKeepsEveryEntry() {
        RefMap map = new RefMap(10, 0.65f);
        for (int ref = 0; ref < 10; ref++) {
            map.putIfAbsent(1000 + ref, ref);
        }
        int before = map.capacity();
        map.reserve(1000);
        assertTrue(map.resizeThreshold() >= 1000);
        assertTrue(map.capacity() > before);
        int reserved = map.capacity();
        for (int ref = 10; ref < 1000; ref++) {
            map.putIfAbsent(1000 + ref, ref);
        }
        assertEquals(reserved, map.capacity(), "no growth up to the reserved size");
        for (int ref = 0; ref < 1000; ref++) {
            assertEquals(ref, map.get(1000 + ref));
        }
    }
}
