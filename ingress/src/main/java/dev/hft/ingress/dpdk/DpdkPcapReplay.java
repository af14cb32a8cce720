package dev.hft.ingress.dpdk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.Port;
import dev.hft.dpdk.PortConfig;
import dev.hft.dpdk.QueueCounter;
import dev.hft.dpdk.QueueCounters;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.source.PcapSource;
import dev.hft.ingress.source.Timers;
import dev.hft.pipeline.Stage;

/**
 * {@code itch-file} with {@code via: dpdk}: the pcap is replayed by DPDK's {@code net_pcap} driver
 * ({@code rx_pcap=<file>,infinite_rx=0}) into one RX queue polled by a {@link DpdkRxStage}, so the frames take the
 * same in-place mbuf path as a NIC's.
 *
 * <p>net_pcap reports no end of file: its RX burst just returns 0 once the file is read. The frames in the file are
 * therefore counted first (a {@link PcapSource} pass with a no-op handler), and the source is exhausted once that
 * many frames were taken off the queue (delivered or dropped as multi-segment) and no gap timer is pending; or, as
 * a safety net for a frame libpcap skips, after {@code idleTimeoutNanos} without a frame.
 */
public final class DpdkPcapReplay implements Stage {

    public static final long DEFAULT_IDLE_TIMEOUT_MS = 2_000;

    private static final AtomicInteger DEVICES = new AtomicInteger();

    private final Port port;
    private final DpdkRxStage rx;
    private final QueueCounters counters;
    private final Timers timers;
    private final long expectedFrames;
    private final long idleTimeoutNanos;
    private long lastFrameNanos;
    private boolean started;

    private DpdkPcapReplay(Port port, DpdkRxStage rx, Timers timers, long expectedFrames, long idleTimeoutNanos) {
        this.port = port;
        this.rx = rx;
        this.counters = rx.rxQueue().counters();
        this.timers = timers;
        this.expectedFrames = expectedFrames;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /**
     * Initialises the EAL with {@code ealArgs} unless already done, counts the frames of {@code path}, opens a
     * {@code net_pcap} port over it and returns the stage. Throws {@link dev.hft.dpdk.DpdkException} with DPDK's
     * reason when the EAL or the port is refused.
     */
    public static DpdkPcapReplay open(String role, Path path, dev.hft.ingress.FrameHandler frames, Timers timers,
                                      int burst, long idleTimeoutMs, List<String> ealArgs) throws IOException {
        if (path.toString().indexOf(',') >= 0) {
            throw new IllegalArgumentException("a pcap path replayed through net_pcap cannot contain ',': " + path);
        }
        long expected = countFrames(path);
        Dpdk.initIfNeeded(ealArgs);
        String device = "net_pcap" + (900 + DEVICES.getAndIncrement()) + ",rx_pcap=" + path.toAbsolutePath() + ",infinite_rx=0";
        Port port = Port.open(PortConfig.of(role, device, 1, 0));
        DpdkRxStage rx = new DpdkRxStage(role, port.rxQueue(0), frames, burst);
        return new DpdkPcapReplay(port, rx, timers, expected, idleTimeoutMs * 1_000_000L);
    }

    /** Frames in a pcap or pcapng file, as {@link PcapSource} reads them. */
    public static long countFrames(Path path) throws IOException {
        PcapSource counter = PcapSource.open("count", path, (segment, offset, length, nanos) -> { }, new DropCounters(),
                4096, false);
        try {
            while (!counter.isExhausted()) {
                counter.doWork();
            }
            return counter.frames();
        } finally {
            counter.close();
        }
    }

    @Override
    public String role() {
        return rx.role();
    }

    public Port port() {
        return port;
    }

    public long expectedFrames() {
        return expectedFrames;
    }

    /** Frames taken off the RX queue so far: delivered plus dropped for spanning several mbufs. */
    public long receivedFrames() {
        return counters.get(QueueCounter.RX_PACKETS) + counters.get(QueueCounter.RX_DROP_MULTI_SEGMENT);
    }

    @Override
    public void onStart() {
        rx.onStart();
        started = true;
        lastFrameNanos = System.nanoTime();
    }

    @Override
    public int doWork() {
        int n = rx.doWork();
        long now = System.nanoTime();
        if (n > 0) {
            lastFrameNanos = now;
        }
        return timers == null ? n : n + timers.poll(now);
    }

    @Override
    public boolean isExhausted() {
        boolean drained = receivedFrames() >= expectedFrames
                || (started && System.nanoTime() - lastFrameNanos > idleTimeoutNanos);
        return drained && (timers == null || !timers.pending());
    }

    /** Closes the port (stop, close, device removed, pool freed), then the timers (decode chain, RX tap) if closeable. */
    @Override
    public void onStop() {
        try {
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
