package dev.hft.strategy;

import static dev.hft.strategy.testing.StrategyHarness.ASK;
import static dev.hft.strategy.testing.StrategyHarness.BID;
import static dev.hft.strategy.testing.StrategyHarness.LOCATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.hft.strategy.testing.StrategyHarness;
import dev.hft.wire.ouch.OuchTypes;

/** Open orders, exposure and positions follow the venue's accepted / executed / canceled / replaced / rejected. */
class OrderLifecycleTest {

    private StrategyHarness f;
    private Orders orders;
    private OpenOrders open;
    private RecordingStrategy strategy;

    @BeforeEach
    void setUp() {
        f = new StrategyHarness(StrategyHarness.params(Map.of("max_position", 10_000)), RecordingStrategy::new);
        f.top(BID, 500, ASK, 700);
        orders = f.stage.orders();
        open = f.stage.openOrders();
        strategy = (RecordingStrategy) f.stage.strategy();
    }

    @AfterEach
    void accounted() {
        f.assertAccounted();
    }

    @Test
    void enterExecuteReplaceCancelExecute() {
        assertEquals(0, orders.enter(LOCATE, OuchTypes.BUY, 300, (int) BID));
        assertTrue(open.isOpen(0));
        assertEquals(300, open.openBuyShares(LOCATE));

        f.accepted(0, 300, (int) BID);
        f.executed(0, 100, (int) BID);
        f.idle();
        assertEquals(100, open.position(LOCATE));
        assertEquals(200, open.shares(0));
        assertEquals(200, open.openBuyShares(LOCATE));

        assertEquals(1, orders.replace(0, 250, (int) BID + 100));
        assertTrue(open.isPending(0));
        assertEquals(RejectReason.ORDER_PENDING, RejectReason.of(orders.cancel(1)), "the replacement is not confirmed yet");
        assertEquals(250, open.openBuyShares(LOCATE), "a replace in flight counts the larger size");
        f.replaced(0, 1, 250, (int) BID + 100);
        f.idle();
        assertFalse(open.isOpen(0));
        assertEquals(250, open.shares(1));
        assertEquals((int) BID + 100, open.price(1));
        assertEquals(250, open.openBuyShares(LOCATE));

        assertEquals(1, orders.cancel(1));
        f.canceled(1, 50);
        f.idle();
        assertEquals(200, open.shares(1));
        f.executed(1, 200, (int) BID + 100);
        f.idle();
        assertFalse(open.isOpen(1));
        assertEquals(0, open.count());
        assertEquals(300, open.position(LOCATE));
        assertEquals(0, open.openBuyShares(LOCATE));

        assertEquals(List.of("ENTER 0 B 300 ACME 1000000 99998", "REPLACE 0->1 250 1000100", "CANCEL 1 0"), f.commands());
        // the refused cancel reaches the strategy once the next callback (onReplaced) has returned
        assertEquals(List.of("accepted 0 7 B 300 1000000", "executed 0 B 100 1000000", "replaced 0->1 250 1000100",
                "rejected 1 7 ORDER_PENDING", "canceled 1 50 left 200", "executed 1 B 200 1000100"), strategy.take());
    }

    @Test
    void sellsTakeThePositionShort() {
        assertEquals(0, orders.enter(LOCATE, OuchTypes.SELL_SHORT, 400, (int) ASK));
        assertEquals(400, open.openSellShares(LOCATE));
        f.accepted(0, 400, (int) ASK);
        f.executed(0, 400, (int) ASK);
        f.idle();
        assertEquals(-400, open.position(LOCATE));
        assertEquals(0, open.count());
    }

    @Test
    void venueRejectsCloseTheOrderOrOnlyItsReplacement() {
        assertEquals(0, orders.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        assertEquals(1, orders.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        f.rejected(0, (byte) 'H');
        f.accepted(1, 100, (int) BID);
        f.idle();
        assertFalse(open.isOpen(0));
        assertEquals(2, orders.replace(1, 150, (int) BID));
        f.rejected(2, (byte) 'X');
        f.idle();
        assertTrue(open.isOpen(1));
        assertFalse(open.isOpen(2));
        assertFalse(open.isPending(1));
        assertEquals(100, open.openBuyShares(LOCATE));
        assertEquals(List.of("rejected 0 7 VENUE H", "accepted 1 7 B 100 1000000", "rejected 2 7 VENUE X"), strategy.take());
        assertEquals(2, f.counter("venue_rejects"));
        assertEquals(0, f.counter("rejected"), "venue rejects are not risk rejects");
    }

    @Test
    void pendingOrdersRefuseASecondReplaceOrCancel() {
        assertEquals(0, orders.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        assertEquals(0, orders.cancel(0));
        assertEquals(RejectReason.ORDER_PENDING, RejectReason.of(orders.cancel(0)));
        assertEquals(RejectReason.ORDER_PENDING, RejectReason.of(orders.replace(0, 50, (int) BID)));
        f.cancelReject(0);
        f.idle();
        assertEquals(1, f.counter("cancel_rejects"));
        assertEquals(0, orders.cancel(0));
    }

    /**
     * The default run's open orders at stop: a cancel for the old token of an order whose replace was in flight
     * reached the venue after the replace, so the venue answered Cancel Reject for a token that was no longer the
     * order's (counted responses.unknown), the slot stayed cancel-pending and no cancel was ever sent for the new
     * token. A cancel now waits for the replace's answer and then goes out for the token the order lives under.
     */
    @Test
    void stopTimeCancelOfAnOrderWithAReplaceInFlightCancelsItUnderItsNewToken() {
        StrategyHarness stop = new StrategyHarness(Map.of("risk", Map.of("max_position", 10_000), "cancel_on_stop", true),
                RecordingStrategy::new);
        stop.top(BID, 500, ASK, 700);
        Orders o = stop.stage.orders();
        OpenOrders open = stop.stage.openOrders();
        assertEquals(0, o.enter(LOCATE, OuchTypes.BUY, 300, (int) BID));
        stop.accepted(0, 300, (int) BID);
        stop.idle();
        assertEquals(1, o.replace(0, 200, (int) BID));
        assertEquals(List.of("ENTER 0 B 300 ACME 1000000 99998", "REPLACE 0->1 200 1000000"), stop.commands());

        assertEquals(RejectReason.ORDER_PENDING, RejectReason.of(o.cancel(0)),
                "no cancel for the old token while its replace is in flight");
        assertFalse(stop.stage.readyToStop());
        assertEquals(List.of("CONTROL halt"), stop.commands(), "nothing to cancel until the replace is answered");

        stop.replaced(0, 1, 200, (int) BID);
        stop.advanceNanos(200_000_000L);
        assertFalse(stop.stage.readyToStop());
        assertEquals(List.of("CANCEL 1 0"), stop.commands(), "the cancel goes out under the token the order lives under");
        stop.canceled(1, 200);
        assertTrue(stop.stage.readyToStop());
        assertEquals(0, open.count());
        assertEquals(0, stop.counter("responses.unknown"));
        assertEquals(0, stop.counter("stop_cancel_timeouts"));
        stop.assertAccounted();
    }

    @Test
    void aCancelRejectForAnOrderThatHasJustFilledIsLateNotUnknown() {
        assertEquals(0, orders.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        f.accepted(0, 100, (int) BID);
        f.idle();
        assertEquals(0, orders.cancel(0));
        f.executed(0, 100, (int) BID);
        f.cancelReject(0);
        f.idle();
        assertEquals(0, open.count());
        assertEquals(100, open.position(LOCATE));
        assertEquals(1, f.counter("cancel_rejects_late"));
        assertEquals(0, f.counter("responses.unknown"));
    }

    @Test
    void foreignAndUnknownTokensAreCountedNotApplied() {
        assertEquals(0, orders.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        f.executed(5, 100, (int) BID);
        f.idle();
        assertEquals(1, f.counter("responses.unknown"));
        assertEquals(0, open.position(LOCATE));
        assertEquals(RejectReason.DUPLICATE_TOKEN, RejectReason.of(orders.enter(LOCATE, OuchTypes.BUY, 100, (int) BID)),
                "token 1 is below the 5 the venue has seen");
    }

    @Test
    void aBrokenTradeComesOutOfThePosition() {
        assertEquals(0, orders.enter(LOCATE, OuchTypes.BUY, 300, (int) BID));
        f.accepted(0, 300, (int) BID);
        f.executed(0, 300, (int) BID);
        f.broken(0, 42);
        f.broken(0, 42);
        f.idle();
        assertEquals(0, open.position(LOCATE));
        assertEquals(List.of("accepted 0 7 B 300 1000000", "executed 0 B 300 1000000", "broken 0 7 42 E",
                "broken 0 -1 42 E"), strategy.take());
        assertEquals(2, f.counter("broken_trades"));
        assertEquals(1, f.counter("broken_trades.unmatched"), "a second break of the same execution changes nothing");
    }

    @Test
    void timerFiresOnceAtItsDeadline() {
        f.stage.timer(f.now + 1000);
        f.now += 999;
        f.idle();
        f.now += 1;
        f.idle();
        f.idle();
        assertEquals(List.of("timer " + f.now), strategy.take());
    }
}
