package dev.hft.book;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import dev.hft.events.ItchEvent;
import dev.hft.wire.itch.ItchAlpha;
import dev.hft.wire.itch.ItchEncoder;
import dev.hft.wire.itch.ItchMessages;

/** Test support: encoded ITCH messages, the shared data files, a plain router and counters. */
public final class Itch {

    private Itch() {
    }

    private static byte[] bytes(MemorySegment scratch) {
        byte type = scratch.get(ValueLayout.JAVA_BYTE, 0);
        return scratch.asSlice(0, ItchMessages.length(type)).toArray(ValueLayout.JAVA_BYTE);
    }

    private static MemorySegment scratch() {
        return MemorySegment.ofArray(new byte[ItchMessages.MAX_LENGTH]);
    }

    public static byte[] stockDirectory(int locate, String symbol) {
        MemorySegment s = scratch();
        ItchEncoder.stockDirectory(s, 0, locate, 0, 0, ItchAlpha.stock(symbol), (byte) 'Q', (byte) 'N', 100,
                (byte) 'N', (byte) 'C', (short) 0x2020, (byte) 'P', (byte) 'N', (byte) ' ', (byte) '1', (byte) 'N', 0,
                (byte) 'N');
        return bytes(s);
    }

    public static byte[] tradingAction(int locate, String symbol, char state) {
        MemorySegment s = scratch();
        ItchEncoder.stockTradingAction(s, 0, locate, 0, 0, ItchAlpha.stock(symbol), (byte) state, (byte) ' ', 0);
        return bytes(s);
    }

    public static byte[] add(int locate, long ref, char side, long shares, int price) {
        MemorySegment s = scratch();
        ItchEncoder.addOrder(s, 0, locate, 0, 0, ref, (byte) side, shares, ItchAlpha.stock("ZZZ"), price);
        return bytes(s);
    }

    public static byte[] addMpid(int locate, long ref, char side, long shares, int price) {
        MemorySegment s = scratch();
        ItchEncoder.addOrderMpid(s, 0, locate, 0, 0, ref, (byte) side, shares, ItchAlpha.stock("ZZZ"), price,
                (int) ItchAlpha.pack("MPID", 4));
        return bytes(s);
    }

    public static byte[] execute(int locate, long ref, long shares, long match) {
        MemorySegment s = scratch();
        ItchEncoder.orderExecuted(s, 0, locate, 0, 0, ref, shares, match);
        return bytes(s);
    }

    public static byte[] executeWithPrice(int locate, long ref, long shares, long match, int price) {
        MemorySegment s = scratch();
        ItchEncoder.orderExecutedWithPrice(s, 0, locate, 0, 0, ref, shares, match, (byte) 'Y', price);
        return bytes(s);
    }

    public static byte[] cancel(int locate, long ref, long shares) {
        MemorySegment s = scratch();
        ItchEncoder.orderCancel(s, 0, locate, 0, 0, ref, shares);
        return bytes(s);
    }

    public static byte[] delete(int locate, long ref) {
        MemorySegment s = scratch();
        ItchEncoder.orderDelete(s, 0, locate, 0, 0, ref);
        return bytes(s);
    }

    public static byte[] replace(int locate, long ref, long newRef, long shares, int price) {
        MemorySegment s = scratch();
        ItchEncoder.orderReplace(s, 0, locate, 0, 0, ref, newRef, shares, price);
        return bytes(s);
    }

    public static byte[] trade(int locate, char side, long shares, int price, long match) {
        MemorySegment s = scratch();
        ItchEncoder.trade(s, 0, locate, 0, 0, 0, (byte) side, shares, ItchAlpha.stock("ZZZ"), price, match);
        return bytes(s);
    }

    public static byte[] systemEvent(char code) {
        MemorySegment s = scratch();
        ItchEncoder.systemEvent(s, 0, 0, 0, 0, (byte) code);
        return bytes(s);
    }

    public static int locate(byte[] message) {
        return (message[1] & 0xFF) << 8 | message[2] & 0xFF;
    }

    /** The messages of a NASDAQ BinaryFILE in /work/shared/data (2-byte length before each; 0 ends it). */
    public static List<byte[]> sharedFile(String name) throws Exception {
        String dir = System.getProperty("hft.shared.dir", "../shared");
        byte[] file = Files.readAllBytes(Path.of(dir, "data", name));
        List<byte[]> messages = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(file);
        while (in.remaining() >= 2) {
            int length = in.getShort() & 0xFFFF;
            if (length == 0 || length > in.remaining()) {
                break;
            }
            byte[] m = new byte[length];
            in.get(m);
            messages.add(m);
        }
        return messages;
    }

    /** Counters backed by a real agrona CountersManager, as the runtime hands them out. */
    public static Function<String, AtomicCounter> counters() {
        CountersManager manager = new CountersManager(
                new UnsafeBuffer(ByteBuffer.allocateDirect(CountersManager.METADATA_LENGTH * 64)),
                new UnsafeBuffer(ByteBuffer.allocateDirect(CountersManager.COUNTER_LENGTH * 64)));
        return manager::newCounter;
    }

    /** One ring slot's worth of event memory holding {@code message}. */
    public static ItchEvent event(byte[] message, long sequence) {
        ItchEvent e = new ItchEvent(Arena.ofAuto().allocate(ItchEvent.SLOT));
        load(e, message, sequence);
        return e;
    }

    public static void load(ItchEvent e, byte[] message, long sequence) {
        MemorySegment.copy(message, 0, e.bytes, ValueLayout.JAVA_BYTE, 0, message.length);
        e.kind = ItchEvent.MESSAGE;
        e.length = message.length;
        e.sequence = sequence;
        e.receiveNanos = 1_000 + sequence;
    }

    public static ItchEvent endOfPacket(long sequence) {
        ItchEvent e = new ItchEvent(Arena.ofAuto().allocate(ItchEvent.SLOT));
        e.kind = ItchEvent.END_OF_PACKET;
        e.sequence = sequence;
        e.receiveNanos = 1_000 + sequence;
        return e;
    }

    /**
     * A plain router: the message goes to shard {@code locate % shards}, market-wide ones (locate 0) to all; an
     * END_OF_PACKET to every shard after each {@code packet} messages. Returns the shards' stages.
     */
    public static List<BookShardStage> replay(List<byte[]> messages, int shards, int packet) {
        List<BookShardStage> stages = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            stages.add(new BookShardStage("book-" + i, i, new OrderBooks(64, 16), null, 5, counters()));
        }
        ItchEvent event = new ItchEvent(Arena.ofAuto().allocate(ItchEvent.SLOT));
        ItchEvent end = endOfPacket(0);
        long sequence = 0;
        for (byte[] m : messages) {
            load(event, m, ++sequence);
            int locate = locate(m);
            for (int i = 0; i < shards; i++) {
                if (locate == 0 || locate % shards == i) {
                    stages.get(i).onEvent(event, sequence, false);
                }
            }
            if (sequence % packet == 0) {
                for (BookShardStage stage : stages) {
                    stage.onEvent(end, sequence, true);
                }
            }
        }
        for (BookShardStage stage : stages) {
            stage.onEvent(end, sequence, true);
        }
        return stages;
    }

    /** R for locates 1..12, then adds, executions, cancels, deletes, replaces and trades on live orders. */
    public static List<byte[]> randomFeed(Random random, int size) {
        List<byte[]> out = new ArrayList<>();
        out.add(Itch.systemEvent('O'));
        for (int locate = 1; locate <= 12; locate++) {
            out.add(Itch.stockDirectory(locate, String.format("S%02d", locate)));
        }
        List<long[]> live = new ArrayList<>();
        long nextRef = 1;
        for (int i = 0; i < size; i++) {
            int kind = live.isEmpty() ? 0 : random.nextInt(10);
            int pick = live.isEmpty() ? 0 : random.nextInt(live.size());
            long shares = 1 + random.nextInt(300);
            int price = 10_000 + 100 * random.nextInt(30);
            switch (kind) {
                case 0, 1, 2 -> {
                    int locate = 1 + random.nextInt(12);
                    out.add(Itch.add(locate, nextRef, random.nextBoolean() ? 'B' : 'S', shares, price));
                    live.add(new long[] {nextRef++, locate});
                }
                case 3 -> out.add(Itch.execute((int) live.get(pick)[1], live.get(pick)[0], shares, i));
                case 4 -> out.add(Itch.executeWithPrice((int) live.get(pick)[1], live.get(pick)[0], shares, i, price));
                case 5 -> out.add(Itch.cancel((int) live.get(pick)[1], live.get(pick)[0], shares));
                case 6, 7 -> out.add(Itch.delete((int) live.get(pick)[1], live.remove(pick)[0]));
                case 8 -> {
                    long[] order = live.get(pick);
                    out.add(Itch.replace((int) order[1], order[0], nextRef, shares, price));
                    order[0] = nextRef++;
                }
                default -> out.add(Itch.trade(1 + random.nextInt(12), 'B', shares, price, i));
            }
        }
        return out;
    }
}
