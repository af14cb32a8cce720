package dev.hft.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.hft.events.ItchEvent;
import dev.hft.ingress.route.ShardRouter;

/**
 * The router's copy of one ITCH message into its ring slot: {@code MemorySegment.copy} against
 * {@link ShardRouter#copyMessage} (8-byte words). Messages of the lengths of the common types (A 36, D 19, U 35, E 31,
 * X 23, F 40) back to back, copied in turn into the 64-byte slots of a 1,024-slot slab, as the router fills a ring.
 * {@code source}: {@code native}, 4,096 messages in one off-heap segment (in cache); {@code mapped}, 2M messages
 * (64 MB) in a memory-mapped file read front to back, as {@code hft replay} reads a BinaryFILE. One operation is one
 * message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MessageCopyBenchmark {

    private static final int SLOTS = 1024;
    private static final int[] LENGTHS = {36, 19, 35, 31, 23, 40};

    @Param({"native", "mapped"})
    public String source;

    private int messages;
    private MemorySegment stream;
    private long[] offsets;
    private int[] lengths;
    private Arena arena;
    private Path file;
    private MemorySegment[] slots;
    private int next;

    @Setup
    public void setup() throws IOException {
        messages = source.equals("mapped") ? 1 << 21 : 1 << 12;
        offsets = new long[messages];
        lengths = new int[messages];
        arena = Arena.ofShared();
        long size = (long) messages * 40 + 64;
        if (source.equals("mapped")) {
            file = Files.createTempFile("hft-copy-bench-", ".bin");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                stream = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            }
        } else {
            stream = arena.allocate(size, 64);
        }
        SplittableRandom random = new SplittableRandom(7);
        long at = 0;
        for (int i = 0; i < messages; i++) {
            offsets[i] = at;
            lengths[i] = LENGTHS[random.nextInt(LENGTHS.length)];
            for (int b = 0; b < lengths[i]; b++) {
                stream.set(ValueLayout.JAVA_BYTE, at + b, (byte) random.nextInt());
            }
            at += lengths[i];
        }
        MemorySegment slab = Arena.ofAuto().allocate((long) SLOTS * ItchEvent.SLOT, ItchEvent.SLOT);
        slots = new MemorySegment[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = slab.asSlice((long) i * ItchEvent.SLOT, ItchEvent.SLOT);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        arena.close();
        if (file != null) {
            Files.delete(file);
        }
    }

    @Benchmark
    public MemorySegment segmentCopy() {
        int i = next++ & (messages - 1);
        MemorySegment slot = slots[i & (SLOTS - 1)];
        MemorySegment.copy(stream, offsets[i], slot, 0, lengths[i]);
        return slot;
    }

    @Benchmark
    public MemorySegment wordCopy() {
        int i = next++ & (messages - 1);
        MemorySegment slot = slots[i & (SLOTS - 1)];
        ShardRouter.copyMessage(stream, offsets[i], slot, lengths[i]);
        return slot;
    }
}
