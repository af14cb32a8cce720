package dev.hft.ingress.mold;

/** What a {@link MoldReceiver} does when sequence numbers are missing. */
public enum GapPolicy {
    /** Count the missing messages and go on from the first one received. */
    CONTINUE,
    /** Count, report, and stop delivering (the stage asks the runtime to halt). */
    HALT,
    /** Count, re-request the missing range from the request server, buffer what arrives meanwhile. */
    RETRANSMIT,
    /**
     * Count and buffer like {@code RETRANSMIT} but send no request: wait for another line (A/B) to fill the gap,
     * for up to the retry interval times (max retries + 1), then give up.
     */
    WAIT;

    public static GapPolicy parse(String text) {
        return valueOf(text.trim().toUpperCase());
    }
}
