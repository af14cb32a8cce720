package dev.hft.book;

/**
 * Order reference → order pool index. Keys and values are interleaved in {@code long[]}s (a probe touches one
 * cache line); the value is stored as order + 1, so 0 marks an empty slot and every reference is a valid key.
 *
 * <p>A reference has one home slot, the reference itself folded once, {@code (ref ^ ref >>> bits) & mask}, not a
 * scrambling hash. NASDAQ assigns references in increasing order through the day, so the live orders (mostly
 * recent ones) sit in a contiguous window of the home table: consecutive adds share cache lines and pages
 * instead of each touching a random line of a table of hundreds of megabytes (a TLB miss per message).
 *
 * <p>The home table is direct-mapped: a reference whose home slot is taken goes to a small spill table
 * (open addressing with a multiplicative hash, linear probing, backward-shift delete). Linear probing in the
 * home table itself would turn the dense window into one long cluster that every delete has to scan.
 */
final class RefMap {

    static final int MISSING = -1;

    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private static final int MIN_SPILL = 16;

    private final float loadFactor;
    private long[] home;
    private int mask;
    private int bits;
    private int threshold;
    private long[] spill;
    private int spillMask;
    private int spillShift;
    private int spillThreshold;
    private int spillSize;
    private int size;

    /** Holds {@code expected} references before it grows. */
    RefMap(int expected, float loadFactor) {
        this.loadFactor = loadFactor;
        allocate(slotsFor(expected));
    }

    int size() {
        return size;
    }

    /** Slots in both tables: changes exactly when the map grows. */
    int capacity() {
        return mask + 1 + spillMask + 1;
    }

    /** References held before a put grows the home table. */
    int resizeThreshold() {
        return threshold;
    }

    /** The order of {@code ref}, or {@link #MISSING}. */
    int get(long ref) {
        int i = 2 * homeSlot(ref);
        long value = home[i + 1];
        if (value != 0 && home[i] == ref) {
            return (int) (value - 1);
        }
        return spillSize == 0 ? MISSING : spillGet(ref);
    }

    /** Maps {@code ref} to {@code order} unless it is present; returns the present order or {@link #MISSING}. */
    int putIfAbsent(long ref, int order) {
        int i = 2 * homeSlot(ref);
        long value = home[i + 1];
        if (value != 0 && home[i] == ref) {
            return (int) (value - 1);
        }
        if (spillSize != 0) {
            int present = spillGet(ref);
            if (present != MISSING) {
                return present;
            }
        }
        if (size >= threshold) {
            resize(2 * (mask + 1));
            insertNew(ref, order + 1L);
        } else if (value == 0) {
            home[i] = ref;
            home[i + 1] = order + 1L;
        } else {
            spillInsert(ref, order + 1L);
        }
        size++;
        return MISSING;
    }

    /** Removes {@code ref}; returns its order or {@link #MISSING}. */
    int remove(long ref) {
        int i = 2 * homeSlot(ref);
        long value = home[i + 1];
        if (value != 0 && home[i] == ref) {
            home[i] = 0;
            home[i + 1] = 0;
            size--;
            return (int) (value - 1);
        }
        if (spillSize == 0) {
            return MISSING;
        }
        long[] e = spill;
        for (int j = spillSlot(ref); (value = e[2 * j + 1]) != 0; j = (j + 1) & spillMask) {
            if (e[2 * j] == ref) {
                compact(j);
                spillSize--;
                size--;
                return (int) (value - 1);
            }
        }
        return MISSING;
    }

    /** Grows the tables so they hold {@code expected} references without growing again. Allocates. */
    void reserve(int expected) {
        int slots = slotsFor(expected);
        if (slots > mask + 1) {
            resize(slots);
        }
    }

    /** Doubles the spill table if it is more than 3/4 of the way to growing; returns true if it did. Allocates. */
    boolean reserveSpill() {
        if (spillSize > spillThreshold - spillThreshold / 4) {
            growSpill(2 * (spillMask + 1));
            return true;
        }
        return false;
    }

    private int spillGet(long ref) {
        long[] e = spill;
        for (int j = spillSlot(ref);; j = (j + 1) & spillMask) {
            long value = e[2 * j + 1];
            if (value == 0) {
                return MISSING;
            }
            if (e[2 * j] == ref) {
                return (int) (value - 1);
            }
        }
    }

    /** Inserts a reference known to be absent, in its home slot or the spill table. */
    private void insertNew(long ref, long value) {
        int i = 2 * homeSlot(ref);
        if (home[i + 1] == 0) {
            home[i] = ref;
            home[i + 1] = value;
        } else {
            spillInsert(ref, value);
        }
    }

    private void spillInsert(long ref, long value) {
        if (spillSize >= spillThreshold) {
            growSpill(2 * (spillMask + 1));
        }
        long[] e = spill;
        int j = spillSlot(ref);
        while (e[2 * j + 1] != 0) {
            j = (j + 1) & spillMask;
        }
        e[2 * j] = ref;
        e[2 * j + 1] = value;
        spillSize++;
    }

    private void compact(int hole) {
        long[] e = spill;
        int i = hole;
        for (int j = (i + 1) & spillMask; e[2 * j + 1] != 0; j = (j + 1) & spillMask) {
            int k = spillSlot(e[2 * j]);
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

    private int homeSlot(long ref) {
        return (int) (ref ^ ref >>> bits) & mask;
    }

    private int spillSlot(long ref) {
        return (int) (ref * GOLDEN >>> spillShift);
    }

    private int slotsFor(int expected) {
        long slots = Long.highestOneBit(Math.max(2, (long) Math.ceil(expected / (double) loadFactor)) * 2 - 1);
        while ((long) (slots * loadFactor) < expected && slots < 1 << 30) {
            slots <<= 1;
        }
        return (int) Math.min(1 << 30, slots);
    }

    private void allocate(int slots) {
        home = new long[2 * slots];
        mask = slots - 1;
        bits = Integer.numberOfTrailingZeros(slots);
        threshold = (int) (slots * loadFactor);
        spill = new long[0];
        spillMask = -1;
        spillSize = 0;
        growSpill(Math.max(MIN_SPILL, slots / 8));
    }

    private void growSpill(int slots) {
        long[] old = spill;
        spill = new long[2 * slots];
        spillMask = slots - 1;
        spillShift = 64 - Integer.numberOfTrailingZeros(slots);
        spillThreshold = (int) (slots * loadFactor);
        spillSize = 0;
        for (int s = 0; s < old.length; s += 2) {
            if (old[s + 1] != 0) {
                spillInsert(old[s], old[s + 1]);
            }
        }
    }

    private void resize(int slots) {
        long[] oldHome = home;
        long[] oldSpill = spill;
        allocate(slots);
        for (long[] old : new long[][] {oldHome, oldSpill}) {
            for (int s = 0; s < old.length; s += 2) {
                if (old[s + 1] != 0) {
                    insertNew(old[s], old[s + 1]);
                }
            }
        }
    }
}
