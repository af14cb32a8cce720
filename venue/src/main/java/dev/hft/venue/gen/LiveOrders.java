package dev.hft.venue.gen;

import java.util.SplittableRandom;

/** The generator's resting orders: parallel arrays, removal by swapping in the last entry. */
final class LiveOrders {

    private final long[] reference;
    private final int[] locate;
    private final byte[] side;
    private final long[] shares;
    private final int[] price;
    private int size;

    LiveOrders(int capacity) {
        reference = new long[capacity];
        locate = new int[capacity];
        side = new byte[capacity];
        shares = new long[capacity];
        price = new int[capacity];
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == reference.length;
    }

    void add(long orderReference, int stockLocate, byte buySell, long orderShares, int orderPrice) {
        reference[size] = orderReference;
        locate[size] = stockLocate;
        side[size] = buySell;
        shares[size] = orderShares;
        price[size] = orderPrice;
        size++;
    }

    /** The order at {@code index} becomes {@code newReference} (same stock and side) in place: an ITCH U. */
    void replace(int index, long newReference, long newShares, int newPrice) {
        reference[index] = newReference;
        shares[index] = newShares;
        price[index] = newPrice;
    }

    void remove(int index) {
        size--;
        reference[index] = reference[size];
        locate[index] = locate[size];
        side[index] = side[size];
        shares[index] = shares[size];
        price[index] = price[size];
    }

    int random(SplittableRandom random) {
        return random.nextInt(size);
    }

    long reference(int index) {
        return reference[index];
    }

    int locate(int index) {
        return locate[index];
    }

    byte side(int index) {
        return side[index];
    }

    long shares(int index) {
        return shares[index];
    }

    int price(int index) {
        return price[index];
    }

    void setShares(int index, long value) {
        shares[index] = value;
    }
}
