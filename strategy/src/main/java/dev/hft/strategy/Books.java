package dev.hft.strategy;

import dev.hft.events.BookEvent;

/**
 * What the strategy stage has seen of each symbol's top of book, indexed by ITCH stock locate: the read-only
 * view a strategy gets. Prices have 4 implied decimals; a side with no orders reads price 0 and shares 0.
 */
public final class Books {

    static final int LOCATES = 1 << 16;

    private final long[] stock = new long[LOCATES];
    private final long[] bidPrice = new long[LOCATES];
    private final long[] bidShares = new long[LOCATES];
    private final long[] askPrice = new long[LOCATES];
    private final long[] askShares = new long[LOCATES];
    private final byte[] tradingState = new byte[LOCATES];
    private final byte[] operationalHalt = new byte[LOCATES];
    private final long[] lastMid = new long[LOCATES];

    /** The 8-byte Stock field (big-endian long), 0 while no event has named the symbol. */
    public long stock(int locate) {
        return stock[locate];
    }

    public long bidPrice(int locate) {
        return bidPrice[locate];
    }

    public long bidShares(int locate) {
        return bidShares[locate];
    }

    public long askPrice(int locate) {
        return askPrice[locate];
    }

    public long askShares(int locate) {
        return askShares[locate];
    }

    /** The mid of the last two-sided top of book ((bid + ask) / 2, rounded down), 0 before the first. */
    public long lastMid(int locate) {
        return lastMid[locate];
    }

    /** Both sides have orders. */
    public boolean hasBbo(int locate) {
        return bidShares[locate] > 0 && askShares[locate] > 0;
    }

    /** The ITCH H Trading State ({@code H P Q T}), 0 before the first H. */
    public byte tradingState(int locate) {
        return tradingState[locate];
    }

    /** The ITCH h Operational Halt Action ({@code H T}), 0 before the first h. */
    public byte operationalHalt(int locate) {
        return operationalHalt[locate];
    }

    /** Trading (state T, or none seen yet: the feed starts mid-session) and not operationally halted. */
    public boolean isTrading(int locate) {
        byte s = tradingState[locate];
        return (s == 0 || s == 'T') && operationalHalt[locate] != 'H';
    }

    void stock(int locate, long stockField) {
        stock[locate] = stockField;
    }

    void apply(BookEvent e) {
        int locate = e.locate;
        if (e.stock != 0) {
            stock[locate] = e.stock;
        }
        if (e.kind == BookEvent.TOP) {
            bidPrice[locate] = e.bidPrice;
            bidShares[locate] = e.bidShares;
            askPrice[locate] = e.askPrice;
            askShares[locate] = e.askShares;
            if (e.bidShares > 0 && e.askShares > 0) {
                lastMid[locate] = (e.bidPrice + e.askPrice) / 2;
            }
        } else if (e.kind == BookEvent.TRADING_STATE) {
            tradingState[locate] = e.tradingState;
            operationalHalt[locate] = e.operationalHalt;
        }
    }
}
