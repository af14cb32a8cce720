package dev.hft.cli;

import dev.hft.events.BookEvent;
import dev.hft.strategy.Strategy;
import dev.hft.strategy.StrategyContext;

/** A strategy that calls System.exit(0) from a callback after 2,000 packets: what a careless strategy might do. */
public final class ExitingStrategy implements Strategy {

    private int packets;

    public ExitingStrategy(StrategyContext context) {
    }

    @Override
    public void onEndOfPacket(BookEvent end) {
        packets++;
        if (packets == 2_000) {
            System.exit(0);
        }
    }
}
