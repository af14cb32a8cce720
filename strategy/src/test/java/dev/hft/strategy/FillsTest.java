package dev.hft.strategy;

import static dev.hft.strategy.testing.StrategyHarness.LOCATE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.hft.strategy.testing.StrategyHarness;
import dev.hft.wire.ouch.OuchTypes;

/** Fills, position and average-cost P&L, driven through the stage by the venue's executions. */
class FillsTest {

    private final StrategyHarness h = new StrategyHarness(StrategyHarness.params(Map.of("max_position", 1_000_000,
            "max_order_shares", 100_000, "max_notional", 100_000_000, "collar_percent", 100.0, "orders_per_second", 1_000_000,
            "burst", 100_000, "max_open_orders", 100)), RecordingStrategy::new);

    private long order(byte side, int shares, int price) {
        long token = h.stage.orders().enter(LOCATE, side, shares, price);
        h.accepted(token, shares, price);
        return token;
    }

    @Test
    void realizedOnWhatClosedUnrealizedOnWhatIsOpen() {
        h.top(99_000, 100, 101_000, 100);
        long buy = order(OuchTypes.BUY, 100, 100_000);      // $10.00
        long sell = order(OuchTypes.SELL, 150, 120_000);    // $12.00
        h.executed(buy, 100, 100_000, 1);
        h.executed(sell, 50, 120_000, 2);
        h.idle();
        Fills f = h.stage.fills();
        assertEquals(50, f.position(LOCATE));
        assertEquals(50 * 20_000, f.realized(LOCATE), "50 closed $2.00 up");
        assertEquals(50 * 10_000, f.unrealized(LOCATE, 110_000), "50 open from $10.00 marked at $11.00");
        h.executed(sell, 100, 120_000, 3);                  // through flat to short 50 at $12.00
        h.idle();
        assertEquals(-50, f.position(LOCATE));
        assertEquals(100 * 20_000, f.realized(LOCATE));
        assertEquals(50 * 10_000, f.unrealized(LOCATE, 110_000), "short 50 from $12.00 marked at $11.00");
        assertEquals(3, f.fills(LOCATE));
        assertEquals(100, f.boughtShares(LOCATE));
        assertEquals(150, f.soldShares(LOCATE));
        assertEquals(h.stage.openOrders().position(LOCATE), f.position(LOCATE));

        h.broken(sell, 3);
        h.idle();
        assertEquals(50, f.position(LOCATE), "the break takes the 100 back out");
        assertEquals(50 * 20_000, f.realized(LOCATE), "as if it had never happened");
        assertEquals(50 * 10_000, f.unrealized(LOCATE, 110_000), "the 50 left open still from $10.00");
        assertEquals(1, f.broken());
        assertEquals(2, f.fills(LOCATE));
        assertEquals(h.stage.openOrders().position(LOCATE), f.position(LOCATE));
    }

    /** Random fills on one symbol: realized + unrealized = cash + position × mark, whatever the path. */
    @Test
    void theTwoPartsAlwaysAddUpToCashPlusMarkedPosition() {
        h.top(99_000, 100, 101_000, 100);
        SplittableRandom random = new SplittableRandom(5);
        long cash = 0;
        long position = 0;
        for (int i = 0; i < 2_000; i++) {
            boolean buy = random.nextBoolean();
            int shares = 1 + random.nextInt(300);
            int price = 90_000 + 100 * random.nextInt(200);
            long token = order(buy ? OuchTypes.BUY : OuchTypes.SELL, shares, price);
            h.executed(token, shares, price, i);
            h.idle();
            h.discardCommands();
            cash += buy ? -(long) shares * price : (long) shares * price;
            position += buy ? shares : -shares;
            long mark = 95_000 + 100 * random.nextInt(100);
            Fills f = h.stage.fills();
            assertEquals(position, f.position(LOCATE));
            assertEquals(cash + position * mark, f.realized(LOCATE) + f.unrealized(LOCATE, mark), "after fill " + i);
        }
        h.assertAccounted();
    }
}
