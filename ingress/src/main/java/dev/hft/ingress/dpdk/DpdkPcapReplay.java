package dev.hft.ingress.dpdk;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.Port;
import dev.hft.dpdk.PortConfig;
import dev.hft.dpdk.QueueCounter;
import dev.hft.dpdk.QueueCounters;
import dev.hft.ingress.FrameHandler;
import dev.hft.ingress.net.DropReason;
import dev.hft.ingress.source.PcapSource;
import dev.hft.ingress.source.Timers;
import dev.hft.wire.pcap.PcapReader;

/**
 * {@code itch-file} with {@code via: dpdk}: the pcap is replayed by DPDK's {@code net_pcap} driver
 * ({@code rx_pcap=<file>,infinite_rx=0}) into one RX queue polled by a {@link DpdkRxStage}, so the frames take the
 * same in-place mbuf path as a NIC's.
 *
 * <p>net_pcap reports no end of file: its RX burst just returns 0 once the file is read, and it also stops for good
 * at a record libpcap refuses (longer than the file's snaplen). The capture is therefore scanned first
 * ({@link #scan}): {@link #cannotReplay} says why net_pcap could not deliver it whole (then {@code via: auto} takes
 * the Java reader and {@code via: dpdk} refuses the file), and the source is exhausted once every frame was taken off
 * the queue (delivered or dropped as multi-segment) and no timer is pending. As a safety net it also ends after
 * {@code idleTimeoutNanos} without a frame; the frames never delivered are then counted as
 * {@link DropReason#CAPTURE_UNREAD}, a loss the run reports.
 */
public final class DpdkPcapReplay extends DpdkSourceStage {

    public static final long DEFAULT_IDLE_TIMEOUT_MS = 2_000;
    /** libpcap refuses records longer than this whatever the file says (MAXIMUM_SNAPLEN). */
    static final long LIBPCAP_MAX_SNAPLEN = 262_144;

    private static final AtomicInteger DEVICES = new AtomicInteger();

    private final FrameHandler frames;
    private final QueueCounters counters;
    private final Timers timers;
    private final long expectedFrames;
    private final long idleTimeoutNanos;
    private boolean ended;

    private DpdkPcapReplay(Port port, DpdkRxStage rx, FrameHandler frames, Timers timers, long expectedFrames,
            long idleTimeoutNanos) {
        super(port, rx);
        this.frames = frames;
        this.counters = rx.rxQueue().counters();
        this.timers = timers;
        this.expectedFrames = expectedFrames;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /** What a pass over a capture found: its frames, the longest, and what libpcap would refuse or cut short. */
    public record Scan(long frames, int longestFrame, long overSnaplen, long firstOverSnaplen, boolean truncated,
                       boolean pcapng) {
    }

    /** Reads the whole capture once, as {@link PcapSource} would. */
    public static Scan scan(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined(); FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            boolean[] truncated = {false};
            PcapReader reader = new PcapReader(file, skip -> truncated[0] |= skip == PcapReader.Skip.FILE_TRUNCATED);
            long snaplen = reader.snaplen();
            int longest = 0;
            long over = 0;
            long firstOver = -1;
            while (reader.peek()) {
                int length = reader.frameLength();
                longest = Math.max(longest, length);
                if (!reader.pcapng() && (length > snaplen || length > LIBPCAP_MAX_SNAPLEN)) {
                    if (firstOver < 0) {
                        firstOver = reader.frames() + 1;
                    }
                    over++;
                }
                reader.advance();
            }
            return new Scan(reader.frames(), longest, over, firstOver, truncated[0], reader.pcapng());
        }
    }

    /**
     * Why net_pcap could not deliver this capture whole into mbufs of {@code frameRoom} bytes, or null when it can:
     * every frame arrives, each in one mbuf, and the scan's frame count is what the queue will yield.
     */
    public static String cannotReplay(Scan scan, int frameRoom) {
        if (scan.pcapng()) {
            return "net_pcap replay is taken for classic pcap files only (this one is pcapng)";
        }
        if (scan.overSnaplen() > 0) {
            return scan.overSnaplen() + " record(s) longer than the file's snaplen (first: record " + scan.firstOverSnaplen()
                    + "); libpcap refuses them and net_pcap would stop there";
        }
        if (scan.truncated()) {
            return "the capture ends inside a record; net_pcap would not count it";
        }
        if (scan.longestFrame() > frameRoom) {
            return "a " + scan.longestFrame() + "-byte frame would span several " + frameRoom + "-byte mbufs";
        }
        return null;
    }

    /**
     * Initialises the EAL with {@code ealArgs} unless already done, opens a {@code net_pcap} port over {@code path}
     * ({@code scan} is its {@link #scan}) and returns the stage. Throws {@link dev.hft.dpdk.DpdkException} with DPDK's reason when the EAL or the
     * port is refused, and IllegalArgumentException when net_pcap could not replay the capture whole.
     */
    public static DpdkPcapReplay open(String role, Path path, Scan scan, FrameHandler frames, Timers timers,
                                      int burst, long idleTimeoutMs, List<String> ealArgs) throws IOException {
        if (path.toString().indexOf(',') >= 0) {
            throw new IllegalArgumentException("a pcap path replayed through net_pcap cannot contain ',': " + path);
        }
        Dpdk.initIfNeeded(ealArgs);
        String device = "net_pcap" + (900 + DEVICES.getAndIncrement()) + ",rx_pcap=" + path.toAbsolutePath() + ",infinite_rx=0";
        Port port = Port.open(PortConfig.of(role, device, 1, 0));
        String unusable = cannotReplay(scan, port.pool().frameRoom());
        if (unusable != null) {
            port.close();
            throw new IllegalArgumentException(path + ": " + unusable + " (via: java reads it whole)");
        }
        DpdkRxStage rx = new DpdkRxStage(role, port.rxQueue(0), frames, burst);
        return new DpdkPcapReplay(port, rx, frames, timers, scan.frames(), idleTimeoutMs * 1_000_000L);
    }

    public long expectedFrames() {
        return expectedFrames;
    }

    /** Frames taken off the RX queue so far: delivered plus dropped for spanning several mbufs. */
    public long receivedFrames() {
        return counters.get(QueueCounter.RX_PACKETS) + counters.get(QueueCounter.RX_DROP_MULTI_SEGMENT);
    }

    /** Starts the idle clock too: a capture that yields nothing at all still ends after the idle timeout. */
    @Override
    public void onStart() {
        super.onStart();
        lastFrameNanos = System.nanoTime();
    }

    @Override
    protected int afterPoll(long now) {
        return timers == null ? 0 : timers.poll(now);
    }

    @Override
    public boolean isExhausted() {
        if (!ended) {
            boolean all = receivedFrames() >= expectedFrames;
            if (!all && !idleLongerThan(idleTimeoutNanos)) {
                return false;
            }
            ended = true;
            if (!all) {
                frames.onDropped(DropReason.CAPTURE_UNREAD, expectedFrames - receivedFrames());
            }
            if (timers != null) {
                timers.endOfInput();
            }
        }
        return timers == null || !timers.pending();
    }

    /** Closes the port (stop, close, device removed, pool freed), then the timers (decode chain, RX tap) if closeable. */
    @Override
    public void onStop() {
        try {
            rx.release();
            port.close();
        } finally {
            if (timers instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + timers + " failed", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "DPDK 22.11 via FFM, net_pcap " + port + ", replaying " + expectedFrames + " frames";
    }
}
