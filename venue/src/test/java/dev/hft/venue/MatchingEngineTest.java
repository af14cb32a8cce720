package dev.hft.venue;

import static dev.hft.venue.MatchingEngine.ASK;
import static dev.hft.venue.MatchingEngine.BID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine stepped on the test thread: exact OUCH responses and ITCH messages per client message. */
class MatchingEngineTest {

    static final int P100 = 1_000_000;
    static final int P99_99 = 999_900;
    static final int P100_01 = 1_000_100;
    static final long T = 34_200_000_000_000L;

    final Recording out = new Recording();
    final Ouch o = new Ouch();
    MatchingEngine e;

    @BeforeEach
    void setUp() {
        e = new MatchingEngine(List.of(new VenueConfig.Symbol("AAPL", P100, 100), new VenueConfig.Symbol("MSFT", 4_000_000, 100)),
                new VenueConfig.Limits(64, 8, 999_999, 64, 4), 3, out, out);
    }

    @Test
    void priceThenTimePriorityAtTheRestingPrice() {
        e.enterOrder(1, o.enter("S1", 'S', 100, "AAPL", P100), T);
        e.enterOrder(1, o.enter("S2", 'S', 100, "AAPL", P100), T);
        e.enterOrder(1, o.enter("S3", 'S', 100, "AAPL", P99_99), T);
        assertEquals(List.of("A 1 S 100 1000000", "A 2 S 100 1000000", "A 3 S 100 999900"), out.itch);
        out.clear();

        e.enterOrder(2, o.enter("B1", 'B', 250, "AAPL", P100, Ouch.IOC, 'Y'), T);

        assertEquals(List.of(
                "2:A B1 B 250 AAPL 1000000 ref=4",
                "1:E S3 100 999900 A match=1", "2:E B1 100 999900 R match=1",
                "1:E S1 100 1000000 A match=2", "2:E B1 100 1000000 R match=2",
                "1:E S2 50 1000000 A match=3", "2:E B1 50 1000000 R match=3"), out.ouch);
        assertEquals(List.of("E 3 100 match=1", "E 1 100 match=2", "E 2 50 match=3"), out.itch);
        assertEquals(250, e.position(2, 0));
        assertEquals(-250, e.position(1, 0));
        assertEquals(1, e.levelCount(0, ASK));
        assertEquals(P100, e.levelPrice(0, ASK, 0));
        assertEquals(50, e.levelShares(0, ASK, 0));
        assertEquals(3, e.executions());
        assertEquals(250, e.sharesTraded());
        assertEquals(1, e.liveOrders());
    }

    @Test
    void partialFillRestsTheRemainderAndIocCancelsIt() {
        e.enterOrder(1, o.enter("S1", 'S', 100, "AAPL", P100), T);
        out.clear();

        e.enterOrder(2, o.enter("B1", 'B', 300, "AAPL", P100_01), T);
        assertEquals(List.of("2:A B1 B 300 AAPL 1000100 ref=2", "1:E S1 100 1000000 A match=1",
                "2:E B1 100 1000000 R match=1"), out.ouch);
        assertEquals(List.of("E 1 100 match=1", "A 2 B 200 1000100"), out.itch);
        assertEquals(200, e.levelShares(0, BID, 0));
        out.clear();

        e.enterOrder(1, o.enter("S2", 'S', 500, "AAPL", P100, Ouch.IOC, 'Y'), T);
        assertEquals(List.of("1:A S2 S 500 AAPL 1000000 ref=3", "2:E B1 200 1000100 A match=2",
                "1:E S2 200 1000100 R match=2", "1:C S2 300 I"), out.ouch);
        assertEquals(List.of("E 2 200 match=2"), out.itch);
        assertEquals(0, e.levelCount(0, BID));
        assertEquals(0, e.levelCount(0, ASK));
        assertEquals(0, e.liveOrders());
    }

    @Test
    void cancelSetsTheNewIntendedSize() {
        e.enterOrder(1, o.enter("B1", 'B', 500, "AAPL", P100), T);
        out.clear();

        e.cancelOrder(1, o.cancel("B1", 200), T);
        e.cancelOrder(1, o.cancel("B1", 200), T);
        e.cancelOrder(1, o.cancel("B1", 0), T);
        e.cancelOrder(1, o.cancel("B1", 0), T);
        e.cancelOrder(2, o.cancel("NOPE", 0), T);

        assertEquals(List.of("1:C B1 300 U", "1:C B1 200 U", "1:I B1", "2:I NOPE"), out.ouch);
        assertEquals(List.of("X 1 300", "D 1"), out.itch);
        assertEquals(0, e.levelCount(0, BID));
        assertEquals(2, e.rejected(RejectReason.UNKNOWN_TOKEN));
        assertEquals(2, e.canceled());
    }

    @Test
    void tokensBelongToTheirAccount() {
        e.enterOrder(1, o.enter("B1", 'B', 500, "AAPL", P100), T);
        e.enterOrder(2, o.enter("B1", 'B', 100, "AAPL", P100), T);
        e.cancelOrder(2, o.cancel("B1", 0), T);
        assertEquals(List.of("1:A B1 B 500 AAPL 1000000 ref=1", "2:A B1 B 100 AAPL 1000000 ref=2", "2:C B1 100 U"), out.ouch);
        assertEquals(500, e.levelShares(0, BID, 0));
    }

    @Test
    void replaceWithFewerSharesAtTheSamePriceKeepsPriority() {
        e.enterOrder(1, o.enter("S1", 'S', 300, "AAPL", P100), T);
        e.enterOrder(2, o.enter("S2", 'S', 100, "AAPL", P100), T);
        out.clear();

        e.replaceOrder(1, o.replace("S1", "S1B", 200, P100, Ouch.DAY, 'Y'), T);
        assertEquals(List.of("1:U S1B was S1 200 1000000 ref=1"), out.ouch);
        assertEquals(List.of("X 1 100"), out.itch);
        out.clear();

        e.enterOrder(2, o.enter("B1", 'B', 250, "AAPL", P100), T);
        assertEquals(List.of("2:A B1 B 250 AAPL 1000000 ref=3", "1:E S1B 200 1000000 A match=1",
                "2:E B1 200 1000000 R match=1", "2:E S2 50 1000000 A match=2", "2:E B1 50 1000000 R match=2"), out.ouch);
        assertEquals(200, e.position(2, 0));
        assertEquals(-200, e.position(1, 0));
    }

    @Test
    void replaceWithMoreSharesOrAnotherPriceLosesPriority() {
        e.enterOrder(1, o.enter("S1", 'S', 100, "AAPL", P100), T);
        e.enterOrder(2, o.enter("S2", 'S', 100, "AAPL", P100), T);
        out.clear();

        e.replaceOrder(1, o.replace("S1", "S1B", 150, P100, Ouch.DAY, 'Y'), T);
        assertEquals(List.of("1:U S1B was S1 150 1000000 ref=3"), out.ouch);
        assertEquals(List.of("U 1 3 150 1000000"), out.itch);
        out.clear();

        e.enterOrder(2, o.enter("B1", 'B', 100, "AAPL", P100), T);
        assertEquals("2:E S2 100 1000000 A match=1", out.ouch.get(1));
        out.clear();

        e.replaceOrder(1, o.replace("S1B", "S1C", 150, P100_01, Ouch.DAY, 'Y'), T);
        assertEquals(List.of("U 3 5 150 1000100"), out.itch);
        assertEquals(P100_01, e.levelPrice(0, ASK, 0));
        assertEquals(2, e.replaced());
    }

    @Test
    void replaceToACrossingPriceDeletesTradesAndAddsTheRest() {
        e.enterOrder(2, o.enter("S9", 'S', 100, "AAPL", P100), T);
        e.enterOrder(1, o.enter("B1", 'B', 300, "AAPL", P99_99), T);
        out.clear();

        e.replaceOrder(1, o.replace("B1", "B2", 300, P100, Ouch.DAY, 'Y'), T);

        assertEquals(List.of("1:U B2 was B1 300 1000000 ref=3", "2:E S9 100 1000000 A match=1",
                "1:E B2 100 1000000 R match=1"), out.ouch);
        assertEquals(List.of("D 2", "E 1 100 match=1", "A 3 B 200 1000000"), out.itch);
        assertEquals(100, e.position(1, 0));
    }

    @Test
    void replaceToIocLeavesTheBookAndCancelsWhatDoesNotTrade() {
        e.enterOrder(1, o.enter("B1", 'B', 300, "AAPL", P100), T);
        out.clear();

        e.replaceOrder(1, o.replace("B1", "B2", 300, P100, Ouch.IOC, 'Y'), T);

        assertEquals(List.of("1:U B2 was B1 300 1000000 ref=2", "1:C B2 300 I"), out.ouch);
        assertEquals(List.of("D 1"), out.itch);
        assertEquals(0, e.liveOrders());
    }

    @Test
    void replaceAndCancelOfUnknownOrDeadTokensAreRefused() {
        e.enterOrder(1, o.enter("B1", 'B', 100, "AAPL", P100), T);
        e.enterOrder(1, o.enter("B2", 'B', 100, "AAPL", P100), T);
        out.clear();

        e.replaceOrder(1, o.replace("NOPE", "B3", 100, P100, Ouch.DAY, 'Y'), T);
        e.replaceOrder(1, o.replace("B1", "B2", 100, P99_99, Ouch.DAY, 'Y'), T);
        e.replaceOrder(1, o.replace("B1", "B4", 100, P99_99, Ouch.DAY, 'Y'), T);
        e.replaceOrder(1, o.replace("B1", "B5", 100, P99_99, Ouch.DAY, 'Y'), T);
        e.modifyOrder(1, o.modify("B1", 'B', 50), T);

        assertEquals(List.of("1:J B3 O", "1:J B2 O", "1:U B4 was B1 100 999900 ref=3", "1:J B5 O", "1:I B1"), out.ouch);
        assertEquals(1, e.rejected(RejectReason.DUPLICATE_TOKEN));
        assertEquals(3, e.rejected(RejectReason.UNKNOWN_TOKEN));
    }

    @Test
    void modifyChangesSideWithinTheDirectionAndReducesKeepingPriority() {
        e.enterOrder(1, o.enter("S1", 'S', 300, "AAPL", P100), T);
        e.enterOrder(2, o.enter("S2", 'S', 300, "AAPL", P100), T);
        out.clear();

        e.modifyOrder(1, o.modify("S1", 'T', 200), T);
        e.modifyOrder(1, o.modify("S1", 'B', 100), T);
        e.modifyOrder(1, o.modify("S1", 'T', 250), T);
        assertEquals(List.of("1:M S1 T 200", "1:I S1", "1:I S1"), out.ouch);
        assertEquals(List.of("X 1 100"), out.itch);
        out.clear();

        e.enterOrder(2, o.enter("B1", 'B', 100, "AAPL", P100, Ouch.IOC, 'Y'), T);
        assertEquals("1:E S1 100 1000000 A match=1", out.ouch.get(1));
    }

    @Test
    void rejectsCarryTheOuchReasonCodes() {
        e.enterOrder(1, o.enter("R1", 'B', 100, "ZZZZ", P100), T);
        e.enterOrder(1, o.enter("R2", 'B', 100, "AAPL", 0), T);
        e.enterOrder(1, o.enter("R3", 'B', 100, "AAPL", 0x7735939D), T);
        e.enterOrder(1, o.enter("R4", 'B', 0, "AAPL", P100), T);
        e.enterOrder(1, o.enter("R5", 'B', 1_000_000, "AAPL", P100), T);
        e.enterOrder(1, o.enter("R6", 'B', 100, "AAPL", P100, Ouch.DAY, 'M'), T);
        e.enterOrder(1, o.enter("R7", 'X', 100, "AAPL", P100), T);
        e.enterOrder(1, o.enter("R8", 'B', 100, "AAPL", P100).minimumQuantity(50), T);
        e.enterOrder(1, o.enter("R9", 'B', 100, "AAPL", P100).crossType((byte) 'O'), T);
        e.enterOrder(1, o.enter("OK", 'B', 100, "AAPL", P100), T);
        e.enterOrder(1, o.enter("OK", 'B', 100, "AAPL", P100), T);

        assertEquals(List.of("1:J R1 S", "1:J R2 X", "1:J R3 X", "1:J R4 Z", "1:J R5 Z", "1:J R6 D", "1:J R7 O",
                "1:J R8 N", "1:J R9 R", "1:A OK B 100 AAPL 1000000 ref=1", "1:J OK O"), out.ouch);
        assertEquals(11, e.ordersReceived());
        assertEquals(1, e.accepted());
        assertEquals(10, e.rejected());
        assertEquals(1, e.rejected(RejectReason.INVALID_STOCK));
        assertEquals(2, e.rejected(RejectReason.INVALID_PRICE));
        assertEquals(2, e.rejected(RejectReason.INVALID_SHARES));
        assertEquals(1, e.rejected(RejectReason.INVALID_DISPLAY));
        assertEquals(1, e.rejected(RejectReason.INVALID_SIDE));
        assertEquals(1, e.rejected(RejectReason.INVALID_MINIMUM_QUANTITY));
        assertEquals(1, e.rejected(RejectReason.INVALID_CROSS_TYPE));
        assertEquals(1, e.rejected(RejectReason.DUPLICATE_TOKEN));
    }

    @Test
    void nonDisplayedOrdersAreInvisibleAndTradeAsP() {
        e.enterOrder(1, o.enter("H1", 'S', 100, "AAPL", P100, Ouch.DAY, 'N'), T);
        e.enterOrder(1, o.enter("A1", 'S', 100, "AAPL", P100, Ouch.DAY, 'A'), T);
        assertEquals(List.of("F 2 S 100 1000000 FIRM"), out.itch);
        assertEquals(200, e.levelShares(0, ASK, 0));
        assertEquals(100, e.levelDisplayedShares(0, ASK, 0));
        out.clear();

        e.enterOrder(2, o.enter("B1", 'B', 150, "MSFT", 4_000_000), T);
        e.enterOrder(2, o.enter("B2", 'B', 150, "AAPL", P100), T);
        assertEquals(List.of("A 3 B 150 4000000", "P S 100 1000000 match=1", "E 2 50 match=2"), out.itch);
        assertEquals("1:E H1 100 1000000 J match=1", out.ouch.get(2));
        assertEquals(150, e.position(2, 0));
        assertEquals(0, e.position(2, 1));
    }

    @Test
    void backgroundOrdersTradeWithoutResponsesAndCountInItsPosition() {
        int slot = e.enterBackground(0, ASK, 100, P100, T);
        long ref = e.orderRef(slot);
        e.enterOrder(1, o.enter("B1", 'B', 60, "AAPL", P100), T);
        e.cancelIfLive(slot, ref, T);
        e.cancelIfLive(slot, ref, T);

        assertEquals(List.of("1:A B1 B 60 AAPL 1000000 ref=2", "1:E B1 60 1000000 R match=1"), out.ouch);
        assertEquals(List.of("A 1 S 100 1000000", "E 1 60 match=1", "D 1"), out.itch);
        assertEquals(-60, e.position(MatchingEngine.BACKGROUND_ACCOUNT, 0));
        assertEquals(0, e.liveOrders());
    }

    @Test
    void startAndEndOfDay() {
        e.startOfDay(T);
        e.endOfDay(T);
        e.ouchSystemEvent(1, (byte) 'S', T);
        assertEquals(List.of("S O", "S S", "S Q", "R 1 AAPL", "R 2 MSFT", "H 1 T", "H 2 T", "S M", "S E", "S C"), out.itchOther);
        assertEquals(List.of("1:S S"), out.ouch);
    }

    @Test
    void fullPoolsRefuseInsteadOfGrowing() {
        MatchingEngine small = new MatchingEngine(List.of(new VenueConfig.Symbol("AAPL", P100, 100)),
                new VenueConfig.Limits(2, 1, 999_999, 3, 0), 2, out, out);
        small.enterOrder(1, o.enter("B1", 'B', 100, "AAPL", P100), T);
        small.enterOrder(1, o.enter("B2", 'B', 100, "AAPL", P99_99), T);
        small.enterOrder(1, o.enter("B3", 'B', 100, "AAPL", P99_99), T);
        small.enterOrder(1, o.enter("B4", 'B', 100, "AAPL", P99_99), T);
        assertEquals(List.of("1:A B1 B 100 AAPL 1000000 ref=1", "1:A B2 B 100 AAPL 999900 ref=2", "1:C B2 100 Z",
                "1:A B3 B 100 AAPL 999900 ref=3", "1:C B3 100 Z", "1:J B4 O"), out.ouch);
        assertEquals(1, small.rejected(RejectReason.CAPACITY));
    }
}
