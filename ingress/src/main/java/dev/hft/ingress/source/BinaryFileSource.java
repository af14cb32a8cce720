package dev.hft.ingress.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.ingress.route.MessageSink;
import dev.hft.pipeline.Stage;
import dev.hft.wire.net.BigEndian;

/**
 * Replays a NASDAQ BinaryFILE (each message preceded by a 2-byte big-endian length; a zero length ends the
 * session) into a {@link MessageSink}. A plain file is memory-mapped and read in place; a {@code .gz} file is
 * streamed through one fixed buffer. Each {@link #doWork()} delivers at most one batch, then ends the packet, and
 * only when the sink has room for the whole batch. Messages are numbered from 1 in file order.
 *
 * <p>Nothing is lost quietly: a file cut inside a record ({@link DropReason#FILE_TRUNCATED}), a damaged gzip stream
 * ({@link DropReason#FILE_CORRUPT}) and bytes after the end-of-session marker ({@link DropReason#FILE_TRAILING_DATA},
 * with {@link #trailingBytes()}) are counted as losses.
 */
public final class BinaryFileSource implements Stage, AutoCloseable {

    public static final int DEFAULT_BATCH = 256;
    private static final int GZ_BUFFER = 1 << 20;
    private static final int LENGTH_PREFIX = 2;

    private final String role;
    private final MessageSink sink;
    private final DropCounters drops;
    private final int batch;
    private final Arena arena;
    private final InputStream gz;
    private final byte[] buffer;
    private final MemorySegment window;
    private long position;
    private long limit;
    private boolean endOfInput;
    private boolean exhausted;
    private long sequence;
    private long trailingBytes = -1;
    private AtomicCounter recordsRead;

    private BinaryFileSource(String role, MessageSink sink, DropCounters drops, int batch, Arena arena,
                             MemorySegment mapped, InputStream gz) {
        this.role = role;
        this.sink = sink;
        this.drops = drops;
        this.batch = batch;
        this.arena = arena;
        this.gz = gz;
        this.buffer = gz == null ? null : new byte[GZ_BUFFER];
        this.window = gz == null ? mapped : MemorySegment.ofArray(buffer);
        this.limit = gz == null ? mapped.byteSize() : 0;
        this.endOfInput = gz == null;
    }

    /** Opens {@code path}; gzip is recognised by its magic bytes, whatever the name. */
    public static BinaryFileSource open(String role, Path path, MessageSink sink, DropCounters drops, int batch)
            throws IOException {
        if (batch > sink.maxRoom()) {
            throw new IllegalArgumentException("batch " + batch + " is more messages than the output ring can ever take ("
                    + sink.maxRoom() + "): lower batch or enlarge the ring");
        }
        if (isGzip(path)) {
            return new BinaryFileSource(role, sink, drops, batch, null, null,
                    new GZIPInputStream(Files.newInputStream(path), 1 << 16));
        }
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new BinaryFileSource(role, sink, drops, batch, arena, mapped, null);
        }
    }

    /** Publishes the records read so far as {@code records.read}. Call while building. */
    public BinaryFileSource publishTo(Function<String, AtomicCounter> factory) {
        recordsRead = factory.apply("records.read");
        return this;
    }

    /** Reads BinaryFILE bytes already in memory (a buffer received elsewhere, a test input). */
    public static BinaryFileSource over(String role, MemorySegment data, MessageSink sink, DropCounters drops, int batch) {
        return new BinaryFileSource(role, sink, drops, batch, null, data, null);
    }

    static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        }
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public int doWork() {
        if (exhausted) {
            return 0;
        }
        if (!sink.hasRoomFor(batch)) {
            return 0;
        }
        long receiveNanos = System.nanoTime();
        int n = 0;
        while (n < batch) {
            if (!ensure(LENGTH_PREFIX)) {
                end(limit > position);
                break;
            }
            int length = BigEndian.u16(window, position);
            if (length == 0) {
                position += LENGTH_PREFIX;
                end(false);
                countTrailing();
                break;
            }
            if (!ensure(LENGTH_PREFIX + length)) {
                end(true);
                break;
            }
            sink.onMessage(window, position + LENGTH_PREFIX, length, ++sequence, receiveNanos);
            position += LENGTH_PREFIX + length;
            n++;
        }
        if (n > 0) {
            sink.onPacketEnd();
            if (recordsRead != null) {
                recordsRead.setRelease(sequence);
            }
        }
        return n;
    }

    private void end(boolean truncated) {
        if (truncated) {
            drops.add(DropReason.FILE_TRUNCATED);
        }
        exhausted = true;
    }

    /** Counts the bytes after the end-of-session marker: records that were never read. */
    private void countTrailing() {
        long bytes = 0;
        while (ensure(1)) {
            bytes += limit - position;
            position = limit;
        }
        trailingBytes = bytes;
        if (bytes > 0) {
            drops.add(DropReason.FILE_TRAILING_DATA);
        }
    }

    /** Bytes after the end-of-session marker, never read; -1 when the file had no marker. */
    public long trailingBytes() {
        return trailingBytes;
    }

    /** True when {@code bytes} are readable at {@link #position}, refilling the gzip window if needed. */
    private boolean ensure(int bytes) {
        if (limit - position >= bytes) {
            return true;
        }
        if (endOfInput) {
            return false;
        }
        int remaining = (int) (limit - position);
        System.arraycopy(buffer, (int) position, buffer, 0, remaining);
        position = 0;
        limit = remaining;
        try {
            while (limit < buffer.length) {
                int read = gz.read(buffer, (int) limit, buffer.length - (int) limit);
                if (read < 0) {
                    endOfInput = true;
                    break;
                }
                limit += read;
            }
        } catch (IOException e) {
            // a damaged or cut gzip stream is bad input: count it and end the replay with what was read
            drops.add(DropReason.FILE_CORRUPT);
            endOfInput = true;
        }
        return limit - position >= bytes;
    }

    @Override
    public boolean isExhausted() {
        return exhausted;
    }

    /** Messages delivered so far (the sequence number of the last one). */
    public long messages() {
        return sequence;
    }

    @Override
    public void onStop() {
        close();
    }

    @Override
    public void close() {
        try {
            if (gz != null) {
                gz.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (arena != null && arena.scope().isAlive()) {
                arena.close();
            }
        }
    }
}
