package dev.hft.strategy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.hft.strategy.testing.StrategyHarness;

class MarketMakerTest {

    private StrategyHarness h;

    private StrategyHarness maker(long inventoryLimit) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("locate", StrategyHarness.LOCATE);
        p.put("quote_shares", 100);
        p.put("half_spread_ticks", 2);
        p.put("skew_shares", 100);
        p.put("inventory_limit", inventoryLimit);
        p.put("risk", Map.of("max_position", 10_000));
        h = new StrategyHarness(p, MarketMaker::new);
        return h;
    }

    @AfterEach
    void accounted() {
        h.assertAccounted();
    }

    @Test
    void quotesBothSidesAroundTheMidAndFollowsTheBbo() {
        maker(500);
        h.packet(1_000_000, 500, 1_001_000, 700);
        assertEquals(List.of("ENTER 0 B 100 ACME 1000300 99998", "ENTER 1 S 100 ACME 1000700 99998"), h.commands());
        h.accepted(0, 100, 1_000_300);
        h.accepted(1, 100, 1_000_700);
        h.idle();

        h.endOfPacket();
        h.packet(1_000_000, 900, 1_001_000, 700);
        assertEquals(List.of(), h.commands(), "same mid: the quotes stay");

        h.packet(1_000_100, 500, 1_001_100, 700);
        assertEquals(List.of("REPLACE 0->2 100 1000400", "REPLACE 1->3 100 1000800"), h.commands());
        h.packet(1_000_200, 500, 1_001_200, 700);
        assertEquals(List.of(), h.commands(), "no second replace while one is in flight");
    }

    @Test
    void skewsWithInventoryAndStopsBiddingAtTheLimit() {
        maker(200);
        h.packet(1_000_000, 500, 1_001_000, 700);
        h.accepted(0, 100, 1_000_300);
        h.accepted(1, 100, 1_000_700);
        h.executed(0, 100, 1_000_300);
        h.idle();
        h.commands();
        // long 100: both quotes one tick lower; the filled bid is entered anew
        h.packet(1_000_000, 500, 1_001_000, 700);
        assertEquals(List.of("ENTER 2 B 100 ACME 1000200 99998", "REPLACE 1->3 100 1000600"), h.commands());
        h.accepted(2, 100, 1_000_200);
        h.replaced(1, 3, 100, 1_000_600);
        h.executed(2, 100, 1_000_200);
        h.idle();
        // long 200 = the limit: no bid; the ask skews two ticks down
        h.packet(1_000_000, 500, 1_001_000, 700);
        assertEquals(List.of("REPLACE 3->4 100 1000500"), h.commands());
        assertEquals(200, h.stage.openOrders().position(StrategyHarness.LOCATE));
    }

    @Test
    void pullsQuotesOnAHaltAndQuotesAgainOnResume() {
        maker(500);
        h.packet(1_000_000, 500, 1_001_000, 700);
        h.accepted(0, 100, 1_000_300);
        h.accepted(1, 100, 1_000_700);
        h.idle();
        h.commands();
        h.tradingState((byte) 'H', (byte) ' ');
        h.endOfPacket();
        assertEquals(List.of("CANCEL 0 0", "CANCEL 1 0"), h.commands());
        h.canceled(0, 100);
        h.canceled(1, 100);
        h.idle();
        h.packet(1_000_100, 500, 1_001_100, 700);
        assertEquals(List.of(), h.commands(), "halted: no quotes");
        h.tradingState((byte) 'T', (byte) ' ');
        h.endOfPacket();
        assertEquals(List.of("ENTER 2 B 100 ACME 1000400 99998", "ENTER 3 S 100 ACME 1000800 99998"), h.commands());
    }
}
