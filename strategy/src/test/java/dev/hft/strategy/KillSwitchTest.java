package dev.hft.strategy;

import static dev.hft.strategy.testing.StrategyHarness.ASK;
import static dev.hft.strategy.testing.StrategyHarness.BID;
import static dev.hft.strategy.testing.StrategyHarness.LOCATE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.strategy.testing.StrategyHarness;
import dev.hft.wire.ouch.OuchTypes;

class KillSwitchTest {

    @Test
    void cancelsEveryOpenOrderOnceAndBlocksNewOnes() {
        StrategyHarness f = new StrategyHarness(StrategyHarness.params(Map.of()), RecordingStrategy::new);
        f.top(BID, 500, ASK, 700);
        Orders o = f.stage.orders();
        assertEquals(0, o.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        assertEquals(1, o.enter(LOCATE, OuchTypes.SELL, 100, (int) ASK));
        assertEquals(2, o.enter(LOCATE, OuchTypes.BUY, 200, (int) BID - 100));
        assertEquals(1, o.cancel(1));
        f.accepted(0, 100, (int) BID);
        f.idle();
        f.commands();

        f.stage.engageKillSwitch();
        f.idle();
        assertEquals(List.of("CONTROL kill-switch", "CANCEL 0 0", "CANCEL 2 0"), f.commands());
        f.idle();
        f.packet(BID, 600, ASK, 700);
        assertEquals(List.of(), f.commands(), "each open order gets exactly one cancel");

        assertEquals(RejectReason.KILL_SWITCH, RejectReason.of(o.enter(LOCATE, OuchTypes.BUY, 100, (int) BID)));
        assertEquals(RejectReason.KILL_SWITCH, RejectReason.of(o.replace(0, 50, (int) BID)));
        f.canceled(0, 100);
        f.canceled(1, 100);
        f.canceled(2, 200);
        f.idle();
        assertEquals(0, f.stage.openOrders().count());
        assertEquals(2, f.counter("rejected.kill_switch"));
        f.assertAccounted();

        f.writeCounter("kill_switch", 0);
        f.idle();
        assertEquals(RejectReason.KILL_SWITCH, RejectReason.of(o.enter(LOCATE, OuchTypes.BUY, 100, (int) BID)),
                "latched until restart, like the egress stage's own kill switch");
        assertEquals(List.of(), f.commands());
    }

    @Test
    void aCancelRejectedWhileKilledIsSentAgain() {
        StrategyHarness f = new StrategyHarness(StrategyHarness.params(Map.of()), RecordingStrategy::new);
        f.top(BID, 500, ASK, 700);
        assertEquals(0, f.stage.orders().enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        f.writeCounter("kill_switch", 1);
        f.idle();
        f.cancelReject(0);
        f.idle();
        assertEquals(List.of("ENTER 0 B 100 ACME 1000000 99998", "CONTROL kill-switch", "CANCEL 0 0", "CANCEL 0 0"),
                f.commands());
        f.assertAccounted();
    }

    @Test
    void cancelsThatFindTheEgressFullGoOutOnALaterStep() {
        StrategyHarness f = new StrategyHarness(StrategyHarness.params(Map.of()), 4, RecordingStrategy::new);
        f.top(BID, 500, ASK, 700);
        Orders o = f.stage.orders();
        for (int i = 0; i < 4; i++) {
            assertEquals(i, o.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        }
        f.writeCounter("kill_switch", 1);
        f.idle();
        assertEquals(4, f.commands().size());
        f.idle();
        assertEquals(List.of("CONTROL kill-switch", "CANCEL 0 0", "CANCEL 1 0", "CANCEL 2 0"), f.commands());
        f.idle();
        assertEquals(List.of("CANCEL 3 0"), f.commands());
        f.assertAccounted();
    }

    @Test
    void haltRefusesNewOrdersButNotCancelsUntilResume() {
        StrategyHarness f = new StrategyHarness(StrategyHarness.params(Map.of()), RecordingStrategy::new);
        f.top(BID, 500, ASK, 700);
        Orders o = f.stage.orders();
        assertEquals(0, o.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        f.stage.halt();
        f.idle();
        assertEquals(RejectReason.HALTED, RejectReason.of(o.enter(LOCATE, OuchTypes.BUY, 100, (int) BID)));
        assertEquals(RejectReason.HALTED, RejectReason.of(o.replace(0, 50, (int) BID)));
        assertEquals(0, o.cancel(0));
        f.stage.resume();
        f.idle();
        assertEquals(1, o.enter(LOCATE, OuchTypes.BUY, 100, (int) BID));
        assertEquals(List.of("ENTER 0 B 100 ACME 1000000 99998", "CONTROL halt", "CANCEL 0 0", "CONTROL resume",
                "ENTER 1 B 100 ACME 1000000 99998"), f.commands());
        assertEquals(2, f.counter("rejected.halted"));
        f.assertAccounted();
    }

    @Test
    void theTopologyCanStartItEngaged() {
        StrategyHarness f = new StrategyHarness(StrategyHarness.params(Map.of("kill_switch", true)), RecordingStrategy::new);
        f.top(BID, 500, ASK, 700);
        assertEquals(RejectReason.KILL_SWITCH, RejectReason.of(f.stage.orders().enter(LOCATE, OuchTypes.BUY, 100, (int) BID)));
        assertEquals(List.of("CONTROL kill-switch"), f.commands());
    }
}
