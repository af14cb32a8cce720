package dev.hft.ingress.source;

/** Time-driven work behind a source (re-request replies, gap timers), polled in the source's duty cycle. */
public interface Timers {

    /** Does what is due at {@code nowNanos}; returns how much was done. */
    int poll(long nowNanos);

    /** True while something still waits on time (an open gap), so the source is not finished yet. */
    boolean pending();

    /** The source has read the last of its input: what waits only for more input can be settled now. */
    default void endOfInput() {
    }
}
