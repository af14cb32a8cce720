package dev.hft.venue;

/**
 * Why the venue refused a client message, with the OUCH 4.2 code it answers with. Enter and Replace refusals
 * are sent as Rejected ({@code J}, this code); a Cancel or Modify of an unknown or dead token is answered with
 * Cancel Reject ({@code I}). OUCH 4.2 has no dedicated code for a duplicate or unknown token: {@code O} (other).
 */
public enum RejectReason {
    INVALID_STOCK('S'),
    INVALID_PRICE('X'),
    /** Zero shares, or more than the configured limit. */
    INVALID_SHARES('Z'),
    /** Display other than A, Y (displayed) or N (non-displayed). */
    INVALID_DISPLAY('D'),
    /** Buy/sell indicator other than B, S, T, E. */
    INVALID_SIDE('O'),
    /** Minimum quantity is not supported: anything but 0. */
    INVALID_MINIMUM_QUANTITY('N'),
    /** Only the continuous market (cross type N) is simulated. */
    INVALID_CROSS_TYPE('R'),
    DUPLICATE_TOKEN('O'),
    /** Replace, Cancel or Modify of a token that is unknown or no longer live, or a Modify it cannot apply. */
    UNKNOWN_TOKEN('O'),
    /** An order or token pool is full. */
    CAPACITY('O');

    private final byte code;

    RejectReason(char code) {
        this.code = (byte) code;
    }

    /** The OUCH Rejected reason code. */
    public byte code() {
        return code;
    }
}
