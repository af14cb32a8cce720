package dev.hft.bench.harness;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.hft.book.BookUpdater;
import dev.hft.book.OrderBooks;
import dev.hft.wire.itch.ItchDecoder;
import dev.hft.wire.itch.ItchEncoder;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.mold.MoldPacketWriter;
import dev.hft.wire.net.BigEndian;

/**
 * Wire-to-book latency over kernel UDP on loopback at a fixed rate with planned send times. A sender thread
 * (parked between sends, not spinning) sends one MoldUDP64 packet per planned time, holding an add order and the
 * delete of the order added {@value #RESTING} packets earlier (the book stays at a steady size). The receiver
 * (blocking socket) checks the Mold sequence, decodes the ITCH messages into {@link OrderBooks}, and records
 * now - planned send time of that packet. Lost packets are counted by sequence gaps and by the final count.
 */
public final class LoopbackFeed {

    static final int RESTING = 1000;
    private static final int LOCATE = 1;
    /** Where the first message's order reference sits: Mold header, length prefix, then ITCH offset 11. */
    private static final int FIRST_REF = MoldPacket.HEADER_LENGTH + MoldPacket.MESSAGE_LENGTH_LENGTH + 11;
    private static final long STOCK = 0x4245_4E43_4820_2020L; // "BENCH   "

    /** One step's outcome. */
    public record Step(int rate, long sent, long received, long lost, long gapMessages, long gcCount, PlannedLatency latency) {
        public boolean lossless() {
            return lost == 0 && gapMessages == 0 && received == sent;
        }
    }

    private LoopbackFeed() {
    }

    /** Sends {@code packets} packets at {@code rate} per second and measures each from its planned send time. */
    public static Step run(int rate, int packets) throws IOException, InterruptedException {
        return run(rate, packets, null);
    }

    /**
     * As {@link #run(int, int)}; with {@code veth} the receiver binds the pair's host end and the sender thread enters
     * its namespace first, so every packet crosses the veth pair.
     */
    public static Step run(int rate, int packets, VethPair veth) throws IOException, InterruptedException {
        long[] planned = new long[packets + 1];
        PlannedLatency latency = new PlannedLatency(TimeUnit.SECONDS.toNanos(10));
        try (DatagramChannel rx = DatagramChannel.open(); Arena arena = Arena.ofShared()) {
            rx.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            rx.bind(veth == null ? new InetSocketAddress("127.0.0.1", 0) : veth.hostAddress());
            InetSocketAddress target = (InetSocketAddress) rx.getLocalAddress();
            OrderBooks books = OrderBooks.withOrderCapacity(4 * RESTING);
            books.stockDirectory(LOCATE, STOCK);
            ItchDecoder decoder = new ItchDecoder(new BookUpdater(books));
            long gcBefore = gcCount();
            long[] received = new long[2]; // packets received, packets lost by sequence gaps
            Thread receiver = new Thread(() -> receive(rx, arena, planned, packets, decoder, latency, received), "bench-rx");
            receiver.start();
            Throwable[] sendFailure = new Throwable[1];
            Thread sender = new Thread(() -> {
                if (veth != null) {
                    veth.enterOnThisThread();
                }
                try (DatagramChannel tx = DatagramChannel.open()) {
                    tx.connect(target);
                    send(tx, arena, planned, rate, packets);
                } catch (IOException | RuntimeException e) {
                    sendFailure[0] = e;
                }
            }, "bench-tx");
            sender.start();
            sender.join();
            if (sendFailure[0] != null) {
                rx.close();
                receiver.join();
                throw new IOException("sender failed", sendFailure[0]);
            }
            receiver.join(TimeUnit.SECONDS.toMillis(2));
            if (receiver.isAlive()) {
                rx.close(); // unblocks the receiver: packets still missing are lost
                receiver.join();
            }
            long gc = gcCount() - gcBefore;
            long lost = packets - received[0];
            return new Step(rate, packets, received[0], lost, received[1], gc, latency);
        }
    }

    private static void send(DatagramChannel tx, Arena arena, long[] planned, int rate, int packets) throws IOException {
        MemorySegment packet = arena.allocate(256);
        MemorySegment message = arena.allocate(64);
        MemorySegment session = MoldPacket.session("HFTBENCH01");
        MoldPacketWriter writer = new MoldPacketWriter(packet, 256);
        ByteBuffer buffer = packet.asByteBuffer();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long moldSequence = 1;
        for (int seq = 1; seq <= packets; seq++) {
            long due = start + (seq - 1) * interval;
            planned[seq] = due;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            writer.begin(session, moldSequence);
            int length = ItchEncoder.addOrder(message, 0, LOCATE, 0, seq, seq, (byte) 'B', 100, STOCK, 1_000_000 + seq % 64);
            writer.add(message, 0, length);
            if (seq > RESTING) {
                length = ItchEncoder.orderDelete(message, 0, LOCATE, 0, seq, seq - RESTING);
                writer.add(message, 0, length);
            }
            buffer.clear().limit(writer.finish());
            moldSequence = writer.nextSequence();
            tx.write(buffer);
        }
    }

    private static void receive(DatagramChannel rx, Arena arena, long[] planned, int packets, ItchDecoder decoder,
                                PlannedLatency latency, long[] counts) {
        MemorySegment segment = arena.allocate(2048);
        ByteBuffer buffer = segment.asByteBuffer();
        MoldPacket mold = new MoldPacket();
        long expected = 1;
        try {
            while (counts[0] < packets) {
                buffer.clear();
                rx.receive(buffer);
                int size = buffer.position();
                if (size < MoldPacket.HEADER_LENGTH) {
                    continue;
                }
                mold.wrap(segment, 0);
                long moldSequence = mold.sequenceNumber();
                if (moldSequence < expected || mold.messageCount() == 0 || size < FIRST_REF + 8) {
                    continue;
                }
                counts[1] += moldSequence - expected;
                expected = moldSequence + mold.messageCount();
                long seq = BigEndian.i64(segment, FIRST_REF); // the add order's reference is the packet number
                if (seq < 1 || seq > packets) {
                    continue;
                }
                long offset = MoldPacket.HEADER_LENGTH;
                for (int i = 0; i < mold.messageCount() && offset + 2 <= size; i++) {
                    int length = BigEndian.u16(segment, offset);
                    decoder.decode(segment, offset + 2, Math.min(length, (int) (size - offset - 2)));
                    offset += 2 + length;
                }
                latency.record(planned[(int) seq], System.nanoTime());
                counts[0]++;
            }
        } catch (IOException closed) {
            // the sender is done and the timeout passed: what is missing is lost
        }
    }

    static long gcCount() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }
}
