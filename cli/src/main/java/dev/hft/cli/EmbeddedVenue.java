package dev.hft.cli;

import java.io.IOException;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;

import dev.hft.venue.Venue;

/**
 * A venue simulator running on its own thread ({@code hft-venue-<name>}) for the length of a run. The thread
 * parks (50 us growing to 1 ms) when a duty cycle finds nothing to do; it never spins or yields. The
 * venue is only touched by that thread until {@link #stop()} has joined it; its counters are read after.
 */
final class EmbeddedVenue {

    private final String name;
    private final Venue venue;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private EmbeddedVenue(String name, Venue venue) {
        this.name = name;
        this.venue = venue;
        this.thread = new Thread(this::run, "hft-venue-" + name);
        this.thread.setDaemon(true);
    }

    static EmbeddedVenue start(VenueSection section) throws IOException {
        EmbeddedVenue v = new EmbeddedVenue(section.name(), Venue.start(section.config(), new OffsetEpochNanoClock()));
        v.thread.start();
        return v;
    }

    private void run() {
        try {
            // no spinning or yielding: the venue shares 2 cores with the pipeline; its background flow has work
            // every millisecond or so, and a park of 50 us to 1 ms between empty duty cycles is plenty for it
            venue.run(() -> running, new BackoffIdleStrategy(0, 0, 50_000, 1_000_000));
        } catch (Throwable e) {
            failure = e;
            venue.stop();
        }
    }

    String name() {
        return name;
    }

    /** The venue; read its counters only after {@link #stop()}. */
    Venue venue() {
        return venue;
    }

    Throwable failure() {
        return failure;
    }

    boolean alive() {
        return thread.isAlive();
    }

    /** Ends the day (logouts, end of session), closes the sockets and joins the thread. */
    void stop() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String describe() {
        StringBuilder sb = new StringBuilder("venue " + name + ": embedded, thread hft-venue-" + name + " (unpinned, backoff)");
        for (int i = 0; i < venue.config().soup().size(); i++) {
            sb.append(", SoupBinTCP 127.0.0.1:").append(venue.soupPort(i));
        }
        if (venue.ouchUdpPort() >= 0) {
            sb.append(", OUCH/UDP 127.0.0.1:").append(venue.ouchUdpPort());
        }
        sb.append(", ITCH to ").append(venue.config().itch().destination());
        sb.append(", symbols ").append(venue.config().symbols().stream()
                .map(s -> s.stock() + "@" + s.referencePrice() / 10_000.0).toList());
        return sb.toString();
    }
}
