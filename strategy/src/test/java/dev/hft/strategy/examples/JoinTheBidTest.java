package dev.hft.strategy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.strategy.testing.StrategyHarness;

/** The walk-through of docs/strategy.md, step by step. */
class JoinTheBidTest {

    @Test
    void joinsFollowsAndPullsTheBid() {
        StrategyHarness h = new StrategyHarness(Map.of("locate", StrategyHarness.LOCATE, "shares", 100), JoinTheBid::new);
        h.packet(1_000_000, 500, 1_001_000, 700);
        assertEquals(List.of("ENTER 0 B 100 ACME 1000000 99998"), h.commands());
        h.accepted(0, 100, 1_000_000);
        h.idle();
        h.packet(1_000_100, 200, 1_001_000, 700);
        assertEquals(List.of("REPLACE 0->1 100 1000100"), h.commands());
        h.replaced(0, 1, 100, 1_000_100);
        h.idle();
        h.tradingState((byte) 'H', (byte) ' ');
        h.endOfPacket();
        assertEquals(List.of("CANCEL 1 0"), h.commands());
        h.assertAccounted();
    }
}
