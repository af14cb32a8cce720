package dev.hft.strategy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.strategy.testing.StrategyHarness;

class ImbalanceTakerTest {

    @Test
    void takesTheHeavySideAtTheBoundaryAndWaitsOutItsCooldown() {
        StrategyHarness h = new StrategyHarness(Map.of("locate", StrategyHarness.LOCATE, "shares", 100,
                "imbalance_percent", 70, "cooldown_ms", 1000), ImbalanceTaker::new);
        h.packet(1_000_000, 690, 1_001_000, 310);
        assertEquals(List.of(), h.commands(), "69% is under the threshold");
        h.packet(1_000_000, 700, 1_001_000, 300);
        assertEquals(List.of("ENTER 0 B 100 ACME 1001000 0"), h.commands(), "70%: buy the ask, immediate or cancel");

        h.advanceNanos(999_999_999);
        h.packet(1_000_000, 100, 1_001_000, 900);
        assertEquals(List.of(), h.commands(), "cooling down");
        h.advanceNanos(1);
        h.packet(1_000_000, 100, 1_001_000, 901);
        assertEquals(List.of("ENTER 1 S 100 ACME 1000000 0"), h.commands(), "ask-heavy: sell the bid");

        h.advanceNanos(2_000_000_000L);
        h.tradingState((byte) 'H', (byte) ' ');
        h.packet(1_000_000, 900, 1_001_000, 100);
        assertEquals(List.of(), h.commands(), "halted");
        h.assertAccounted();
    }
}
