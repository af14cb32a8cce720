package dev.hft.venue;

import java.util.Arrays;

/**
 * Client order tokens (14 bytes) per account, to an order slot: an insert-only open-addressing table with
 * the whole 128-bit key ({@code hi} = token bytes 0-7, {@code lo} = bytes 8-13 and the account in the top 16
 * bits), so a token is reserved for the day once used. Preallocated, allocation-free.
 */
final class TokenTable {

    static final int EMPTY = Integer.MIN_VALUE;
    /** The token was used; its order is no longer live. */
    static final int DEAD = -1;

    private final long[] his;
    private final long[] los;
    private final int[] values;
    private final int mask;
    private final int capacity;
    private int size;

    TokenTable(int capacity) {
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
        this.his = new long[slots];
        this.los = new long[slots];
        this.values = new int[slots];
        this.mask = slots - 1;
        this.capacity = capacity;
        Arrays.fill(values, EMPTY);
    }

    static long hi(byte[] token) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (token[i] & 0xFF);
        }
        return v;
    }

    static long lo(byte[] token, int account) {
        long v = account & 0xFFFFL;
        for (int i = 8; i < 14; i++) {
            v = v << 8 | (token[i] & 0xFF);
        }
        return v;
    }

    /** Writes the 14 token bytes of an entry's key into {@code dst}. */
    void token(int entry, byte[] dst) {
        long hi = his[entry];
        long lo = los[entry];
        for (int i = 7; i >= 0; i--, hi >>>= 8) {
            dst[i] = (byte) hi;
        }
        for (int i = 13; i >= 8; i--, lo >>>= 8) {
            dst[i] = (byte) lo;
        }
    }

    /** The entry holding the key, or -1. */
    int find(long hi, long lo) {
        for (int i = index(hi, lo); ; i = (i + 1) & mask) {
            if (values[i] == EMPTY) {
                return -1;
            }
            if (his[i] == hi && los[i] == lo) {
                return i;
            }
        }
    }

    /** Inserts a key not in the table; returns its entry, or -1 when the table is at capacity. */
    int insert(long hi, long lo, int value) {
        if (size == capacity) {
            return -1;
        }
        int i = index(hi, lo);
        while (values[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        his[i] = hi;
        los[i] = lo;
        values[i] = value;
        size++;
        return i;
    }

    int value(int entry) {
        return values[entry];
    }

    void value(int entry, int value) {
        values[entry] = value;
    }

    int size() {
        return size;
    }

    private int index(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L + lo;
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return (int) (h ^ (h >>> 33)) & mask;
    }
}
