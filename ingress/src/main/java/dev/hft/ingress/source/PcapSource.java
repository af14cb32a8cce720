package dev.hft.ingress.source;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.hft.ingress.FrameHandler;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.pipeline.Stage;

/**
 * Replays a classic libpcap capture (either byte order, microsecond or nanosecond timestamps, Ethernet link
 * type), memory-mapped, handing each frame in place to a {@link FrameHandler}. As fast as possible by default;
 * when paced, a frame is not handed over before its capture-time offset from the first frame has elapsed, and
 * {@link #doWork()} returns 0 meanwhile so the runtime's wait strategy idles the stage's own thread.
 * <pre>
 *  global header (24): magic | major u16 | minor u16 | thiszone | sigfigs | snaplen | network
 *  record header (16): ts_sec | ts_frac | incl_len | orig_len, then incl_len bytes of frame
 * </pre>
 */
public final class PcapSource implements Stage, AutoCloseable {

    public static final int MAGIC_MICROS = 0xA1B2C3D4;
    public static final int MAGIC_NANOS = 0xA1B23C4D;
    public static final int PCAPNG_MAGIC = 0x0A0D0D0A;
    public static final int GLOBAL_HEADER_LENGTH = 24;
    public static final int NETWORK_OFFSET = 20;
    public static final int RECORD_HEADER_LENGTH = 16;
    public static final int TS_SEC_OFFSET = 0;
    public static final int TS_FRAC_OFFSET = 4;
    public static final int INCL_LEN_OFFSET = 8;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int DEFAULT_BATCH = 64;

    private static final ValueLayout.OfInt LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final String role;
    private final FrameHandler handler;
    private final DropCounters drops;
    private final int batch;
    private final boolean paced;
    private final Arena arena;
    private final MemorySegment file;
    private final ValueLayout.OfInt u32;
    private final long fractionNanos;
    private long position = GLOBAL_HEADER_LENGTH;
    private boolean exhausted;
    private long frames;
    private long firstCaptureNanos = -1;
    private long replayStartNanos;

    private PcapSource(String role, FrameHandler handler, DropCounters drops, int batch, boolean paced, Arena arena,
                       MemorySegment file) {
        this.role = role;
        this.handler = handler;
        this.drops = drops;
        this.batch = batch;
        this.paced = paced;
        this.arena = arena;
        this.file = file;
        if (file.byteSize() < GLOBAL_HEADER_LENGTH) {
            throw new IllegalArgumentException("not a pcap file: shorter than its 24-byte header");
        }
        int magic = file.get(LE, 0);
        int swapped = file.get(BE, 0);
        if (magic == PCAPNG_MAGIC) {
            throw new IllegalArgumentException("pcapng is not supported: convert with 'editcap -F pcap in out'");
        }
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            u32 = LE;
        } else if (swapped == MAGIC_MICROS || swapped == MAGIC_NANOS) {
            u32 = BE;
        } else {
            throw new IllegalArgumentException(String.format("not a pcap file: magic 0x%08x", swapped));
        }
        fractionNanos = file.get(u32, 0) == MAGIC_NANOS ? 1 : 1000;
        int network = file.get(u32, NETWORK_OFFSET);
        if (network != LINKTYPE_ETHERNET) {
            throw new IllegalArgumentException("pcap link type " + network + " is not Ethernet (1)");
        }
    }

    public static PcapSource open(String role, Path path, FrameHandler handler, DropCounters drops, int batch,
                                  boolean paced) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new PcapSource(role, handler, drops, batch, paced, arena, mapped);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** True when {@code path} starts with a pcap or pcapng magic number. */
    public static boolean isPcap(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4);
            channel.read(head, 0);
            int magic = head.flip().remaining() == 4 ? head.getInt() : 0;
            return magic == MAGIC_MICROS || magic == MAGIC_NANOS || magic == PCAPNG_MAGIC
                    || Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS;
        }
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public int doWork() {
        int n = 0;
        long now = System.nanoTime();
        while (n < batch && !exhausted) {
            long end = file.byteSize();
            if (position == end) {
                exhausted = true;
                break;
            }
            if (end - position < RECORD_HEADER_LENGTH) {
                truncated();
                break;
            }
            long included = Integer.toUnsignedLong(file.get(u32, position + INCL_LEN_OFFSET));
            if (included > end - position - RECORD_HEADER_LENGTH) {
                truncated();
                break;
            }
            if (paced && !due(now)) {
                break;
            }
            handler.onFrame(file, position + RECORD_HEADER_LENGTH, (int) included, now);
            position += RECORD_HEADER_LENGTH + included;
            frames++;
            n++;
        }
        return n;
    }

    private boolean due(long now) {
        long capture = Integer.toUnsignedLong(file.get(u32, position + TS_SEC_OFFSET)) * 1_000_000_000L
                + Integer.toUnsignedLong(file.get(u32, position + TS_FRAC_OFFSET)) * fractionNanos;
        if (firstCaptureNanos < 0) {
            firstCaptureNanos = capture;
            replayStartNanos = now;
        }
        return now - replayStartNanos >= capture - firstCaptureNanos;
    }

    private void truncated() {
        drops.add(DropReason.FILE_TRUNCATED);
        exhausted = true;
    }

    @Override
    public boolean isExhausted() {
        return exhausted;
    }

    public long frames() {
        return frames;
    }

    @Override
    public void onStop() {
        close();
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
