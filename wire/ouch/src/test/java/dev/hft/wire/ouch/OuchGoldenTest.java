package dev.hft.wire.ouch;

import static dev.hft.wire.ouch.Bytes.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;

/**
 * Each of the 16 messages: bytes written by hand from the offset tables of PROTOCOLS-OUCH-SOUP-MOLD.md §1.4/1.5,
 * compared with what the encoder writes, then decoded back field by field (the round trip).
 */
class OuchGoldenTest {

    static final byte[] TOKEN = ascii("AB000000000001");
    static final byte[] TOKEN2 = ascii("AB000000000002");
    static final long TS = 34_200_000_000_000L;
    static final String TS_HEX = "0x00001F1ACED9F000";
    static final long AAPL = OuchTypes.stock("AAPL");

    final Recorder recorder = new Recorder();
    final OuchInboundDecoder inbound = new OuchInboundDecoder(recorder);
    final OuchOutboundDecoder outbound = new OuchOutboundDecoder(recorder);

    static MemorySegment segment(int length) {
        return Arena.ofAuto().allocate(length + 3).asSlice(3, length);
    }

    static MemorySegment of(byte[] bytes) {
        MemorySegment s = segment(bytes.length);
        s.copyFrom(MemorySegment.ofArray(bytes));
        return s;
    }

    <T extends OuchFlyweight> T decodeIn(byte[] golden, Class<T> type) {
        assertEquals(OuchDecoder.DECODED, inbound.decode(of(golden), 0, golden.length));
        return recorder.only(type);
    }

    <T extends OuchFlyweight> T decodeOut(byte[] golden, Class<T> type) {
        assertEquals(OuchDecoder.DECODED, outbound.decode(of(golden), 0, golden.length));
        return recorder.only(type);
    }

    @Test
    void enterOrder() {
        byte[] golden = Bytes.of(
                "O",                    // 0  type
                "AB000000000001",       // 1  order token
                "B",                    // 15 buy/sell
                "0x000003E8",           // 16 shares 1000
                "AAPL    ",             // 20 stock
                "0x0012D687",           // 28 price 123.4567
                "0x0001869E",           // 32 time in force 99998
                "FIRM",                 // 36 firm
                "A",                    // 40 display
                "P",                    // 41 capacity
                "N",                    // 42 ISO eligibility
                "0x00000064",           // 43 minimum quantity 100
                "N",                    // 47 cross type
                "R");                   // 48 customer type
        assertEquals(EnterOrder.LENGTH, golden.length);
        MemorySegment s = segment(EnterOrder.LENGTH);
        new EnterOrder().wrapForEncode(s, 0).orderToken(TOKEN).buySellIndicator((byte) 'B').shares(1000).stock(AAPL)
                .price(1_234_567).timeInForce(99_998).firm(OuchTypes.firm("FIRM")).display((byte) 'A')
                .capacity((byte) 'P').intermarketSweepEligibility((byte) 'N').minimumQuantity(100)
                .crossType((byte) 'N').customerType((byte) 'R');
        assertArrayEquals(golden, Bytes.toArray(s));

        EnterOrder m = decodeIn(golden, EnterOrder.class);
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals('B', m.buySellIndicator());
        assertEquals(1000, m.shares());
        assertEquals("AAPL", OuchTypes.alpha(m.stock(), 8));
        assertEquals(1_234_567, m.price());
        assertEquals(99_998, m.timeInForce());
        assertEquals("FIRM", OuchTypes.alpha(m.firm(), 4));
        assertEquals('A', m.display());
        assertEquals('P', m.capacity());
        assertEquals('N', m.intermarketSweepEligibility());
        assertEquals(100, m.minimumQuantity());
        assertEquals('N', m.crossType());
        assertEquals('R', m.customerType());
    }

    @Test
    void replaceOrder() {
        byte[] golden = Bytes.of(
                "U",                    // 0  type
                "AB000000000001",       // 1  existing token
                "AB000000000002",       // 15 replacement token
                "0x000001F4",           // 29 shares 500
                "0x0012D688",           // 33 price 123.4568
                "0x00000000",           // 37 time in force IOC
                "Y",                    // 41 display
                "N",                    // 42 ISO
                "0x00000000");          // 43 minimum quantity
        assertEquals(ReplaceOrder.LENGTH, golden.length);
        MemorySegment s = segment(ReplaceOrder.LENGTH);
        new ReplaceOrder().wrapForEncode(s, 0).existingOrderToken(TOKEN).replacementOrderToken(TOKEN2).shares(500)
                .price(1_234_568).timeInForce(0).display((byte) 'Y').intermarketSweepEligibility((byte) 'N')
                .minimumQuantity(0);
        assertArrayEquals(golden, Bytes.toArray(s));

        ReplaceOrder m = decodeIn(golden, ReplaceOrder.class);
        assertTrue(m.existingOrderTokenEquals(TOKEN));
        assertTrue(m.replacementOrderTokenEquals(TOKEN2));
        assertEquals(500, m.shares());
        assertEquals(1_234_568, m.price());
        assertEquals(0, m.timeInForce());
        assertEquals('Y', m.display());
        assertEquals('N', m.intermarketSweepEligibility());
        assertEquals(0, m.minimumQuantity());
    }

    @Test
    void cancelOrder() {
        byte[] golden = Bytes.of("X", "AB000000000001", "0x00000000");
        assertEquals(CancelOrder.LENGTH, golden.length);
        MemorySegment s = segment(CancelOrder.LENGTH);
        new CancelOrder().wrapForEncode(s, 0).orderToken(TOKEN).shares(0);
        assertArrayEquals(golden, Bytes.toArray(s));
        CancelOrder m = decodeIn(golden, CancelOrder.class);
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals(0, m.shares());
    }

    @Test
    void modifyOrder() {
        byte[] golden = Bytes.of("M", "AB000000000001", "T", "0x0000012C");
        assertEquals(ModifyOrder.LENGTH, golden.length);
        MemorySegment s = segment(ModifyOrder.LENGTH);
        new ModifyOrder().wrapForEncode(s, 0).orderToken(TOKEN).buySellIndicator((byte) 'T').shares(300);
        assertArrayEquals(golden, Bytes.toArray(s));
        ModifyOrder m = decodeIn(golden, ModifyOrder.class);
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals('T', m.buySellIndicator());
        assertEquals(300, m.shares());
    }

    @Test
    void systemEvent() {
        byte[] golden = Bytes.of("S", TS_HEX, "E");
        assertEquals(SystemEvent.LENGTH, golden.length);
        MemorySegment s = segment(SystemEvent.LENGTH);
        new SystemEvent().wrapForEncode(s, 0).timestamp(TS).eventCode((byte) 'E');
        assertArrayEquals(golden, Bytes.toArray(s));
        SystemEvent m = decodeOut(golden, SystemEvent.class);
        assertEquals(TS, m.timestamp());
        assertEquals('E', m.eventCode());
    }

    @Test
    void orderAccepted() {
        byte[] golden = Bytes.of(
                "A",                    // 0  type
                TS_HEX,                 // 1  timestamp
                "AB000000000001",       // 9  token
                "S",                    // 23 buy/sell
                "0x000003E8",           // 24 shares
                "AAPL    ",             // 28 stock
                "0x7735939C",           // 36 price: the maximum
                "0x0001869F",           // 40 time in force 99999
                "FIRM",                 // 44 firm
                "N",                    // 48 display
                "0x0000000000BC614E",   // 49 order reference 12345678
                "A",                    // 57 capacity
                "Y",                    // 58 ISO
                "0x00000000",           // 59 minimum quantity
                "C",                    // 63 cross type
                "L",                    // 64 order state
                "2");                   // 65 BBO weight
        assertEquals(OrderAccepted.LENGTH, golden.length);
        MemorySegment s = segment(OrderAccepted.LENGTH);
        new OrderAccepted().wrapForEncode(s, 0).timestamp(TS).orderToken(TOKEN).buySellIndicator((byte) 'S')
                .shares(1000).stock(AAPL).price(OuchTypes.MAX_PRICE).timeInForce(99_999)
                .firm(OuchTypes.firm("FIRM")).display((byte) 'N').orderReferenceNumber(12_345_678L)
                .capacity((byte) 'A').intermarketSweepEligibility((byte) 'Y').minimumQuantity(0)
                .crossType((byte) 'C').orderState((byte) 'L').bboWeightIndicator((byte) '2');
        assertArrayEquals(golden, Bytes.toArray(s));

        OrderAccepted m = decodeOut(golden, OrderAccepted.class);
        assertEquals(TS, m.timestamp());
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals('S', m.buySellIndicator());
        assertEquals(1000, m.shares());
        assertEquals(AAPL, m.stock());
        assertEquals(OuchTypes.MAX_PRICE, m.price());
        assertEquals(99_999, m.timeInForce());
        assertEquals(OuchTypes.firm("FIRM"), m.firm());
        assertEquals('N', m.display());
        assertEquals(12_345_678L, m.orderReferenceNumber());
        assertEquals('A', m.capacity());
        assertEquals('Y', m.intermarketSweepEligibility());
        assertEquals(0, m.minimumQuantity());
        assertEquals('C', m.crossType());
        assertEquals('L', m.orderState());
        assertEquals('2', m.bboWeightIndicator());
    }

    @Test
    void orderReplaced() {
        byte[] golden = Bytes.of(
                "U",                    // 0  type
                TS_HEX,                 // 1  timestamp
                "AB000000000002",       // 9  replacement token
                "B",                    // 23 buy/sell
                "0x000001F4",           // 24 shares
                "AAPL    ",             // 28 stock
                "0x0012D688",           // 36 price
                "0x0001869E",           // 40 TIF
                "FIRM",                 // 44 firm
                "A",                    // 48 display
                "0x000000003ADE68B1",   // 49 order reference 987654321
                "P",                    // 57 capacity
                "N",                    // 58 ISO
                "0x00000000",           // 59 minimum quantity
                "N",                    // 63 cross type
                "L",                    // 64 order state
                "AB000000000001",       // 65 previous token
                " ");                   // 79 BBO weight
        assertEquals(OrderReplaced.LENGTH, golden.length);
        MemorySegment s = segment(OrderReplaced.LENGTH);
        new OrderReplaced().wrapForEncode(s, 0).timestamp(TS).replacementOrderToken(TOKEN2)
                .buySellIndicator((byte) 'B').shares(500).stock(AAPL).price(1_234_568).timeInForce(99_998)
                .firm(OuchTypes.firm("FIRM")).display((byte) 'A').orderReferenceNumber(987_654_321L)
                .capacity((byte) 'P').intermarketSweepEligibility((byte) 'N').minimumQuantity(0)
                .crossType((byte) 'N').orderState((byte) 'L').previousOrderToken(TOKEN).bboWeightIndicator((byte) ' ');
        assertArrayEquals(golden, Bytes.toArray(s));

        OrderReplaced m = decodeOut(golden, OrderReplaced.class);
        assertEquals(TS, m.timestamp());
        assertTrue(m.replacementOrderTokenEquals(TOKEN2));
        assertTrue(m.previousOrderTokenEquals(TOKEN));
        assertEquals('B', m.buySellIndicator());
        assertEquals(500, m.shares());
        assertEquals(AAPL, m.stock());
        assertEquals(1_234_568, m.price());
        assertEquals(99_998, m.timeInForce());
        assertEquals(987_654_321L, m.orderReferenceNumber());
        assertEquals('L', m.orderState());
        assertEquals(' ', m.bboWeightIndicator());
    }

    @Test
    void orderCanceled() {
        byte[] golden = Bytes.of("C", TS_HEX, "AB000000000001", "0x00000064", "U");
        assertEquals(OrderCanceled.LENGTH, golden.length);
        MemorySegment s = segment(OrderCanceled.LENGTH);
        new OrderCanceled().wrapForEncode(s, 0).timestamp(TS).orderToken(TOKEN).decrementShares(100).reason((byte) 'U');
        assertArrayEquals(golden, Bytes.toArray(s));
        OrderCanceled m = decodeOut(golden, OrderCanceled.class);
        assertEquals(TS, m.timestamp());
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals(100, m.decrementShares());
        assertEquals('U', m.reason());
    }

    @Test
    void aiqCanceled() {
        byte[] golden = Bytes.of("D", TS_HEX, "AB000000000001", "0x00000064", "Q", "0x00000032", "0x0012D687", "R");
        assertEquals(AiqCanceled.LENGTH, golden.length);
        MemorySegment s = segment(AiqCanceled.LENGTH);
        new AiqCanceled().wrapForEncode(s, 0).timestamp(TS).orderToken(TOKEN).decrementShares(100).reason((byte) 'Q')
                .quantityPreventedFromTrading(50).executionPrice(1_234_567).liquidityFlag((byte) 'R');
        assertArrayEquals(golden, Bytes.toArray(s));
        AiqCanceled m = decodeOut(golden, AiqCanceled.class);
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals(100, m.decrementShares());
        assertEquals('Q', m.reason());
        assertEquals(50, m.quantityPreventedFromTrading());
        assertEquals(1_234_567, m.executionPrice());
        assertEquals('R', m.liquidityFlag());
    }

    @Test
    void orderExecuted() {
        byte[] golden = Bytes.of("E", TS_HEX, "AB000000000001", "0x00000064", "0x0012D687", "A", "0x000000003ADE68B1");
        assertEquals(OrderExecuted.LENGTH, golden.length);
        MemorySegment s = segment(OrderExecuted.LENGTH);
        new OrderExecuted().wrapForEncode(s, 0).timestamp(TS).orderToken(TOKEN).executedShares(100)
                .executionPrice(1_234_567).liquidityFlag((byte) 'A').matchNumber(987_654_321L);
        assertArrayEquals(golden, Bytes.toArray(s));
        OrderExecuted m = decodeOut(golden, OrderExecuted.class);
        assertEquals(TS, m.timestamp());
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals(100, m.executedShares());
        assertEquals(1_234_567, m.executionPrice());
        assertEquals('A', m.liquidityFlag());
        assertEquals(987_654_321L, m.matchNumber());
    }

    @Test
    void brokenTrade() {
        byte[] golden = Bytes.of("B", TS_HEX, "AB000000000001", "0x000000003ADE68B1", "E");
        assertEquals(BrokenTrade.LENGTH, golden.length);
        MemorySegment s = segment(BrokenTrade.LENGTH);
        new BrokenTrade().wrapForEncode(s, 0).timestamp(TS).orderToken(TOKEN).matchNumber(987_654_321L).reason((byte) 'E');
        assertArrayEquals(golden, Bytes.toArray(s));
        BrokenTrade m = decodeOut(golden, BrokenTrade.class);
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals(987_654_321L, m.matchNumber());
        assertEquals('E', m.reason());
    }

    @Test
    void orderRejected() {
        byte[] golden = Bytes.of("J", TS_HEX, "AB000000000001", "X");
        assertEquals(OrderRejected.LENGTH, golden.length);
        MemorySegment s = segment(OrderRejected.LENGTH);
        new OrderRejected().wrapForEncode(s, 0).timestamp(TS).orderToken(TOKEN).reason((byte) 'X');
        assertArrayEquals(golden, Bytes.toArray(s));
        OrderRejected m = decodeOut(golden, OrderRejected.class);
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals('X', m.reason());
    }

    @Test
    void cancelPending() {
        byte[] golden = Bytes.of("P", TS_HEX, "AB000000000001");
        assertEquals(CancelPending.LENGTH, golden.length);
        MemorySegment s = segment(CancelPending.LENGTH);
        new CancelPending().wrapForEncode(s, 0).timestamp(TS).orderToken(TOKEN);
        assertArrayEquals(golden, Bytes.toArray(s));
        CancelPending m = decodeOut(golden, CancelPending.class);
        assertEquals(TS, m.timestamp());
        assertTrue(m.orderTokenEquals(TOKEN));
    }

    @Test
    void cancelReject() {
        byte[] golden = Bytes.of("I", TS_HEX, "AB000000000001");
        assertEquals(CancelReject.LENGTH, golden.length);
        MemorySegment s = segment(CancelReject.LENGTH);
        new CancelReject().wrapForEncode(s, 0).timestamp(TS).orderToken(TOKEN);
        assertArrayEquals(golden, Bytes.toArray(s));
        CancelReject m = decodeOut(golden, CancelReject.class);
        assertTrue(m.orderTokenEquals(TOKEN));
    }

    @Test
    void orderPriorityUpdate() {
        byte[] golden = Bytes.of("T", TS_HEX, "AB000000000001", "0x0012D687", "Z", "0x0000000000BC614E");
        assertEquals(OrderPriorityUpdate.LENGTH, golden.length);
        MemorySegment s = segment(OrderPriorityUpdate.LENGTH);
        new OrderPriorityUpdate().wrapForEncode(s, 0).timestamp(TS).orderToken(TOKEN).price(1_234_567)
                .display((byte) 'Z').orderReferenceNumber(12_345_678L);
        assertArrayEquals(golden, Bytes.toArray(s));
        OrderPriorityUpdate m = decodeOut(golden, OrderPriorityUpdate.class);
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals(1_234_567, m.price());
        assertEquals('Z', m.display());
        assertEquals(12_345_678L, m.orderReferenceNumber());
    }

    @Test
    void orderModified() {
        byte[] golden = Bytes.of("M", TS_HEX, "AB000000000001", "S", "0x000000C8");
        assertEquals(OrderModified.LENGTH, golden.length);
        MemorySegment s = segment(OrderModified.LENGTH);
        new OrderModified().wrapForEncode(s, 0).timestamp(TS).orderToken(TOKEN).buySellIndicator((byte) 'S').shares(200);
        assertArrayEquals(golden, Bytes.toArray(s));
        OrderModified m = decodeOut(golden, OrderModified.class);
        assertTrue(m.orderTokenEquals(TOKEN));
        assertEquals('S', m.buySellIndicator());
        assertEquals(200, m.shares());
    }

    @Test
    void copiedTokenEqualsTheWireBytes() {
        byte[] golden = Bytes.of("P", TS_HEX, "AB000000000001");
        byte[] copy = new byte[OuchTypes.TOKEN_LENGTH];
        decodeOut(golden, CancelPending.class).copyOrderToken(copy);
        assertArrayEquals(TOKEN, copy);
    }
}
