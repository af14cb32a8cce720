package dev.hft.egress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.dpdk.SharedPorts;
import dev.hft.egress.dpdk.DpdkOrderTransportTest;
import dev.hft.events.OrderCommand;
import dev.hft.events.OrderResponse;
import dev.hft.pipeline.Params;
import dev.hft.wire.mold.MoldUdpFrame;
import dev.hft.wire.mold.MoldUdpFrameDecoder;
import dev.hft.wire.mold.MoldUdpFrameEncoder;
import dev.hft.wire.ouch.CancelOrder;
import dev.hft.wire.ouch.EnterOrder;
import dev.hft.wire.ouch.ModifyOrder;
import dev.hft.wire.ouch.OrderAccepted;
import dev.hft.wire.ouch.OrderTokens;
import dev.hft.wire.ouch.OuchInboundDecoder;
import dev.hft.wire.ouch.OuchInboundListener;
import dev.hft.wire.ouch.OuchTypes;
import dev.hft.wire.ouch.ReplaceOrder;

/**
 * {@code transport: dpdk} through the egress stage: orders leave through net_pcap's tx_pcap as MoldUDP64 frames,
 * venue responses in rx_pcap come back through the stage's listener into its response ring.
 */
class EgressStageDpdkTest {

    static final long AAPL = OuchTypes.stock("AAPL");

    @Test
    void ordersLeaveThroughTxQueueAndResponsesFromRxQueueReachTheResponseRing(@TempDir Path dir) throws Exception {
        DpdkOrderTransportTest.requireEal();
        OrderTokens tokens = new OrderTokens("D1", 0);
        List<OrderCommand> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OrderCommand c = new OrderCommand();
            c.kind = OrderCommand.Kind.ENTER;
            tokens.next(c.token);
            c.shares = 100 + i;
            c.stock = AAPL;
            c.price = 1_500_000 + i;
            orders.add(c);
        }
        Path responses = dir.resolve("responses.pcap");
        DpdkOrderTransportTest.writePcap(responses, List.of(acceptedFrame(orders)));
        Path out = dir.resolve("orders.pcap");
        Map<String, Object> port = Map.of("name", "oe-stage", "device", "net_pcap61,rx_pcap=" + responses + ",tx_pcap=" + out,
                "rx_queues", 1, "tx_queues", 1, "mbufs", 1023);
        Map<String, Object> p = new HashMap<>(Map.of("transport", "dpdk", "dpdk_port", port, "host", "10.0.0.2",
                "port", 26400, "local_ip", "10.0.0.1", "session", "OUCHST"));
        List<String> problems = new ArrayList<>();
        new EgressStageFactory().validate(new Params("p", p), (key, message) -> problems.add(key + ": " + message));
        assertEquals(List.of(), problems);

        TestContext context = new TestContext(new Params("stages.egress.params", p), true);
        EgressStage stage = (EgressStage) new EgressStageFactory().create(context);
        assertEquals(1, SharedPorts.users("oe-stage"));
        stage.onEvent(orders.get(0), 0, false);
        stage.onEvent(orders.get(1), 1, true);
        stage.onEvent(orders.get(2), 2, true);
        for (int i = 0; i < 10_000 && context.published().size() < 3; i++) {
            if (stage.onIdle() == 0) {
                Thread.yield();
            }
        }
        stage.onStop();
        assertEquals(0, SharedPorts.users("oe-stage"), "the port is released when the stage stops");

        List<OrderResponse> published = context.published();
        assertEquals(3, published.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(OrderResponse.Kind.ACCEPTED, published.get(i).kind);
            assertArrayEquals(orders.get(i).token, published.get(i).token);
            assertEquals(100 + i, published.get(i).shares);
            assertEquals(i + 1, published.get(i).sequence);
        }
        assertEquals(3, context.value("responses"));
        assertEquals(3, context.value("sent.enter"));
        assertEquals(0, context.value("send_failures"));

        List<String> onWire = new ArrayList<>();
        OuchInboundDecoder venue = new OuchInboundDecoder(new OuchInboundListener() {
            @Override public void enterOrder(EnterOrder m) { onWire.add("O " + m.shares() + " " + m.price()); }
            @Override public void replaceOrder(ReplaceOrder m) { onWire.add("U"); }
            @Override public void cancelOrder(CancelOrder m) { onWire.add("X"); }
            @Override public void modifyOrder(ModifyOrder m) { onWire.add("M"); }
        });
        List<Integer> perFrame = new ArrayList<>();
        for (byte[] frame : DpdkOrderTransportTest.readPcap(out)) {
            perFrame.add(new MoldUdpFrameDecoder().decode(MemorySegment.ofArray(frame), 0, frame.length,
                    (sequence, segment, offset, length) -> {
                        onWire.add("#" + sequence);
                        venue.decode(segment, offset, length);
                    }));
        }
        assertEquals(List.of(2, 1), perFrame, "one frame per batch");
        assertEquals(List.of("#1", "O 100 1500000", "#2", "O 101 1500001", "#3", "O 102 1500002"), onWire);
    }

    @Test
    void dpdkParamsAreValidatedWithTheirPaths() {
        Map<String, Object> p = Map.of("transport", "dpdk", "host", "venue.example", "port", 26400, "local_ip", "10.0.0",
                "src_mac", "02:00:00:00:01", "local_port", 70000, "rx_queue", -2);
        List<String> problems = new ArrayList<>();
        new EgressStageFactory().validate(new Params("p", p), (key, message) -> problems.add(key));
        assertEquals(List.of("dpdk_port", "host", "local_ip", "src_mac", "local_port", "rx_queue"), problems);

        List<String> unknown = new ArrayList<>();
        new EgressStageFactory().validate(new Params("p", Map.of("transport", "udp", "host", "127.0.0.1", "port", 1,
                "login-timeout-ms", 5)), (key, message) -> unknown.add(key + ": " + message));
        assertEquals(1, unknown.size(), unknown.toString());
        assertTrue(unknown.get(0).startsWith("login-timeout-ms: unknown param, did you mean 'login_timeout_ms'?"), unknown.get(0));
    }

    /** One venue frame with an Order Accepted for each order, sequenced 1..n. */
    private static byte[] acceptedFrame(List<OrderCommand> orders) {
        MoldUdpFrameEncoder encoder = new MoldUdpFrameEncoder(0x020000000002L, 0x020000000001L, 0x0A000002, 0x0A000001,
                26400, 40000, "OUCHST    ".getBytes(StandardCharsets.US_ASCII), MoldUdpFrame.DEFAULT_MAX_FRAME);
        MemorySegment buffer = Arena.ofAuto().allocate(MoldUdpFrame.DEFAULT_MAX_FRAME);
        encoder.begin(buffer, 0);
        for (OrderCommand c : orders) {
            long at = encoder.append(OrderAccepted.LENGTH);
            new OrderAccepted().wrapForEncode(buffer, at).timestamp(1).orderToken(c.token).buySellIndicator(c.side)
                    .shares(c.shares).stock(c.stock).price(c.price).timeInForce(c.timeInForce).firm(c.firm)
                    .display(c.display).orderReferenceNumber(9).capacity(c.capacity)
                    .intermarketSweepEligibility(c.intermarketSweep).minimumQuantity(0).crossType(c.crossType)
                    .orderState(OuchTypes.ORDER_STATE_LIVE).bboWeightIndicator((byte) ' ');
        }
        int length = encoder.finish();
        return buffer.asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
