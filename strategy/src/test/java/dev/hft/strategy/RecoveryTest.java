package dev.hft.strategy;

import static dev.hft.strategy.testing.StrategyHarness.ASK;
import static dev.hft.strategy.testing.StrategyHarness.BID;
import static dev.hft.strategy.testing.StrategyHarness.LOCATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.journal.Journal;
import dev.hft.journal.JournalRecord;
import dev.hft.strategy.testing.StrategyHarness;
import dev.hft.wire.ouch.OuchTypes;

/**
 * A restart rebuilds the stage from the session journal (open orders, positions, token counter), resolves every order
 * found open with the venue before trading again; a dropped session and commands egress could not send are answered.
 */
class RecoveryTest {

    private static Map<String, Object> params() {
        return StrategyHarness.params(Map.of("max_position", 10_000, "max_open_orders", 8));
    }

    @Test
    void aRestartRebuildsPositionsAndOpenOrdersAndResolvesThemBeforeTrading(@TempDir Path dir) {
        Journal journal = Journal.acquire(dir, false);
        StrategyHarness before = new StrategyHarness(params(), 1024, journal, RecordingStrategy::new);
        before.top(BID, 500, ASK, 700);
        Orders orders = before.stage.orders();
        assertEquals(0, orders.enter(LOCATE, OuchTypes.BUY, 300, (int) BID));
        assertEquals(1, orders.enter(LOCATE, OuchTypes.SELL, 200, (int) ASK));
        assertEquals(2, orders.enter(LOCATE, OuchTypes.SELL, 100, (int) ASK));
        before.accepted(0, 300, (int) BID);
        before.executed(0, 100, (int) BID);
        before.accepted(1, 200, (int) ASK);
        before.executed(1, 200, (int) ASK);
        before.idle();
        assertEquals(3, orders.replace(0, 200, (int) BID - 100), "a replace in flight when the process dies");
        assertEquals(RejectReason.PRICE_COLLAR, RejectReason.of(orders.enter(LOCATE, OuchTypes.BUY, 100, 1)));
        before.idle();
        assertEquals(-100, before.stage.openOrders().position(LOCATE));
        assertEquals(2, before.stage.openOrders().count(), "order 0 (replace in flight) and order 2 (never answered)");
        before.commands();
        // the process dies here: no stop, no cancels

        StrategyHarness after = new StrategyHarness(params(), 1024, journal, RecordingStrategy::new);
        OpenOrders open = after.stage.openOrders();
        assertEquals(-100, open.position(LOCATE), "position from the journaled executions");
        assertEquals(2, open.count());
        assertEquals(2, open.unknownCount(), "every order found open is of unknown fate");
        assertEquals(2, after.stage.recoveredOpenOrders());
        assertTrue(after.stage.isRecovering());
        assertEquals(200, open.openBuyShares(LOCATE), "the replace in flight counts the larger of 200 left and 200 asked");
        after.top(BID, 500, ASK, 700);
        assertEquals(List.of("CANCEL 0 0", "CANCEL 2 0"), after.commands(), "one cancel per unknown order, under its token");
        assertEquals(RejectReason.RECOVERING,
                RejectReason.of(after.stage.orders().enter(LOCATE, OuchTypes.BUY, 100, (int) BID)), "no trading yet");

        after.replaced(0, 3, 200, (int) BID - 100);
        after.cancelReject(0);
        after.idle();
        assertEquals(2, open.unknownCount(), "order 0 lives on as 3, still to be resolved, and order 2 is unanswered");
        after.advanceNanos(300_000_000);
        after.idle();
        assertEquals(List.of("CANCEL 3 0"), after.commands(), "its cancel goes to the venue's new token");
        after.canceled(3, 200);
        after.cancelReject(2);
        after.idle();
        assertEquals(0, open.count());
        assertFalse(after.stage.isRecovering(), "every order resolved");
        assertEquals(4, after.stage.orders().enter(LOCATE, OuchTypes.BUY, 100, (int) BID),
                "tokens continue after the highest the journal shows (3), never reusing one");
        assertEquals(1, after.counter("unknown.not_live"));
        assertEquals(3, after.counter("unknown.cancels_sent"));
        after.assertAccounted();

        long rejects = journal.records().stream().filter(r -> r.type == JournalRecord.RISK_REJECT).count();
        assertEquals(2, rejects, "the collar reject before and the RECOVERING reject after the restart are journaled");
        after.stage.onStop();
        before.stage.onStop();
    }

    @Test
    void ordersInFlightWhenTheSessionDropsAreResolvedWithoutStoppingTrading() {
        StrategyHarness f = new StrategyHarness(params(), RecordingStrategy::new);
        f.top(BID, 500, ASK, 700);
        Orders orders = f.stage.orders();
        OpenOrders open = f.stage.openOrders();
        assertEquals(0, orders.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        assertEquals(1, orders.enter(LOCATE, OuchTypes.SELL, 100, (int) ASK));
        f.accepted(0, 100, (int) BID);
        f.idle();
        f.commands();
        f.linkDown();
        f.idle();
        assertFalse(open.isUnknown(0), "accepted, nothing in flight: known live");
        assertTrue(open.isUnknown(1), "sent, never answered");
        assertEquals(List.of("CANCEL 1 0"), f.commands());
        assertEquals(2, orders.enter(LOCATE, OuchTypes.BUY, 100, (int) BID - 100), "trading goes on meanwhile");
        f.notSent(1, 'X');
        f.idle();
        assertTrue(open.isUnknown(1), "its cancel could not be sent: still unknown");
        f.advanceNanos(300_000_000);
        f.linkUp();
        f.idle();
        assertEquals(List.of("ENTER 2 B 100 ACME 999900 99998", "CANCEL 1 0"), f.commands(), "retried once the link is up");
        f.cancelReject(1);
        f.idle();
        assertFalse(open.isOpen(1), "the venue does not have it: closed");
        RecordingStrategy strategy = (RecordingStrategy) f.stage.strategy();
        assertTrue(strategy.calls.contains("canceled 1 100 left 0"), strategy.calls.toString());
        f.assertAccounted();
    }

    @Test
    void aCommandEgressCouldNotSendIsAnsweredAndSettlesLikeAReject() {
        StrategyHarness f = new StrategyHarness(params(), RecordingStrategy::new);
        f.top(BID, 500, ASK, 700);
        Orders orders = f.stage.orders();
        OpenOrders open = f.stage.openOrders();
        assertEquals(0, orders.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        assertEquals(1, orders.enter(LOCATE, OuchTypes.SELL, 100, (int) ASK));
        f.accepted(1, 100, (int) ASK);
        f.idle();
        assertEquals(2, orders.replace(1, 100, (int) ASK + 100));
        f.notSent(0, 'O');
        f.notSent(2, 'U');
        f.idle();
        assertFalse(open.isOpen(0), "the enter never left: closed");
        assertTrue(open.isOpen(1) && !open.isPending(1), "the replace never left: the order lives on unchanged");
        assertEquals(1, orders.cancel(1));
        f.notSent(1, 'X');
        f.idle();
        assertTrue(open.isOpen(1) && !open.isPending(1), "the cancel never left: may be sent again");
        assertEquals(3, f.counter("not_sent"));
        RecordingStrategy strategy = (RecordingStrategy) f.stage.strategy();
        assertEquals(3, strategy.calls.stream().filter(e -> e.contains("NOT_SENT")).count(), strategy.calls.toString());
        f.assertAccounted();
    }

    @Test
    void theOrderRateBucketIsRebuiltOnWallClockTime() {
        RiskLimits limits = RiskLimits.from(new dev.hft.pipeline.Params("risk", Map.of("orders_per_second", 1, "burst", 2)));
        PreTradeRisk full = new PreTradeRisk(limits, 0);
        full.replayTake(1_000_000_000L);
        full.replayTake(1_000_000_000L);
        full.resume(1_001_000_000L, 5);
        assertFalse(full.throttleAllows(5), "two orders 1 ms ago used the whole burst");
        assertTrue(full.throttleAllows(5 + 1_000_000_000L), "one credit back a second later");
        PreTradeRisk later = new PreTradeRisk(limits, 0);
        later.replayTake(1_000_000_000L);
        later.replayTake(1_000_000_000L);
        later.resume(60_000_000_000L, 5);
        assertTrue(later.throttleAllows(5), "a minute later the bucket is full again");
    }
}
