package dev.hft.pipeline.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * Every counter of one pipeline in an agrona {@link CountersManager}: labelled 64-bit values readable from
 * any thread while the pipeline runs, in direct memory or in a memory-mapped file (e.g. under /dev/shm) that
 * another process opens with {@link #openReader(Path)}.
 *
 * <pre>
 * file: | header (64 bytes) | metadata: capacity x 512 bytes | values: capacity x 128 bytes |
 * header: int MAGIC at 0, int VERSION at 4, int capacity at 8, long writer pid at 16
 * </pre>
 */
public final class Counters {

    public static final int MAGIC = 0x48465443;
    public static final int VERSION = 1;
    static final int HEADER_LENGTH = 64;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int CAPACITY_OFFSET = 8;
    static final int PID_OFFSET = 16;

    private final CountersManager manager;

    /** Counters in direct memory, visible to this process only. */
    public Counters(int capacity) {
        this(new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * CountersReader.METADATA_LENGTH)),
                new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * CountersReader.COUNTER_LENGTH)));
    }

    private Counters(AtomicBuffer metadata, AtomicBuffer values) {
        manager = new CountersManager(metadata, values, StandardCharsets.US_ASCII);
    }

    /** Counters in a new file (replaced if it exists), readable by other processes while this one runs. */
    public static Counters mapped(Path file, int capacity) {
        long length = HEADER_LENGTH + (long) capacity * (CountersReader.METADATA_LENGTH + CountersReader.COUNTER_LENGTH);
        UnsafeBuffer all = new UnsafeBuffer(map(file, length, true));
        all.putInt(VERSION_OFFSET, VERSION);
        all.putInt(CAPACITY_OFFSET, capacity);
        all.putLong(PID_OFFSET, ProcessHandle.current().pid());
        Counters c = new Counters(metadata(all, capacity), values(all, capacity));
        all.putIntRelease(MAGIC_OFFSET, MAGIC);
        return c;
    }

    /** Opens another process's counters file read-only in spirit (the reader never writes). */
    public static CountersReader openReader(Path file) {
        UnsafeBuffer all = new UnsafeBuffer(map(file, 0, false));
        if (all.capacity() < HEADER_LENGTH || all.getIntAcquire(MAGIC_OFFSET) != MAGIC || all.getInt(VERSION_OFFSET) != VERSION) {
            throw new IllegalArgumentException(file + " is not an hft counters file (version " + VERSION + ")");
        }
        int capacity = all.getInt(CAPACITY_OFFSET);
        return new CountersReader(metadata(all, capacity), values(all, capacity), StandardCharsets.US_ASCII);
    }

    private static UnsafeBuffer metadata(UnsafeBuffer all, int capacity) {
        return new UnsafeBuffer(all, HEADER_LENGTH, capacity * CountersReader.METADATA_LENGTH);
    }

    private static UnsafeBuffer values(UnsafeBuffer all, int capacity) {
        int offset = HEADER_LENGTH + capacity * CountersReader.METADATA_LENGTH;
        return new UnsafeBuffer(all, offset, capacity * CountersReader.COUNTER_LENGTH);
    }

    private static MappedByteBuffer map(Path file, long length, boolean create) {
        try {
            if (create) {
                Files.deleteIfExists(file);
            }
            try (FileChannel ch = create
                    ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                return ch.map(FileChannel.MapMode.READ_WRITE, 0, create ? length : ch.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map counters file " + file, e);
        }
    }

    /** Allocates a counter; call while building, never on the hot path. */
    public AtomicCounter newCounter(String label) {
        return manager.newCounter(label);
    }

    public CountersReader reader() {
        return manager;
    }

    /** The value of the counter with this exact label, or -1 when there is none (for reports and tests). */
    public long value(String label) {
        return value(manager, label);
    }

    public static long value(CountersReader reader, String label) {
        long[] found = {-1};
        reader.forEach((long value, int id, String l) -> {
            if (l.equals(label)) {
                found[0] = value;
            }
        });
        return found[0];
    }
}
