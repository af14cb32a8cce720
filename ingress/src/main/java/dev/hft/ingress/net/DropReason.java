package dev.hft.ingress.net;

import dev.hft.wire.net.Ethernet;

/** Why the decode path dropped a frame, a packet or a message. Each reason has its own counter. */
public enum DropReason {
    TRUNCATED_FRAME,
    /** A capture interface whose link type is not Ethernet. */
    NOT_ETHERNET,
    NOT_IPV4,
    BAD_IPV4_HEADER,
    BAD_IPV4_CHECKSUM,
    BAD_IPV4_LENGTH,
    IPV4_FRAGMENT,
    NOT_UDP,
    BAD_UDP_LENGTH,
    FILTERED_OUT,
    MOLD_HEADER_TRUNCATED,
    MOLD_COUNT_OVERRUN,
    MOLD_TRAILING_BYTES,
    MOLD_WRONG_SESSION,
    /** A sequence number below 1 or beyond {@code MoldReceiver.MAX_SEQUENCE}. */
    MOLD_BAD_SEQUENCE,
    MESSAGE_PAST_PAYLOAD_END,
    ZERO_LENGTH,
    WRONG_LENGTH_FOR_TYPE,
    UNKNOWN_TYPE,
    /** Messages never received: counted once per missing sequence number. */
    GAP,
    DUPLICATE,
    /** Messages that arrived while a gap was open but did not fit the preallocated buffer (re-requested later). */
    GAP_BUFFER_FULL,
    /** Messages given up on after the retransmission retries ran out. */
    GAP_ABANDONED,
    /** Packets received after the gap policy halted the feed. */
    HALTED,
    /** A BinaryFILE or pcap file ending in the middle of a record. */
    FILE_TRUNCATED,
    /** A compressed file whose stream is damaged or cut short. */
    FILE_CORRUPT;

    private static final DropReason[] VALUES = values();

    public static DropReason of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Counter name: lower case with dashes, for example {@code bad-ipv4-checksum}. */
    public String counterName() {
        return "drop-" + name().toLowerCase().replace('_', '-');
    }
}
