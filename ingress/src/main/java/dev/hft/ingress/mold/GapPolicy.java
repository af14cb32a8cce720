package dev.hft.ingress.mold;

/** What a {@link MoldReceiver} does when sequence numbers are missing. */
public enum GapPolicy {
    /** Count the missing messages and go on from the first one received. */
    CONTINUE,
    /** Count, report, and stop delivering (the stage asks the runtime to halt). */
    HALT,
    /** Count, re-request the missing range from the request server, buffer what arrives meanwhile. */
    RETRANSMIT;

    public static GapPolicy parse(String text) {
        return valueOf(text.trim().toUpperCase());
    }
}
