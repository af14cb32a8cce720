package dev.hft.ingress.source;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.hft.ingress.FrameHandler;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.pipeline.Stage;
import dev.hft.wire.pcap.PcapReader;

/**
 * Replays a capture, memory-mapped, handing each Ethernet frame in place to a {@link FrameHandler} (the formats
 * {@link PcapReader} reads). As fast as possible by default; when paced, a frame is not handed over before its
 * capture-time offset from the first frame has elapsed, and {@link #doWork()} returns 0 meanwhile so the runtime's
 * wait strategy idles the stage's own thread. A frame the handler cannot take yet ({@link FrameHandler#canAccept})
 * stays in the file for the next call.
 */
public final class PcapSource implements Stage, AutoCloseable {

    public static final int DEFAULT_BATCH = 64;

    private final String role;
    private final FrameHandler handler;
    private final int batch;
    private final boolean paced;
    private final Arena arena;
    private final PcapReader reader;
    private long firstCaptureNanos = -1;
    private long replayStartNanos;
    private Timers timers;
    private boolean endOfInputSignalled;

    private PcapSource(String role, FrameHandler handler, DropCounters drops, int batch, boolean paced, Arena arena,
                       MemorySegment file) {
        this.role = role;
        this.handler = handler;
        this.batch = batch;
        this.paced = paced;
        this.arena = arena;
        this.reader = new PcapReader(file, skip -> drops.add(switch (skip) {
            case TRUNCATED_FRAME -> DropReason.TRUNCATED_FRAME;
            case NOT_ETHERNET -> DropReason.NOT_ETHERNET;
            case FILE_TRUNCATED -> DropReason.FILE_TRUNCATED;
        }));
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

    /** Reads a capture already in memory; throws IllegalArgumentException when it is not pcap or pcapng. */
    public static PcapSource over(String role, MemorySegment capture, FrameHandler handler, DropCounters drops, int batch,
                                  boolean paced) {
        return new PcapSource(role, handler, drops, batch, paced, null, capture);
    }

    /** Polls {@code timers} in every duty cycle; the source is exhausted only once they have nothing pending. */
    public PcapSource withTimers(Timers timers) {
        this.timers = timers;
        return this;
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public int doWork() {
        int n = 0;
        long now = System.nanoTime();
        while (n < batch && reader.peek()) {
            if ((paced && !due(now)) || !handler.canAccept(reader.frameLength())) {
                break;
            }
            handler.onFrame(reader.file(), reader.frameOffset(), reader.frameLength(), now);
            reader.advance();
            n++;
        }
        if (timers == null) {
            return n;
        }
        if (reader.ended() && !endOfInputSignalled) {
            endOfInputSignalled = true;
            timers.endOfInput();
        }
        return n + timers.poll(now);
    }

    private boolean due(long now) {
        if (firstCaptureNanos < 0) {
            firstCaptureNanos = reader.frameNanos();
            replayStartNanos = now;
        }
        return now - replayStartNanos >= reader.frameNanos() - firstCaptureNanos;
    }

    @Override
    public boolean isExhausted() {
        return reader.ended() && (timers == null || !timers.pending());
    }

    public long frames() {
        return reader.frames();
    }

    @Override
    public void onStop() {
        close();
    }

    /** Unmaps the capture and closes the timers (the decode chain: re-request socket, RX tap) when they are closeable. */
    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) {
            arena.close();
        }
        if (timers instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(role + ": closing " + timers + " failed", e);
            }
        }
    }
}
