package com.example.starter;

import static dev.hft.strategy.testing.StrategyHarness.ASK;
import static dev.hft.strategy.testing.StrategyHarness.BID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.hft.strategy.RejectReason;
import dev.hft.strategy.testing.StrategyHarness;

/**
 * The strategy stepped by hand: book events in, venue answers in, the orders it sent out. No pipeline, no threads,
 * no network. Commands read {@code ENTER <token> <side> <shares> <stock> <price> <time in force>},
 * {@code REPLACE <token>-><new token> <shares> <price>}, {@code CANCEL <token> <shares>}.
 */
class BboJoinerTest {

    private StrategyHarness h;

    private StrategyHarness joiner(Map<String, Object> risk) {
        h = new StrategyHarness(Map.of("locate", StrategyHarness.LOCATE, "shares", 100, "max_inventory", 100, "risk", risk),
                BboJoiner::new);
        return h;
    }

    @AfterEach
    void everyIntentIsAccounted() {
        h.assertAccounted();
    }

    @Test
    void joinsBothSidesAndFollowsTheBbo() {
        joiner(Map.of());
        h.packet(BID, 500, ASK, 700);
        assertEquals(List.of("ENTER 0 B 100 ACME 1000000 99998", "ENTER 1 S 100 ACME 1001000 99998"), h.commands());
        h.accepted(0, 100, (int) BID);
        h.accepted(1, 100, (int) ASK);
        h.packet(BID + 100, 200, ASK, 700);
        assertEquals(List.of("REPLACE 0->2 100 1000100"), h.commands(), "only the bid moved");
        h.packet(BID + 200, 200, ASK, 700);
        assertEquals(List.of(), h.commands(), "no second replace while one is in flight");
    }

    @Test
    void stopsBiddingAtMaxInventory() {
        joiner(Map.of());
        h.packet(BID, 500, ASK, 700);
        h.accepted(0, 100, (int) BID);
        h.accepted(1, 100, (int) ASK);
        h.executed(0, 100, (int) BID);
        h.idle();
        h.commands();
        h.packet(BID, 500, ASK, 700);
        assertEquals(List.of(), h.commands(), "long 100 = max_inventory: no new bid, the offer stays");
        assertEquals(100, h.stage.openOrders().position(StrategyHarness.LOCATE));
        assertEquals(0, h.stage.fills().realized(StrategyHarness.LOCATE), "nothing closed yet");
    }

    @Test
    void pullsItsOrdersWhileHalted() {
        joiner(Map.of());
        h.packet(BID, 500, ASK, 700);
        h.accepted(0, 100, (int) BID);
        h.accepted(1, 100, (int) ASK);
        h.commands();
        h.tradingState((byte) 'H', (byte) ' ');
        h.endOfPacket();
        assertEquals(List.of("CANCEL 0 0", "CANCEL 1 0"), h.commands());
    }

    @Test
    void riskRefusesWhatBreaksItsLimits() {
        joiner(Map.of("max_order_shares", 50));
        h.packet(BID, 500, ASK, 700);
        assertEquals(List.of(), h.commands(), "100 shares per order is above the 50 allowed");
        assertEquals(2, h.rejected(RejectReason.ORDER_SIZE));
    }
}
