package dev.hft.strategy;

/**
 * What the venue's executions did for one strategy stage, per stock locate: fills, shares bought and sold, the
 * position, and P&amp;L by the average-cost method, in price units times shares (price units have 4 implied decimals:
 * divide by {@link RiskLimits#PRICE_SCALE} for dollars).
 *
 * <p>Cash is what sells brought in minus what buys paid; cost is the signed cost of the open position at its average
 * entry price. Realized P&amp;L = cash + cost (what closed trades made); unrealized = position × mark − cost. Their sum,
 * cash + position × mark, is exact; the split rounds the average cost to the price unit. A broken trade leaves the
 * figures as if its execution had never happened: the state before it is restored and the later executions of the
 * symbol applied again (only the last 4096 executions are remembered, as {@link OpenOrders} does).
 *
 * <p>Written on the strategy stage's thread, allocation-free; read the figures once the stage has stopped.
 */
public final class Fills {

    private static final int RECENT = 4096;

    private final long[] position = new long[Books.LOCATES];
    private final long[] cost = new long[Books.LOCATES];
    private final long[] cash = new long[Books.LOCATES];
    private final long[] bought = new long[Books.LOCATES];
    private final long[] sold = new long[Books.LOCATES];
    private final int[] fills = new int[Books.LOCATES];
    private long total;
    private long broken;

    private final long[] recentToken = new long[RECENT];
    private final long[] recentMatch = new long[RECENT];
    private final int[] recentLocate = new int[RECENT];
    private final long[] recentShares = new long[RECENT];
    private final int[] recentPrice = new int[RECENT];
    /** The locate's position, cost and cash just before the execution. */
    private final long[] recentPosition = new long[RECENT];
    private final long[] recentCost = new long[RECENT];
    private final long[] recentCash = new long[RECENT];

    /** Executions seen, all locates. */
    public long fills() {
        return total;
    }

    public int fills(int locate) {
        return fills[locate];
    }

    /** Broken trades that matched a remembered execution and were taken back out. */
    public long broken() {
        return broken;
    }

    public long boughtShares(int locate) {
        return bought[locate];
    }

    public long soldShares(int locate) {
        return sold[locate];
    }

    /** Shares bought minus shares sold. */
    public long position(int locate) {
        return position[locate];
    }

    /** What closed trades made, price units × shares. */
    public long realized(int locate) {
        return cash[locate] + cost[locate];
    }

    /** What the open position is worth against its average entry price at {@code mark} (price units), × shares. */
    public long unrealized(int locate, long mark) {
        return position[locate] * mark - cost[locate];
    }

    void executed(long token, long matchNumber, int locate, boolean buy, int shares, int price) {
        long signed = buy ? shares : -shares;
        int i = (int) (total++ % RECENT);
        recentToken[i] = token;
        recentMatch[i] = matchNumber;
        recentLocate[i] = locate;
        recentShares[i] = signed;
        recentPrice[i] = price;
        remember(i, locate);
        apply(locate, signed, price);
        fills[locate]++;
        if (buy) {
            bought[locate] += shares;
        } else {
            sold[locate] += shares;
        }
    }

    /** Takes a remembered execution back out; false when it is not among the last {@value #RECENT}. */
    boolean broken(long token, long matchNumber) {
        for (long n = total - 1; n >= 0 && n >= total - RECENT; n--) {
            int i = (int) (n % RECENT);
            if (recentToken[i] == token && recentMatch[i] == matchNumber && recentShares[i] != 0) {
                int locate = recentLocate[i];
                long signed = recentShares[i];
                position[locate] = recentPosition[i];
                cost[locate] = recentCost[i];
                cash[locate] = recentCash[i];
                recentShares[i] = 0;
                for (long later = n + 1; later < total; later++) {
                    int j = (int) (later % RECENT);
                    if (recentLocate[j] == locate && recentShares[j] != 0) {
                        remember(j, locate);
                        apply(locate, recentShares[j], recentPrice[j]);
                    }
                }
                if (signed > 0) {
                    bought[locate] -= signed;
                } else {
                    sold[locate] += signed;
                }
                fills[locate]--;
                broken++;
                return true;
            }
        }
        return false;
    }

    private void remember(int i, int locate) {
        recentPosition[i] = position[locate];
        recentCost[i] = cost[locate];
        recentCash[i] = cash[locate];
    }

    private void apply(int locate, long signed, int price) {
        long p = position[locate];
        cash[locate] -= signed * price;
        if (p == 0 || (p > 0) == (signed > 0)) {
            cost[locate] += signed * price;
        } else {
            long closing = Math.min(Math.abs(signed), Math.abs(p));
            long left = Math.abs(p) - closing;
            cost[locate] = left == 0 ? 0 : Math.round((double) cost[locate] * left / Math.abs(p));
            long opening = Math.abs(signed) - closing;
            cost[locate] += (signed > 0 ? opening : -opening) * price;
        }
        position[locate] = p + signed;
    }
}
