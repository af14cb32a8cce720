package dev.hft.ingress.net;

/**
 * Why the decode path dropped a frame, a packet or a message: each reason has its own counter, a level (what was
 * dropped) and whether it means data was lost. Expected drops (traffic the allow-lists exclude, frames that are not
 * IPv4/UDP, packets of sessions not asked for) are counted but lose nothing of the feed; a loss is what a run reports
 * and exits non-zero for. Duplicates and sequence gaps are not drops: the Mold receiver counts them apart.
 */
public enum DropReason {
    TRUNCATED_FRAME(Level.FRAME, true),
    /** A capture interface whose link type is not Ethernet. */
    NOT_ETHERNET(Level.FRAME, false),
    NOT_IPV4(Level.FRAME, false),
    BAD_IPV4_HEADER(Level.FRAME, true),
    BAD_IPV4_CHECKSUM(Level.FRAME, true),
    BAD_IPV4_LENGTH(Level.FRAME, true),
    IPV4_FRAGMENT(Level.FRAME, true),
    NOT_UDP(Level.FRAME, false),
    BAD_UDP_LENGTH(Level.FRAME, true),
    /** A destination group:port no line of the stage names. */
    FILTERED_OUT(Level.FRAME, false),
    /** A source address outside the stage's {@code sources} allow-list. */
    SOURCE_NOT_ALLOWED(Level.FRAME, false),
    /** Longer than the stage's {@code max_frame}: its messages could not be bounded. */
    FRAME_TOO_LONG(Level.FRAME, true),
    /** A frame spread over several DPDK mbufs (the decode path reads frames in one piece). */
    MULTI_SEGMENT_FRAME(Level.FRAME, true),
    MOLD_HEADER_TRUNCATED(Level.PACKET, true),
    MOLD_COUNT_OVERRUN(Level.PACKET, true),
    /** A session other than the one being followed, or one outside the {@code sessions} allow-list. */
    MOLD_WRONG_SESSION(Level.PACKET, false),
    /** A packet of a session beyond the {@code mold_sessions} bound. */
    MOLD_SESSION_LIMIT(Level.PACKET, false),
    /** A sequence number below 1 or beyond {@code MoldReceiver.MAX_SEQUENCE}. */
    MOLD_BAD_SEQUENCE(Level.PACKET, true),
    /**
     * A packet that jumped ahead of the sequence (or ended the session, or started a new one) and was not confirmed
     * by the packets after it. If its range was real and never arrived, the gap counters report it as lost.
     */
    MOLD_UNCONFIRMED(Level.PACKET, false),
    /** An End of Session older than the sequence already reached. */
    MOLD_STALE_END_OF_SESSION(Level.PACKET, false),
    MESSAGE_PAST_PAYLOAD_END(Level.PACKET, true),
    /** Packets received after the gap policy halted the feed. */
    HALTED(Level.PACKET, true),
    ZERO_LENGTH(Level.MESSAGE, true),
    WRONG_LENGTH_FOR_TYPE(Level.MESSAGE, true),
    UNKNOWN_TYPE(Level.MESSAGE, true),
    /** Messages that arrived while a gap was open and did not fit the buffer: missing again, re-requested later. */
    GAP_BUFFER_FULL(Level.MESSAGE, false),
    /** Messages received behind a gap that was still open when the run stopped: never delivered. */
    UNDELIVERED_AT_STOP(Level.MESSAGE, true),
    /** A BinaryFILE or capture ending in the middle of a record: the rest of the file is unreadable. */
    FILE_TRUNCATED(Level.FILE, true),
    /** A compressed file whose stream is damaged or cut short. */
    FILE_CORRUPT(Level.FILE, true),
    /** Records after a BinaryFILE's end-of-session marker, never read (counted per record, or 1 for unreadable bytes). */
    FILE_TRAILING_DATA(Level.FILE, true),
    /** Capture records the replay path never delivered (a DPDK net_pcap replay that stopped early). */
    CAPTURE_UNREAD(Level.FRAME, true);

    /** What one count of the reason is. */
    public enum Level { FRAME, PACKET, MESSAGE, FILE }

    private static final DropReason[] VALUES = values();

    private final Level level;
    private final boolean loss;

    DropReason(Level level, boolean loss) {
        this.level = level;
        this.loss = loss;
    }

    public static DropReason of(int ordinal) {
        return VALUES[ordinal];
    }

    public Level level() {
        return level;
    }

    /** True when a drop for this reason means part of the feed was lost. */
    public boolean loss() {
        return loss;
    }

    /** Counter name: {@code drop.<reason>}, lower snake case, for example {@code drop.bad_ipv4_checksum}. */
    public String counterName() {
        return "drop." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
