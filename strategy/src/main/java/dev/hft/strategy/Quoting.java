package dev.hft.strategy;

/** The step a quoting strategy takes for each side on every book change. */
public final class Quoting {

    private Quoting() {
    }

    /**
     * Brings the order {@code token} of {@code side} to {@code price}, enters one when there is none, or cancels it when
     * it is not {@code wanted}; returns the side's token from now on ({@code -1}: none). An order with a cancel or
     * replace in flight is left as it is until the venue answers; an order already at {@code price} is not replaced.
     */
    public static long follow(Orders orders, OpenOrders open, long token, int locate, byte side, int shares, long price,
            boolean wanted) {
        boolean live = token >= 0 && open.isOpen(token);
        if (live && open.isPending(token)) {
            return token;
        }
        if (!wanted) {
            if (live) {
                orders.cancel(token);
            }
            return live ? token : -1;
        }
        if (!live) {
            long entered = orders.enter(locate, side, shares, (int) price);
            return entered >= 0 ? entered : -1;
        }
        if (open.price(token) == price) {
            return token;
        }
        long replaced = orders.replace(token, shares, (int) price);
        return replaced >= 0 ? replaced : token;
    }
}
