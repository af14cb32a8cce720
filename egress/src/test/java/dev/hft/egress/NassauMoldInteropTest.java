package dev.hft.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.paritytrading.nassau.moldudp64.MoldUDP64Client;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientState;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientStatusListener;

import dev.hft.events.OrderCommand;
import dev.hft.wire.ouch.CancelOrder;
import dev.hft.wire.ouch.OrderTokens;

/** Frames from {@link UdpOrderTransport} read by paritytrading/nassau's MoldUDP64 client. */
class NassauMoldInteropTest {

    @Test
    void nassauReadsOurFramesWithTheirSequenceNumbers() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        List<String> got = new ArrayList<>();
        try (DatagramChannel receiver = DatagramChannel.open().bind(loopback);
                UdpOrderTransport transport = new UdpOrderTransport((InetSocketAddress) receiver.getLocalAddress(), "S1")) {
            receiver.configureBlocking(false);
            MoldUDP64Client client = new MoldUDP64Client(receiver, loopback,
                    buffer -> got.add("len " + buffer.remaining() + " type " + (char) buffer.get(buffer.position())),
                    new MoldUDP64ClientStatusListener() {
                        @Override public void state(MoldUDP64Client c, MoldUDP64ClientState s) { got.add(s.name()); }
                        @Override public void downstream(MoldUDP64Client c, long sequence, int count) {
                            got.add("downstream " + sequence + " x" + count);
                        }
                        @Override public void request(MoldUDP64Client c, long sequence, int count) { got.add("request"); }
                        @Override public void endOfSession(MoldUDP64Client c) { got.add("end"); }
                    });
            OrderTokens tokens = new OrderTokens("U1", 0);
            OrderCommand cancel = new OrderCommand();
            cancel.kind = OrderCommand.Kind.CANCEL;
            OrderCommandEncoder encoder = new OrderCommandEncoder();
            for (int messages : new int[] {2, 1}) {
                transport.beginFrame();
                for (int i = 0; i < messages; i++) {
                    tokens.next(cancel.token);
                    encoder.encode(cancel, transport.segment(), transport.append(CancelOrder.LENGTH));
                }
                transport.flush();
                for (int tries = 0; tries < 4000 && !client.receive(); tries++) {
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
            }
            assertEquals(List.of("SYNCHRONIZED", "len 19 type X", "len 19 type X", "downstream 1 x2",
                    "len 19 type X", "downstream 3 x1"), got);
        }
    }
}
