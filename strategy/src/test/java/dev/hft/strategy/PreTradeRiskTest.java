package dev.hft.strategy;

import static dev.hft.strategy.testing.StrategyHarness.ASK;
import static dev.hft.strategy.testing.StrategyHarness.BID;
import static dev.hft.strategy.testing.StrategyHarness.LOCATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.hft.events.BookEvent;
import dev.hft.strategy.testing.StrategyHarness;
import dev.hft.wire.ouch.OuchTypes;

/** Each limit passes an order exactly at it and rejects one unit past it; every intent is accounted. */
class PreTradeRiskTest {

    private static final byte B = OuchTypes.BUY;
    private static final byte S = OuchTypes.SELL;

    private StrategyHarness f;

    private Orders orders(Object... riskOverrides) {
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("max_order_shares", 1000);
        risk.put("max_notional", 1_000_000);
        risk.put("max_open_orders", 20);
        risk.put("max_position", 100_000);
        risk.put("orders_per_second", 1_000_000);
        risk.put("burst", 1000);
        for (int i = 0; i < riskOverrides.length; i += 2) {
            risk.put((String) riskOverrides[i], riskOverrides[i + 1]);
        }
        f = new StrategyHarness(StrategyHarness.params(risk), RecordingStrategy::new);
        f.top(BID, 500, ASK, 700);
        return f.stage.orders();
    }

    private static void rejects(RejectReason reason, long result) {
        assertEquals(reason, RejectReason.of(result), "result " + result);
    }

    @AfterEach
    void accounted() {
        f.assertAccounted();
    }

    @Test
    void orderSize() {
        Orders o = orders("max_order_shares", 300);
        assertEquals(0, o.enter(LOCATE, B, 300, (int) BID));
        rejects(RejectReason.ORDER_SIZE, o.enter(LOCATE, B, 301, (int) BID));
        assertEquals(List.of("ENTER 0 B 300 ACME 1000000 99998"), f.commands());
        assertEquals(1, f.counter("rejected.order_size"));
    }

    @Test
    void notional() {
        Orders o = orders("max_notional", 50_000);
        assertEquals(0, o.enter(LOCATE, B, 500, 1_000_000));
        rejects(RejectReason.NOTIONAL, o.enter(LOCATE, B, 501, 1_000_000));
        rejects(RejectReason.NOTIONAL, o.enter(LOCATE, B, 500, 1_000_001));
        assertEquals(1, f.commands().size());
        assertEquals(2, f.counter("rejected.notional"));
    }

    @Test
    void collarInPercentOfMid() {
        // mid 100.05, 5% of it is 5.0025: buys up to ask + 5.0025, sells down to bid - 5.0025
        Orders o = orders("collar_percent", 5.0);
        assertEquals(0, o.enter(LOCATE, B, 100, 1_051_025));
        rejects(RejectReason.PRICE_COLLAR, o.enter(LOCATE, B, 100, 1_051_026));
        assertEquals(1, o.enter(LOCATE, S, 100, 949_975));
        rejects(RejectReason.PRICE_COLLAR, o.enter(LOCATE, S, 100, 949_974));
        assertEquals(2, f.counter("rejected.price_collar"));
    }

    @Test
    void collarInTicks() {
        Orders o = orders("collar_ticks", 3, "tick", 100);
        assertEquals(0, o.enter(LOCATE, B, 100, (int) ASK + 300));
        rejects(RejectReason.PRICE_COLLAR, o.enter(LOCATE, B, 100, (int) ASK + 301));
        assertEquals(1, o.enter(LOCATE, S, 100, (int) BID - 300));
        rejects(RejectReason.PRICE_COLLAR, o.enter(LOCATE, S, 100, (int) BID - 301));
    }

    @Test
    void noBboRejectsUnlessAllowed() {
        Orders o = orders();
        f.top(BID, 500, 0, 0);
        rejects(RejectReason.NO_BBO, o.enter(LOCATE, B, 100, (int) BID));
        Orders allowed = orders("allow_without_bbo", true);
        f.top(BID, 500, 0, 0);
        assertEquals(0, allowed.enter(LOCATE, B, 100, (int) BID));
    }

    @Test
    void unknownSymbolAndInvalidOrders() {
        Orders o = orders();
        rejects(RejectReason.UNKNOWN_SYMBOL, o.enter(LOCATE + 1, B, 100, (int) BID));
        f.assertAccounted();
        f = new StrategyHarness(Map.of("stocks", Map.of(String.valueOf(LOCATE + 1), "SEEDED")), RecordingStrategy::new);
        o = f.stage.orders();
        f.top(BID, 500, ASK, 700);
        BookEvent noStock = f.reset(BookEvent.TOP, LOCATE + 1);
        noStock.stock = 0;
        noStock.bidPrice = BID;
        noStock.bidShares = 500;
        noStock.askPrice = ASK;
        noStock.askShares = 700;
        f.step(noStock);
        assertEquals(0, o.enter(LOCATE + 1, B, 100, (int) BID), "stocks: seeds the symbol of a locate no R named");
        assertEquals(List.of("ENTER 0 B 100 SEEDED 1000000 99998"), f.commands());
        rejects(RejectReason.INVALID_ORDER, o.enter(LOCATE, (byte) 'X', 100, (int) BID));
        rejects(RejectReason.INVALID_ORDER, o.enter(LOCATE, B, 0, (int) BID));
        rejects(RejectReason.INVALID_ORDER, o.enter(LOCATE, B, 100, 0));
        rejects(RejectReason.INVALID_ORDER, o.enter(-1, B, 100, (int) BID));
        rejects(RejectReason.INVALID_ORDER, o.enter(70_000, B, 100, (int) BID));
        rejects(RejectReason.UNKNOWN_ORDER, o.cancel(99));
        rejects(RejectReason.UNKNOWN_ORDER, o.replace(99, 100, (int) BID));
        assertEquals(List.of(), f.commands());
    }

    @Test
    void openOrders() {
        Orders o = orders("max_open_orders", 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, o.enter(LOCATE, B, 100, (int) BID));
        }
        rejects(RejectReason.OPEN_ORDERS, o.enter(LOCATE, B, 100, (int) BID));
        f.accepted(1, 100, (int) BID);
        f.canceled(1, 100);
        f.idle();
        assertEquals(2, f.stage.openOrders().count());
        assertEquals(3, o.enter(LOCATE, B, 100, (int) BID));
        rejects(RejectReason.OPEN_ORDERS, o.enter(LOCATE, S, 100, (int) ASK));
    }

    @Test
    void positionCountsOpenExposure() {
        Orders o = orders("max_position", 2000, "max_order_shares", 5000);
        assertEquals(0, o.enter(LOCATE, B, 1000, (int) BID));
        assertEquals(1, o.enter(LOCATE, B, 1000, (int) BID));
        rejects(RejectReason.POSITION, o.enter(LOCATE, B, 1, (int) BID));
        f.accepted(0, 1000, (int) BID);
        f.executed(0, 1000, (int) BID);
        f.idle();
        assertEquals(1000, f.stage.openOrders().position(LOCATE));
        rejects(RejectReason.POSITION, o.enter(LOCATE, B, 1, (int) BID));
        // long 1000: sells may reach 1000 + 2000 open before the worst case is 2000 short
        assertEquals(2, o.enter(LOCATE, S, 1000, (int) ASK));
        assertEquals(3, o.enter(LOCATE, S, 1000, (int) ASK));
        assertEquals(4, o.enter(LOCATE, S, 1000, (int) ASK));
        rejects(RejectReason.POSITION, o.enter(LOCATE, S, 1, (int) ASK));
        // a replace that grows an order counts the larger size
        rejects(RejectReason.POSITION, o.replace(4, 1001, (int) ASK));
        assertEquals(5, o.replace(4, 999, (int) ASK));
        assertEquals(4, f.counter("rejected.position"));
    }

    @Test
    void throttleIsATokenBucketOnTheStageClock() {
        Orders o = orders("orders_per_second", 10, "burst", 3);
        assertEquals(0, o.enter(LOCATE, B, 100, (int) BID));
        assertEquals(1, o.enter(LOCATE, B, 100, (int) BID));
        assertEquals(2, o.enter(LOCATE, B, 100, (int) BID));
        rejects(RejectReason.THROTTLE, o.enter(LOCATE, B, 100, (int) BID));
        f.now += 100_000_000 - 1;
        rejects(RejectReason.THROTTLE, o.enter(LOCATE, B, 100, (int) BID));
        f.now += 1;
        assertTrue(o.enter(LOCATE, B, 100, (int) BID) >= 0);
        rejects(RejectReason.THROTTLE, o.enter(LOCATE, B, 100, (int) BID));
        assertEquals(3, f.counter("rejected.throttle"));
        assertEquals(4, f.commands().size());
    }

    @Test
    void duplicateTokenGuard() {
        orders();
        // the venue reports token 2 of this session (a replay after a restart that began at counter 0)
        f.accepted(2, 100, (int) BID);
        f.idle();
        Orders o = f.stage.orders();
        assertEquals(1, f.counter("responses.unknown"));
        rejects(RejectReason.DUPLICATE_TOKEN, o.enter(LOCATE, B, 100, (int) BID));
        rejects(RejectReason.DUPLICATE_TOKEN, o.enter(LOCATE, B, 100, (int) BID));
        rejects(RejectReason.DUPLICATE_TOKEN, o.enter(LOCATE, B, 100, (int) BID));
        assertEquals(3, o.enter(LOCATE, B, 100, (int) BID));
        assertEquals(List.of("ENTER 3 B 100 ACME 1000000 99998"), f.commands());
    }

    @Test
    void egressFullIsARejectNotAWait() {
        f = new StrategyHarness(StrategyHarness.params(Map.of("orders_per_second", 1_000_000, "burst", 1000)), 4,
                RecordingStrategy::new);
        f.top(BID, 500, ASK, 700);
        Orders o = f.stage.orders();
        for (int i = 0; i < 4; i++) {
            assertEquals(i, o.enter(LOCATE, B, 100, (int) BID));
        }
        rejects(RejectReason.EGRESS_FULL, o.enter(LOCATE, B, 100, (int) BID));
        assertEquals(4, f.commands().size());
        assertEquals(5, o.enter(LOCATE, B, 100, (int) BID));
    }

    @Test
    void riskRejectsReachTheStrategyAfterItsCallback() {
        Orders o = orders("max_order_shares", 300);
        RecordingStrategy s = (RecordingStrategy) f.stage.strategy();
        rejects(RejectReason.ORDER_SIZE, o.enter(LOCATE, B, 301, (int) BID));
        assertEquals(List.of(), s.take());
        f.endOfPacket();
        assertEquals(List.of("endOfPacket 7", "rejected -1 7 ORDER_SIZE"), s.take());
    }
}
