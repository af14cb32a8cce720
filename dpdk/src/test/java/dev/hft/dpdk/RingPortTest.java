package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * net_ring0 (from the EAL arguments) loops TX queue 0 back to RX queue 0 through a fixed-size ring: sending more
 * than the ring holds forces partial tx_bursts, retries, and counted drops, and still no mbuf leaks.
 */
class RingPortTest {

    private static final int FRAMES = 1500;

    @Test
    void partialSendsAreRetriedThenDroppedAndCountedWithoutLeakingMbufs() {
        TestEal.require();
        Port port = Port.open(PortConfig.of("loop", "net_ring0", 1, 1).withMbufs(4095, 0));
        try {
            TxQueue tx = port.txQueue(0);
            for (int i = 0; i < FRAMES; i++) {
                long offset = tx.claim(64);
                tx.memory().set(ValueLayout.JAVA_INT_UNALIGNED, offset, i);
            }
            tx.flush();
            long sent = tx.counters().get(QueueCounter.TX_PACKETS);
            long dropped = tx.counters().get(QueueCounter.TX_DROP_FULL);
            assertEquals(FRAMES, sent + dropped);
            assertTrue(dropped > 0, "the ring must have filled: " + tx.counters());
            assertTrue(tx.counters().get(QueueCounter.TX_RETRIES) > 0, tx.counters().toString());

            RxQueue rx = port.rxQueue(0);
            MbufBurst burst = new MbufBurst(64);
            Mbuf mbuf = new Mbuf();
            int received = 0;
            for (int count = rx.poll(burst); count > 0; count = rx.poll(burst)) {
                for (int i = 0; i < count; i++) {
                    mbuf.wrap(burst.mbuf(i));
                    assertEquals(received + i, tx.memory().get(ValueLayout.JAVA_INT_UNALIGNED, mbuf.dataAddress()));
                    assertEquals(64, mbuf.dataLen());
                }
                received += count;
                rx.free(burst);
            }
            assertEquals(sent, received);
            tx.close();
            assertEquals(port.pool().size(), port.pool().availableCount(), "every mbuf back in the pool");
        } finally {
            port.close();
        }
    }
}
