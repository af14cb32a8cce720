package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** After warm-up, RX poll/read/free and TX claim/write/flush on net_null allocate nothing on the Java heap. */
class HotPathAllocationTest {

    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 20_000;

    @Test
    void rxAndTxLoopsAllocateNothing() {
        TestEal.require();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        try (Port port = Port.open(PortConfig.of("gen", "net_null5", 1, 1).withMbufs(4095, 0))) {
            RxQueue rx = port.rxQueue(0);
            TxQueue tx = port.txQueue(0);
            MbufBurst burst = new MbufBurst(32);
            Mbuf mbuf = new Mbuf();
            long checksum = loop(rx, tx, burst, mbuf, WARM_UP);
            long before = threads.getThreadAllocatedBytes(self);
            checksum += loop(rx, tx, burst, mbuf, MEASURED);
            long allocated = threads.getThreadAllocatedBytes(self) - before;
            assertEquals(0, allocated, "bytes allocated by " + MEASURED + " RX+TX iterations (checksum " + checksum + ")");
            tx.close();
            assertEquals(port.pool().size(), port.pool().availableCount());
        }
    }

    private static long loop(RxQueue rx, TxQueue tx, MbufBurst burst, Mbuf mbuf, int iterations) {
        long checksum = 0;
        for (int n = 0; n < iterations; n++) {
            int count = rx.poll(burst);
            for (int i = 0; i < count; i++) {
                mbuf.wrap(burst.mbuf(i));
                checksum += Native.EVERYTHING.get(ValueLayout.JAVA_BYTE, mbuf.dataAddress()) + mbuf.dataLen();
            }
            rx.free(burst);
            long at = tx.claim(64);
            tx.memory().set(ValueLayout.JAVA_LONG_UNALIGNED, at, n);
            if ((n & 7) == 7) {
                tx.flush();
            }
        }
        tx.flush();
        return checksum;
    }
}
