package dev.hft.pipeline.metrics;

import java.time.Duration;

import org.agrona.concurrent.status.CountersReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs {@link StatusLine} every interval from its own daemon thread, reading counters only. */
public final class StatusLogger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusLogger.class);

    private final Thread thread;
    private volatile boolean running = true;

    public StatusLogger(CountersReader counters, Duration interval) {
        long sleepMillis = Math.max(1, interval.toMillis());
        thread = new Thread(() -> {
            Snapshot before = Snapshot.read(counters, System.nanoTime());
            while (running) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    return;
                }
                Snapshot after = Snapshot.read(counters, System.nanoTime());
                LOG.info(StatusLine.format(before, after));
                before = after;
            }
        }, "hft-status");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
