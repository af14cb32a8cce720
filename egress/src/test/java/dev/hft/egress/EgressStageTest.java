package dev.hft.egress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.events.OrderCommand;
import dev.hft.events.OrderResponse;
import dev.hft.pipeline.Control;
import dev.hft.pipeline.Params;
import dev.hft.wire.mold.MoldUdpFrameDecoder;
import dev.hft.wire.ouch.CancelOrder;
import dev.hft.wire.ouch.EnterOrder;
import dev.hft.wire.ouch.ModifyOrder;
import dev.hft.wire.ouch.OrderAccepted;
import dev.hft.wire.ouch.OrderCanceled;
import dev.hft.wire.ouch.OrderTokens;
import dev.hft.wire.ouch.OuchInboundDecoder;
import dev.hft.wire.ouch.OuchInboundListener;
import dev.hft.wire.ouch.OuchTypes;
import dev.hft.wire.ouch.ReplaceOrder;
import dev.hft.wire.ouch.SystemEvent;
import dev.hft.wire.soup.SoupServer;

/** The egress stage stepped on the test thread against a venue simulated with SoupServer on loopback. */
class EgressStageTest {

    static final long AAPL = OuchTypes.stock("AAPL");
    static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    final OrderTokens tokens = new OrderTokens("T1", 0);
    final MemorySegment scratch = Arena.ofAuto().allocate(128);
    final List<String> venueSaw = new ArrayList<>();
    SoupServer venue;
    EgressStage stage;

    /** Answers Enter Order with Order Accepted and Cancel Order with Order Canceled, like a matching engine would. */
    final OuchInboundDecoder venueDecoder = new OuchInboundDecoder(new OuchInboundListener() {
        @Override
        public void enterOrder(EnterOrder m) {
            venueSaw.add("O " + (char) m.buySellIndicator() + " " + m.shares() + " " + OuchTypes.alpha(m.stock(), 8) + " " + m.price());
            byte[] token = new byte[14];
            m.copyOrderToken(token);
            new OrderAccepted().wrapForEncode(scratch, 0).timestamp(1).orderToken(token).buySellIndicator(m.buySellIndicator())
                    .shares(m.shares()).stock(m.stock()).price(m.price()).timeInForce(m.timeInForce()).firm(m.firm())
                    .display(m.display()).orderReferenceNumber(777).capacity(m.capacity())
                    .intermarketSweepEligibility(m.intermarketSweepEligibility()).minimumQuantity(0)
                    .crossType(m.crossType()).orderState(OuchTypes.ORDER_STATE_LIVE).bboWeightIndicator((byte) ' ');
            venue.publish(scratch, 0, OrderAccepted.LENGTH);
        }

        @Override
        public void replaceOrder(ReplaceOrder m) {
            venueSaw.add("U " + m.shares());
        }

        @Override
        public void cancelOrder(CancelOrder m) {
            venueSaw.add("X " + m.shares());
            byte[] token = new byte[14];
            m.copyOrderToken(token);
            new OrderCanceled().wrapForEncode(scratch, 0).timestamp(2).orderToken(token).decrementShares(100).reason((byte) 'U');
            venue.publish(scratch, 0, OrderCanceled.LENGTH);
        }

        @Override
        public void modifyOrder(ModifyOrder m) {
            venueSaw.add("M " + (char) m.buySellIndicator() + " " + m.shares());
        }
    });

    @AfterEach
    void close() throws IOException {
        if (stage != null) {
            stage.onStop();
        }
        if (venue != null) {
            venue.close();
        }
    }

    void startVenue() throws IOException {
        venue = new SoupServer(ANY, "SESS1", "user", "pw", new SystemNanoClock(), 15_000_000_000L,
                (peer, segment, offset, length) -> venueDecoder.decode(segment, offset, length));
    }

    TestContext soupContext() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("transport", "soup");
        p.put("host", "127.0.0.1");
        p.put("port", venue.port());
        p.put("username", "user");
        Credentials.register("egress-test", "pw");
        p.put("password_ref", "egress-test");
        return new TestContext(new Params("stages.egress.params", p), true);
    }

    void pumpUntil(BooleanSupplier done) {
        for (int i = 0; i < 4000; i++) {
            venue.poll();
            stage.onIdle();
            if (done.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(50_000);
        }
        throw new AssertionError("condition not reached");
    }

    OrderCommand enter(int shares) {
        OrderCommand c = new OrderCommand();
        c.kind = OrderCommand.Kind.ENTER;
        tokens.next(c.token);
        c.side = OuchTypes.BUY;
        c.shares = shares;
        c.stock = AAPL;
        c.price = 1_500_000;
        return c;
    }

    OrderCommand cancel(byte[] token) {
        OrderCommand c = new OrderCommand();
        c.kind = OrderCommand.Kind.CANCEL;
        System.arraycopy(token, 0, c.token, 0, 14);
        c.shares = 0;
        return c;
    }

    void loggedIn(TestContext context) {
        new SystemEvent().wrapForEncode(scratch, 0).timestamp(0).eventCode((byte) 'S');
        venue.publish(scratch, 0, SystemEvent.LENGTH);
        pumpUntil(() -> context.published().size() == 2);
        assertEquals(OrderResponse.Kind.LINK_UP, context.published().get(0).kind, "the login comes first");
        assertEquals(OrderResponse.Kind.SYSTEM_EVENT, context.published().get(1).kind);
    }

    @Test
    void ordersGoOutAsOuchAndVenueResponsesComeBackAsEvents() throws Exception {
        startVenue();
        TestContext context = soupContext();
        stage = (EgressStage) new EgressStageFactory().create(context);
        stage.onStart();
        loggedIn(context);

        OrderCommand enter = enter(100);
        stage.onEvent(enter, 0, true);
        pumpUntil(() -> context.published().size() == 3);
        stage.onEvent(cancel(enter.token), 1, true);
        pumpUntil(() -> context.published().size() == 4);

        assertEquals(List.of("O B 100 AAPL 1500000", "X 0"), venueSaw);
        OrderResponse accepted = context.published().get(2);
        assertEquals(OrderResponse.Kind.ACCEPTED, accepted.kind);
        assertArrayEquals(enter.token, accepted.token);
        assertEquals(100, accepted.shares);
        assertEquals(AAPL, accepted.stock);
        assertEquals(1_500_000, accepted.price);
        assertEquals(777, accepted.orderReferenceNumber);
        assertEquals(OuchTypes.ORDER_STATE_LIVE, accepted.orderState);
        assertEquals(2, accepted.sequence);
        assertTrue(accepted.receiveNanos > 0);
        OrderResponse canceled = context.published().get(3);
        assertEquals(OrderResponse.Kind.CANCELED, canceled.kind);
        assertArrayEquals(enter.token, canceled.token);
        assertEquals(100, canceled.shares);
        assertEquals('U', canceled.reason);
        assertEquals(3, canceled.sequence);

        assertEquals(1, context.value("sent.enter"));
        assertEquals(1, context.value("sent.cancel"));
        assertEquals(0, context.value("sent.replace"));
        assertEquals(EnterOrder.LENGTH + CancelOrder.LENGTH, context.value("bytes"));
        assertEquals(0, context.value("send_failures"));
        assertEquals(3, context.value("responses"));
    }

    @Test
    void aBatchIsEncodedInOrderAndEveryKindReachesTheVenue() throws Exception {
        startVenue();
        TestContext context = soupContext();
        stage = (EgressStage) new EgressStageFactory().create(context);
        stage.onStart();
        loggedIn(context);

        OrderCommand enter = enter(300);
        OrderCommand replace = new OrderCommand();
        replace.kind = OrderCommand.Kind.REPLACE;
        System.arraycopy(enter.token, 0, replace.token, 0, 14);
        tokens.next(replace.replacementToken);
        replace.shares = 200;
        OrderCommand modify = new OrderCommand();
        modify.kind = OrderCommand.Kind.MODIFY;
        System.arraycopy(replace.replacementToken, 0, modify.token, 0, 14);
        modify.side = OuchTypes.SELL;
        modify.shares = 150;
        stage.onEvent(enter, 0, false);
        stage.onEvent(replace, 1, false);
        stage.onEvent(modify, 2, true);
        pumpUntil(() -> venueSaw.size() == 3);
        assertEquals(List.of("O B 300 AAPL 1500000", "U 200", "M S 150"), venueSaw);
        assertEquals(EnterOrder.LENGTH + ReplaceOrder.LENGTH + ModifyOrder.LENGTH, context.value("bytes"));
    }

    @Test
    void ordersBeforeLoginAreAnsweredNotSent() throws Exception {
        startVenue();
        TestContext context = soupContext();
        stage = (EgressStage) new EgressStageFactory().create(context);
        stage.onStart();
        OrderCommand enter = enter(100);
        stage.onEvent(enter, 0, true);
        assertEquals(1, context.value("send_failures"));
        assertEquals(0, context.value("sent.enter"));
        assertEquals(0, context.value("bytes"));
        assertEquals(1, context.value("not_sent"));
        OrderResponse notice = context.published().get(0);
        assertEquals(OrderResponse.Kind.NOT_SENT, notice.kind, "the strategy is told, never left waiting");
        assertArrayEquals(enter.token, notice.token);
        assertEquals('O', notice.reason);
        assertEquals(0, notice.sequence);
    }

    @Test
    void aRestartLogsInAfterTheLastJournaledResponseAndGetsWhatItMissed(@TempDir Path dir)
            throws Exception {
        startVenue();
        TestContext context = journaled(dir);
        stage = (EgressStage) new EgressStageFactory().create(context);
        stage.onStart();
        loggedIn(context);
        stage.onStop();
        stage = null;
        for (int i = 0; i < 2; i++) {
            new SystemEvent().wrapForEncode(scratch, 0).timestamp(10 + i).eventCode((byte) 'E');
            venue.publish(scratch, 0, SystemEvent.LENGTH);
        }
        TestContext again = journaled(dir);
        stage = (EgressStage) new EgressStageFactory().create(again);
        stage.onStart();
        pumpUntil(() -> again.published().size() == 3);
        assertEquals(OrderResponse.Kind.LINK_UP, again.published().get(0).kind);
        assertEquals(List.of(2L, 3L), List.of(again.published().get(1).sequence, again.published().get(2).sequence),
                "logged in at the journal's last sequence + 1: the two it missed, nothing twice");
        stage.onStop();
        stage = null;
        try (dev.hft.journal.Journal journal = dev.hft.journal.Journal.acquire(dir.resolve("day1"), false)) {
            assertEquals(new dev.hft.journal.Journal.SessionState("SESS1", 3, journal.records().size()), journal.sessionState());
            assertEquals(2, journal.records().stream().filter(r -> r.type == dev.hft.journal.JournalRecord.SESSION
                    && r.sessionEvent == dev.hft.journal.JournalRecord.LOGIN_ACCEPTED).count());
        }
    }

    TestContext journaled(Path dir) {
        Map<String, Object> p = new LinkedHashMap<>(soupContext().params().asMap());
        p.put("journal_dir", dir.toString());
        p.put("trading_day", "day1");
        return new TestContext(new Params("stages.egress.params", p), true);
    }

    @Test
    void aDroppedSessionIsReportedAsLinkDown() throws Exception {
        startVenue();
        TestContext context = soupContext();
        stage = (EgressStage) new EgressStageFactory().create(context);
        stage.onStart();
        loggedIn(context);
        venue.dropConnections();
        pumpUntil(() -> context.published().size() == 3);
        assertEquals(OrderResponse.Kind.LINK_DOWN, context.published().get(2).kind);
        assertEquals(1, context.value("session.disconnects"));
    }

    @Test
    void malformedVenueMessagesAreCountedAndSkipped() throws Exception {
        startVenue();
        TestContext context = soupContext();
        stage = (EgressStage) new EgressStageFactory().create(context);
        stage.onStart();
        loggedIn(context);
        venue.publish(MemorySegment.ofArray("Zjunk".getBytes(StandardCharsets.US_ASCII)), 0, 5);
        venue.publish(scratch, 0, OrderAccepted.LENGTH - 1);
        new SystemEvent().wrapForEncode(scratch, 0).timestamp(9).eventCode((byte) 'E');
        venue.publish(scratch, 0, SystemEvent.LENGTH);
        pumpUntil(() -> context.published().size() == 3);
        assertEquals(2, context.value("responses_dropped"));
        assertEquals('E', context.published().get(2).reason);
        assertEquals(4, context.published().get(2).sequence);
    }

    @Test
    void aFullResponseRingHoldsVenueMessagesBackInsteadOfBlocking() throws Exception {
        startVenue();
        TestContext context = soupContext();
        context.gate();
        stage = (EgressStage) new EgressStageFactory().create(context);
        stage.onStart();
        for (int i = 0; i < 100; i++) {
            new SystemEvent().wrapForEncode(scratch, 0).timestamp(i).eventCode((byte) 'S');
            venue.publish(scratch, 0, SystemEvent.LENGTH);
        }
        pumpUntil(() -> context.published().size() == 63);
        for (int i = 0; i < 20; i++) {
            venue.poll();
            stage.onIdle();
        }
        assertEquals(63, context.published().size(), "LINK_UP and 62 messages; one slot kept for a link notice");
        assertEquals(OrderResponse.Kind.LINK_UP, context.responses.get(0).kind);
        for (long s = 1; s < 63; s++) {
            assertEquals(s, context.responses.get(s).sequence);
        }
        context.consumed.set(62);
        pumpUntil(() -> context.responses.buffer().getCursor() == 100);
        for (long s = 63; s <= 100; s++) {
            assertEquals(s, context.responses.get(s).sequence);
            assertEquals(s - 1, context.responses.get(s).timestamp);
        }
        assertEquals(100, context.value("responses"));
    }

    @Test
    void udpTransportSendsOneMoldFramePerBatchWithContinuingSequence() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open().bind(ANY)) {
            Map<String, Object> p = Map.of("transport", "udp", "host", "127.0.0.1",
                    "port", ((InetSocketAddress) receiver.getLocalAddress()).getPort(), "session", "S1");
            TestContext context = new TestContext(new Params("stages.egress.params", p), false);
            EgressStage udp = (EgressStage) new EgressStageFactory().create(context);
            udp.onEvent(enter(1), 0, false);
            udp.onEvent(enter(2), 1, false);
            udp.onEvent(enter(3), 2, true);
            udp.onEvent(enter(4), 3, true);
            udp.onStop();

            List<String> got = new ArrayList<>();
            OuchInboundDecoder decoder = new OuchInboundDecoder(new OuchInboundListener() {
                @Override public void enterOrder(EnterOrder m) { got.add("O " + m.shares()); }
                @Override public void replaceOrder(ReplaceOrder m) { got.add("U"); }
                @Override public void cancelOrder(CancelOrder m) { got.add("X"); }
                @Override public void modifyOrder(ModifyOrder m) { got.add("M"); }
            });
            MoldUdpFrameDecoder mold = new MoldUdpFrameDecoder();
            ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
            for (int expected : new int[] {3, 1}) {
                datagram.clear();
                receiver.receive(datagram);
                datagram.flip();
                int n = mold.decodeMold(MemorySegment.ofBuffer(datagram), 0, datagram.remaining(), (sequence, segment, offset, length) -> {
                    got.add("#" + sequence);
                    decoder.decode(segment, offset, length);
                });
                assertEquals(expected, n);
            }
            assertEquals(List.of("#1", "O 1", "#2", "O 2", "#3", "O 3", "#4", "O 4"), got);
            assertEquals(4, context.value("sent.enter"));
            assertEquals(0, context.value("send_failures"));
        }
    }

    @Test
    void txTapWritesTheSentMessagesAsMoldFramesAndTickToTradeIsExported(@TempDir Path tmp) throws Exception {
        Path tapFile = tmp.resolve("tx.pcap");
        try (DatagramChannel receiver = DatagramChannel.open().bind(ANY)) {
            Map<String, Object> p = Map.of("transport", "udp", "host", "127.0.0.1",
                    "port", ((InetSocketAddress) receiver.getLocalAddress()).getPort(), "session", "S1",
                    "tap", Map.of("file", tapFile.toString()));
            List<String> problems = new ArrayList<>();
            new EgressStageFactory().validate(new Params("p", p), (key, message) -> problems.add(key + ": " + message));
            assertEquals(List.of(), problems);
            TestContext context = new TestContext(new Params("stages.egress.params", p), false);
            long before = dev.hft.pipeline.metrics.Metrics.histogram("tick_to_trade").snapshot().getTotalCount();
            EgressStage udp = (EgressStage) new EgressStageFactory().create(context);
            for (int i = 1; i <= 5; i++) {
                OrderCommand c = enter(i);
                c.receiveNanos = System.nanoTime();
                udp.onEvent(c, i - 1, i % 2 == 0 || i == 5);
            }
            udp.onStop();
            assertEquals(5, dev.hft.pipeline.metrics.Metrics.histogram("tick_to_trade").snapshot().getTotalCount() - before);
            assertEquals(5, udp.tickToTrade().getTotalCount());
        }
        List<String> tapped = new ArrayList<>();
        OuchInboundDecoder decoder = new OuchInboundDecoder(new OuchInboundListener() {
            @Override public void enterOrder(EnterOrder m) { tapped.add("O " + m.shares()); }
            @Override public void replaceOrder(ReplaceOrder m) { tapped.add("U"); }
            @Override public void cancelOrder(CancelOrder m) { tapped.add("X"); }
            @Override public void modifyOrder(ModifyOrder m) { tapped.add("M"); }
        });
        List<Integer> perFrame = new ArrayList<>();
        for (byte[] frame : dev.hft.egress.dpdk.DpdkOrderTransportTest.readPcap(tapFile)) {
            perFrame.add(new MoldUdpFrameDecoder().decode(MemorySegment.ofArray(frame), 0, frame.length,
                    (sequence, segment, offset, length) -> {
                        tapped.add("#" + sequence);
                        decoder.decode(segment, offset, length);
                    }));
        }
        assertEquals(List.of(2, 2, 1), perFrame, "one tapped frame per sent frame");
        assertEquals(List.of("#1", "O 1", "#2", "O 2", "#3", "O 3", "#4", "O 4", "#5", "O 5"), tapped);
    }

    @Test
    void haltAndKillSwitchHoldBackEverythingButCancels() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open().bind(ANY)) {
            Map<String, Object> p = Map.of("transport", "udp", "host", "127.0.0.1",
                    "port", ((InetSocketAddress) receiver.getLocalAddress()).getPort());
            TestContext context = new TestContext(new Params("stages.egress.params", p), false);
            EgressStage udp = (EgressStage) new EgressStageFactory().create(context);
            OrderCommand modify = new OrderCommand();
            modify.kind = OrderCommand.Kind.MODIFY;
            OrderCommand[] events = {enter(1), control(Control.HALT), enter(2), cancel(new byte[14]),
                    control(Control.RESUME), enter(3), control(Control.KILL_SWITCH), enter(4), control(Control.RESUME),
                    modify, cancel(new byte[14])};
            for (int i = 0; i < events.length; i++) {
                udp.onEvent(events[i], i, true);
            }
            udp.onStop();
            assertEquals(2, context.value("sent.enter"));
            assertEquals(2, context.value("sent.cancel"));
            assertEquals(0, context.value("sent.modify"));
            assertEquals(3, context.value("refused"));
            assertEquals(0, context.value("send_failures"));
        }
    }

    @Test
    void refusedEntersAndReplacesAreAnsweredSoNoSenderWaitsForever() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open().bind(ANY)) {
            Map<String, Object> p = Map.of("transport", "udp", "host", "127.0.0.1",
                    "port", ((InetSocketAddress) receiver.getLocalAddress()).getPort());
            TestContext context = new TestContext(new Params("stages.egress.params", p), true);
            EgressStage udp = (EgressStage) new EgressStageFactory().create(context);
            OrderCommand enter = enter(100);
            OrderCommand replace = new OrderCommand();
            replace.kind = OrderCommand.Kind.REPLACE;
            tokens.next(replace.token);
            tokens.next(replace.replacementToken);
            OrderCommand[] events = {control(Control.HALT), enter, replace, cancel(replace.token)};
            for (int i = 0; i < events.length; i++) {
                udp.onEvent(events[i], i, true);
            }
            udp.onStop();
            assertEquals(2, context.value("refused"));
            assertEquals(1, context.value("sent.cancel"));
            List<OrderResponse> published = context.published();
            assertEquals(2, published.size());
            assertEquals(OrderResponse.Kind.REJECTED, published.get(0).kind);
            assertArrayEquals(enter.token, published.get(0).token);
            assertEquals('H', published.get(0).reason);
            assertEquals(OrderResponse.Kind.REJECTED, published.get(1).kind);
            assertArrayEquals(replace.replacementToken, published.get(1).token, "only the replacement is refused");
            assertEquals(0, context.value("refusal_notices_dropped"));
        }
    }

    static OrderCommand control(int code) {
        OrderCommand c = new OrderCommand();
        c.control = code;
        return c;
    }

    @Test
    void validationNamesEveryBadParameter() {
        Map<String, Object> p = Map.of("transport", "fix", "port", 0, "session", "ELEVENCHARS");
        List<String> problems = new ArrayList<>();
        new EgressStageFactory().validate(new Params("p", p), (key, message) -> problems.add(key));
        assertEquals(List.of("transport", "host", "port", "session"), problems);

        Map<String, Object> soup = Map.of("transport", "soup", "host", "h", "port", "oe", "username", "toolonguser",
                "password", "01234567890", "next_sequence", "x", "reconnect_delay_ms", 0);
        problems.clear();
        new EgressStageFactory().validate(new Params("p", soup), (key, message) -> problems.add(key));
        assertEquals(List.of("port", "username", "password", "next_sequence", "reconnect_delay_ms"), problems);
    }
}
