package dev.hft.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import dev.hft.events.OrderCommand;
import dev.hft.wire.mold.MoldUdpFrameDecoder;
import dev.hft.wire.mold.MoldUdpFrameEncoder;
import dev.hft.wire.ouch.AiqCanceled;
import dev.hft.wire.ouch.BrokenTrade;
import dev.hft.wire.ouch.CancelPending;
import dev.hft.wire.ouch.CancelReject;
import dev.hft.wire.ouch.OrderAccepted;
import dev.hft.wire.ouch.OrderCanceled;
import dev.hft.wire.ouch.OrderExecuted;
import dev.hft.wire.ouch.OrderModified;
import dev.hft.wire.ouch.OrderPriorityUpdate;
import dev.hft.wire.ouch.OrderRejected;
import dev.hft.wire.ouch.OrderReplaced;
import dev.hft.wire.ouch.OrderTokens;
import dev.hft.wire.ouch.OuchOutboundDecoder;
import dev.hft.wire.ouch.OuchOutboundListener;
import dev.hft.wire.ouch.OuchTypes;
import dev.hft.wire.ouch.SystemEvent;

/** The per-order path (token, encode, frame, decode) allocates nothing once warm, by the JVM's own count. */
class AllocationFreeTest {

    long executed;

    final OuchOutboundListener sum = new OuchOutboundListener() {
        @Override public void systemEvent(SystemEvent m) { }
        @Override public void orderAccepted(OrderAccepted m) { executed += m.shares(); }
        @Override public void orderReplaced(OrderReplaced m) { }
        @Override public void orderCanceled(OrderCanceled m) { }
        @Override public void aiqCanceled(AiqCanceled m) { }
        @Override public void orderExecuted(OrderExecuted m) { executed += m.executedShares(); }
        @Override public void brokenTrade(BrokenTrade m) { }
        @Override public void orderRejected(OrderRejected m) { }
        @Override public void cancelPending(CancelPending m) { }
        @Override public void cancelReject(CancelReject m) { }
        @Override public void orderPriorityUpdate(OrderPriorityUpdate m) { }
        @Override public void orderModified(OrderModified m) { }
    };

    @Test
    void encodingAndDecodingAllocateNothing() {
        MemorySegment buffer = Arena.ofAuto().allocate(4096);
        OrderTokens tokens = new OrderTokens("AF", 0);
        OrderCommandEncoder encoder = new OrderCommandEncoder();
        OrderCommand command = new OrderCommand();
        command.stock = OuchTypes.stock("MSFT");
        command.shares = 1;
        MoldUdpFrameEncoder frame = new MoldUdpFrameEncoder(1, 2, 3, 4, 5, 6, "SESSION001".getBytes(), 1514);
        MoldUdpFrameDecoder frames = new MoldUdpFrameDecoder();
        OuchOutboundDecoder decoder = new OuchOutboundDecoder(sum);
        MoldUdpFrameDecoder.Handler ignore = (sequence, segment, offset, length) -> executed++;
        OrderExecuted execution = new OrderExecuted();
        byte[] token = new byte[14];

        Runnable round = () -> {
            tokens.next(command.token);
            frame.begin(buffer, 0);
            encoder.encode(command, buffer, frame.append(OrderCommandEncoder.length(command.kind)));
            frames.decode(buffer, 0, frame.finish(), ignore);
            System.arraycopy(command.token, 0, token, 0, 14);
            execution.wrapForEncode(buffer, 2048).timestamp(1).orderToken(token).executedShares(1).executionPrice(2)
                    .liquidityFlag((byte) 'A').matchNumber(3);
            decoder.decode(buffer, 2048, OrderExecuted.LENGTH);
        };
        for (int i = 0; i < 20_000; i++) {
            round.run();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            round.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes in 100000 rounds");
        assertEquals(240_000, executed);
        assertEquals(120_000, decoder.decoded());
    }
}
