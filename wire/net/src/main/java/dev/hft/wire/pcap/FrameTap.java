package dev.hft.wire.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A bounded, sampled capture of frames into a pcap file, off the hot path. The capturing thread (one only)
 * copies each sampled frame and its timestamp into a preallocated {@link OneToOneRingBuffer}; a daemon writer
 * thread drains it into a {@link PcapWriter}. A full ring is a counted drop, never a wait; after
 * {@code maxPackets} frames or {@code maxBytes} frame bytes the tap stops taking frames (counted as over-limit).
 *
 * <pre>
 * ring record: | long epoch nanos | frame bytes ... |
 * </pre>
 */
public final class FrameTap implements AutoCloseable {

    public static final int DEFAULT_RING_BYTES = 4 << 20;
    /** Param {@code tap} limits when not given. */
    public static final long DEFAULT_MAX_PACKETS = 1_000_000;
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    static final Set<String> KEYS = Set.of("file", "sample", "max_packets", "max_bytes");
    private static final int TIMESTAMP_LENGTH = 8;
    private static final int MSG_TYPE = 1;

    private final Path file;
    private final int sample;
    private final long maxPackets;
    private final long maxBytes;
    private final OneToOneRingBuffer ring;
    private final MemorySegment ringMemory;
    private final long epochOffsetNanos;
    private final PcapWriter writer;
    private final Thread writerThread;
    private final org.agrona.concurrent.MessageHandler handler = this::write;
    private volatile boolean running = true;

    private long seen;
    private long accepted;
    private long acceptedBytes;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong overLimit = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    /**
     * @param sample     take 1 frame in {@code sample} (1: every frame)
     * @param maxPackets frames to take at most
     * @param maxBytes   frame bytes to take at most
     * @param ringBytes  staging ring size, a power of two; frames longer than an eighth of it are dropped
     */
    public FrameTap(Path file, int sample, long maxPackets, long maxBytes, int ringBytes) {
        if (sample < 1 || maxPackets < 0 || maxBytes < 0 || !BitUtil.isPowerOfTwo(ringBytes) || ringBytes < 1024) {
            throw new IllegalArgumentException("tap: sample >= 1, max_packets and max_bytes >= 0, ring bytes a power of two"
                    + " >= 1024; got sample " + sample + ", max_packets " + maxPackets + ", max_bytes " + maxBytes
                    + ", ring " + ringBytes);
        }
        this.file = file;
        this.sample = sample;
        this.maxPackets = maxPackets;
        this.maxBytes = maxBytes;
        ByteBuffer memory = ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH);
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(memory));
        this.ringMemory = MemorySegment.ofBuffer(memory);
        this.epochOffsetNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - System.nanoTime();
        try {
            this.writer = new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("tap: cannot create " + file, e);
        }
        writerThread = new Thread(this::drainLoop, "hft-tap-" + file.getFileName());
        writerThread.setDaemon(true);
        writerThread.start();
    }

    public FrameTap(Path file, int sample, long maxPackets, long maxBytes) {
        this(file, sample, maxPackets, maxBytes, DEFAULT_RING_BYTES);
    }

    /** Hot path, one thread: copies the frame if sampled, within the limits and if the ring has room. */
    public void capture(MemorySegment frame, long offset, int length, long receiveNanos) {
        if (++seen % sample != 0) {
            return;
        }
        if (accepted >= maxPackets || acceptedBytes + length > maxBytes) {
            overLimit.lazySet(overLimit.get() + 1);
            return;
        }
        int index = length > ring.maxMsgLength() - TIMESTAMP_LENGTH ? RingBuffer.INSUFFICIENT_CAPACITY
                : ring.tryClaim(MSG_TYPE, TIMESTAMP_LENGTH + length);
        if (index < 0) {
            dropped.lazySet(dropped.get() + 1);
            return;
        }
        ring.buffer().putLong(index, receiveNanos + epochOffsetNanos);
        MemorySegment.copy(frame, offset, ringMemory, index + TIMESTAMP_LENGTH, length);
        ring.commit(index);
        accepted++;
        acceptedBytes += length;
    }

    private void drainLoop() {
        while (running) {
            if (drain() == 0) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        // A read can end at the wrap with only padding consumed (0 frames) while frames remain: drain by position.
        while (drain() > 0 || ring.consumerPosition() != ring.producerPosition()) {
            Thread.onSpinWait();
        }
    }

    private int drain() {
        return ring.read(handler);
    }

    private void write(int msgTypeId, org.agrona.MutableDirectBuffer buffer, int index, int length) {
        writer.writeFrame(ringMemory, index + TIMESTAMP_LENGTH, length - TIMESTAMP_LENGTH, buffer.getLong(index));
        written.lazySet(written.get() + 1);
    }

    /** Frames lost because the ring was full (or a frame longer than the ring takes). */
    public long dropped() {
        return dropped.get();
    }

    /** Sampled frames not taken because max_packets or max_bytes was reached. */
    public long overLimit() {
        return overLimit.get();
    }

    /** Frames written to the file so far. */
    public long written() {
        return written.get();
    }

    public Path file() {
        return file;
    }

    /** Writes what the ring still holds, then closes the file. Call after the capturing thread stopped. */
    @Override
    public void close() {
        running = false;
        try {
            writerThread.join();
            writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("tap: cannot close " + file, e);
        }
    }

    /**
     * Checks a stage's {@code tap: {file, sample, max_packets, max_bytes}} param: {@code tap} is the param's value,
     * null when the stage has none. Problems are reported against {@code tap.<key>}.
     */
    public static void validate(Object tap, BiConsumer<String, String> problems) {
        if (tap == null) {
            return;
        }
        if (!(tap instanceof Map<?, ?> m) || m.isEmpty()) {
            problems.accept("tap", "expected a map {file: <pcap to write>, sample: 1, max_packets: "
                    + DEFAULT_MAX_PACKETS + ", max_bytes: " + DEFAULT_MAX_BYTES + "}");
            return;
        }
        for (Object key : m.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.accept("tap." + key, "unknown key; expected one of " + new java.util.TreeSet<>(KEYS));
            }
        }
        Object file = m.get("file");
        if (file == null || file.toString().isBlank()) {
            problems.accept("tap.file", "required: the pcap file to write");
        } else {
            Path parent = Path.of(file.toString()).toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                problems.accept("tap.file", "directory of '" + file + "' does not exist");
            }
        }
        atLeast(m, "sample", 1, problems);
        atLeast(m, "max_packets", 0, problems);
        atLeast(m, "max_bytes", 0, problems);
    }

    private static void atLeast(Map<?, ?> tap, String key, long min, BiConsumer<String, String> problems) {
        Object value = tap.get(key);
        if (value == null) {
            return;
        }
        Long v = number(value);
        if (v == null) {
            problems.accept("tap." + key, "must be a whole number, found '" + value + "'");
        } else if (v < min) {
            problems.accept("tap." + key, "must be at least " + min);
        }
    }

    private static Long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long number(Map<?, ?> tap, String key, long defaultValue) {
        Long v = tap.get(key) == null ? null : number(tap.get(key));
        return v == null ? defaultValue : v;
    }

    /**
     * The tap a stage's {@code tap} param (already {@link #validate validated}; null when absent) asks for, or null.
     * A stage replicated over several instances (one per RX queue) writes one file per instance: {@code rx.pcap}
     * becomes {@code rx-0.pcap}, ...
     */
    public static FrameTap open(Object tap, int instance, int instances) {
        if (!(tap instanceof Map<?, ?> m)) {
            return null;
        }
        Path file = Path.of(String.valueOf(m.get("file")));
        if (instances > 1) {
            file = suffixed(file, "-" + instance);
        }
        return new FrameTap(file, (int) number(m, "sample", 1), number(m, "max_packets", DEFAULT_MAX_PACKETS),
                number(m, "max_bytes", DEFAULT_MAX_BYTES));
    }

    /** {@code dir/name.ext} with {@code suffix} before the extension. */
    public static Path suffixed(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed = dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
        return file.resolveSibling(renamed);
    }
}
