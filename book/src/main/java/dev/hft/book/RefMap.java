package dev.hft.book;

/**
 * Order reference → order pool index: open addressing, linear probing, backward-shift delete, keys and values
 * interleaved in one {@code long[]} (a probe touches one cache line).
 *
 * <p>The slot of a reference is the reference itself folded once, {@code (ref ^ ref >>> bits) & mask}, not a
 * scrambling hash. NASDAQ assigns references in increasing order through the day, so the live orders (mostly
 * recent ones) sit in a contiguous window of the table: consecutive adds fill the same cache lines and pages
 * instead of a random line of a table of hundreds of megabytes each (a TLB miss per message). References equal
 * modulo the capacity are separated by the fold; a feed whose references collide anyway costs longer probes,
 * never a wrong answer.
 */
final class RefMap {

    static final int MISSING = -1;

    private long[] entries;
    private int mask;
    private int bits;
    private int size;
    private int threshold;
    private final float loadFactor;

    /** Holds {@code expected} references before it grows. */
    RefMap(int expected, float loadFactor) {
        this.loadFactor = loadFactor;
        allocate(slotsFor(expected));
    }

    int size() {
        return size;
    }

    /** Slots in the table. */
    int capacity() {
        return mask + 1;
    }

    /** References held before a put grows the table. */
    int resizeThreshold() {
        return threshold;
    }

    /** The order of {@code ref}, or {@link #MISSING}. */
    int get(long ref) {
        long[] e = entries;
        for (int i = slot(ref);; i = (i + 1) & mask) {
            long value = e[2 * i + 1];
            if (value == 0) {
                return MISSING;
            }
            if (e[2 * i] == ref) {
                return (int) (value - 1);
            }
        }
    }

    /** Maps {@code ref} to {@code order} unless it is present; returns the present order or {@link #MISSING}. */
    int putIfAbsent(long ref, int order) {
        if (size >= threshold) {
            resize(2 * capacity());
        }
        long[] e = entries;
        int i = slot(ref);
        for (long value; (value = e[2 * i + 1]) != 0; i = (i + 1) & mask) {
            if (e[2 * i] == ref) {
                return (int) (value - 1);
            }
        }
        e[2 * i] = ref;
        e[2 * i + 1] = order + 1L;
        size++;
        return MISSING;
    }

    /** Removes {@code ref}; returns its order or {@link #MISSING}. */
    int remove(long ref) {
        long[] e = entries;
        int i = slot(ref);
        for (long value; (value = e[2 * i + 1]) != 0; i = (i + 1) & mask) {
            if (e[2 * i] == ref) {
                compact(i);
                size--;
                return (int) (value - 1);
            }
        }
        return MISSING;
    }

    /** Grows the table so it holds {@code expected} references without growing again. Allocates. */
    void reserve(int expected) {
        int slots = slotsFor(expected);
        if (slots > capacity()) {
            resize(slots);
        }
    }

    private void compact(int hole) {
        long[] e = entries;
        int i = hole;
        for (int j = (i + 1) & mask; e[2 * j + 1] != 0; j = (j + 1) & mask) {
            int k = slot(e[2 * j]);
            // Move entry j into the hole unless its home slot k lies cyclically in (i, j].
            if (i <= j ? (k <= i || k > j) : (k <= i && k > j)) {
                e[2 * i] = e[2 * j];
                e[2 * i + 1] = e[2 * j + 1];
                i = j;
            }
        }
        e[2 * i] = 0;
        e[2 * i + 1] = 0;
    }

    private int slot(long ref) {
        return (int) (ref ^ ref >>> bits) & mask;
    }

    private int slotsFor(int expected) {
        long slots = Long.highestOneBit(Math.max(2, (long) Math.ceil(expected / (double) loadFactor)) * 2 - 1);
        while ((long) (slots * loadFactor) < expected && slots < 1 << 30) {
            slots <<= 1;
        }
        return (int) Math.min(1 << 30, slots);
    }

    private void allocate(int slots) {
        entries = new long[2 * slots];
        mask = slots - 1;
        bits = Integer.numberOfTrailingZeros(slots);
        threshold = (int) (slots * loadFactor);
    }

    private void resize(int slots) {
        long[] old = entries;
        allocate(slots);
        long[] e = entries;
        for (int s = 0; s < old.length; s += 2) {
            if (old[s + 1] != 0) {
                int i = slot(old[s]);
                while (e[2 * i + 1] != 0) {
                    i = (i + 1) & mask;
                }
                e[2 * i] = old[s];
                e[2 * i + 1] = old[s + 1];
            }
        }
    }
}
