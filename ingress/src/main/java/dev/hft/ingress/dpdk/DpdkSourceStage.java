package dev.hft.ingress.dpdk;

import dev.hft.dpdk.Port;
import dev.hft.pipeline.Stage;

/**
 * What ingress's two DPDK sources share, the {@code net_pcap} replay of {@code itch-file via: dpdk}
 * ({@link DpdkPcapReplay}) and a {@code dpdk-rx} instance on one RX queue ({@link DpdkRxStageFactory.QueueStage}):
 * the port and the {@link DpdkRxStage} polling one of its queues, the stage's role, the thread's registration with
 * the EAL at start, and {@link #doWork()}: one poll, the time of the last poll that handed over a frame (for the
 * sources' idle ends), then the subclass's own work at that time ({@link #afterPoll}: its timers, its counters).
 */
public abstract sealed class DpdkSourceStage implements Stage permits DpdkPcapReplay, DpdkRxStageFactory.QueueStage {

    protected final Port port;
    protected final DpdkRxStage rx;
    /** {@link System#nanoTime()} after the last poll that handed over a frame; 0 before the first. */
    protected long lastFrameNanos;

    DpdkSourceStage(Port port, DpdkRxStage rx) {
        this.port = port;
        this.rx = rx;
    }

    @Override
    public final String role() {
        return rx.role();
    }

    public final Port port() {
        return port;
    }

    public final DpdkRxStage rx() {
        return rx;
    }

    /** Registers the polling thread with the EAL ({@link DpdkRxStage#onStart()}). */
    @Override
    public void onStart() {
        rx.onStart();
    }

    @Override
    public final int doWork() {
        int n = rx.doWork();
        long now = System.nanoTime();
        if (n > 0) {
            lastFrameNanos = now;
        }
        return n + afterPoll(now);
    }

    /** The source's own work after each poll, at {@code now}; returns the work done (timers fired, ...). */
    protected abstract int afterPoll(long now);

    /** Whether more than {@code nanos} have passed since the last frame; false before the first. */
    protected final boolean idleLongerThan(long nanos) {
        return lastFrameNanos != 0 && System.nanoTime() - lastFrameNanos > nanos;
    }
}
