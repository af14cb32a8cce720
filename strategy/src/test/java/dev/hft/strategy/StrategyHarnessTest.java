package dev.hft.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.events.BookEvent;
import dev.hft.events.OrderCommand;
import dev.hft.strategy.testing.StrategyHarness;
import dev.hft.strategy.testing.StrategyHarness.SentOrder;
import dev.hft.wire.ouch.OuchTypes;

/** What the shipped harness gives a strategy author: sent orders, venue answers, risk rejections, other symbols. */
class StrategyHarnessTest {

    @Test
    void recordsOrdersAndTheVenueConfirmsThem() {
        StrategyHarness h = new StrategyHarness(StrategyHarness.params(Map.of("max_position", 10_000)), RecordingStrategy::new);
        h.symbol(9, "ZVZZT");
        h.top(9, 100_000, 100, 100_100, 100);
        h.top(StrategyHarness.BID, 500, StrategyHarness.ASK, 700);
        Orders o = h.stage.orders();
        assertEquals(0, o.enter(StrategyHarness.LOCATE, OuchTypes.BUY, 100, (int) StrategyHarness.BID));
        assertEquals(1, o.enter(9, OuchTypes.SELL, 200, 100_100));
        assertEquals(List.of(new SentOrder(OrderCommand.Kind.ENTER, 0, -1, 'B', 100, "ACME", 1_000_000, 99_998, 7),
                new SentOrder(OrderCommand.Kind.ENTER, 1, -1, 'S', 200, "ZVZZT", 100_100, 99_998, 9)), h.orders());
        assertEquals(2, o.replace(0, 100, (int) StrategyHarness.BID + 100));
        assertEquals(1, o.cancel(1));
        h.venueConfirmsAll();
        assertEquals(List.of(), h.commands(), "confirmed commands are consumed");
        h.idle();
        RecordingStrategy s = (RecordingStrategy) h.strategy();
        assertEquals(List.of("replaced 0->2 100 1000100", "canceled 1 200 left 0"), s.take());
        assertEquals(1, h.stage.openOrders().count());
        h.executed(2, 100, 1_000_100);
        h.trade(StrategyHarness.LOCATE, BookEvent.BID, 100, 1_000_100);
        assertEquals(100, h.stage.openOrders().position(StrategyHarness.LOCATE));
        h.assertAccounted();
    }

    @Test
    void countsRiskRejectionsByReasonAndShowsControls() {
        StrategyHarness h = new StrategyHarness(StrategyHarness.params(Map.of("max_order_shares", 100)), RecordingStrategy::new);
        h.top(StrategyHarness.BID, 500, StrategyHarness.ASK, 700);
        Orders o = h.stage.orders();
        assertEquals(RejectReason.ORDER_SIZE.code(), o.enter(StrategyHarness.LOCATE, OuchTypes.BUY, 101, (int) StrategyHarness.BID));
        assertEquals(RejectReason.UNKNOWN_SYMBOL.code(), o.enter(3, OuchTypes.BUY, 100, (int) StrategyHarness.BID));
        assertEquals(1, h.rejected(RejectReason.ORDER_SIZE));
        assertEquals(1, h.rejected(RejectReason.UNKNOWN_SYMBOL));
        assertEquals(0, h.rejected(RejectReason.POSITION));
        h.stage.engageKillSwitch();
        h.idle();
        assertEquals(List.of("CONTROL kill-switch"), h.commands());
        h.assertAccounted();
        assertEquals(0, h.counter("no_such_counter"));
    }
}
