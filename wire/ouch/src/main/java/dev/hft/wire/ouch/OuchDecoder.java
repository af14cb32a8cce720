package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Common part of the two OUCH decoders: bounds and length checks, the result codes and the drop counters.
 * A decoder never throws on bad input: it counts the message, skips it and returns a negative code.
 * Counters are plain fields: a decoder belongs to one stage thread.
 */
public abstract sealed class OuchDecoder permits OuchInboundDecoder, OuchOutboundDecoder {

    /** The message was decoded and handed to the listener. */
    public static final int DECODED = 0;
    /** A known type outside the supported set (F, G, K, N) with its right length: skipped. */
    public static final int SKIPPED = 1;
    /** First byte is no message type of this direction. */
    public static final int UNKNOWN_TYPE = -1;
    /** The type is known but the length is not its fixed length, or the range lies outside the segment. */
    public static final int BAD_LENGTH = -2;

    private long decoded;
    private long skipped;
    private long unknownTypes;
    private long badLengths;

    /**
     * Decodes the one OUCH message in {@code segment[offset, offset + length)}.
     *
     * @return {@link #DECODED}, {@link #SKIPPED}, {@link #UNKNOWN_TYPE} or {@link #BAD_LENGTH}
     */
    public final int decode(MemorySegment segment, long offset, int length) {
        if (length < 1 || offset < 0 || offset > segment.byteSize() - length) {
            return badLength();
        }
        return dispatch(segment.get(ValueLayout.JAVA_BYTE, offset), segment, offset, length);
    }

    abstract int dispatch(byte type, MemorySegment segment, long offset, int length);

    final boolean lengthIs(int length, int expected) {
        if (length == expected) {
            decoded++;
            return true;
        }
        badLengths++;
        return false;
    }

    final int result(boolean ok) {
        return ok ? DECODED : BAD_LENGTH;
    }

    final int skip(int length, int expected) {
        if (length != expected) {
            return badLength();
        }
        skipped++;
        return SKIPPED;
    }

    final int unknownType() {
        unknownTypes++;
        return UNKNOWN_TYPE;
    }

    private int badLength() {
        badLengths++;
        return BAD_LENGTH;
    }

    public final long decoded() {
        return decoded;
    }

    public final long skipped() {
        return skipped;
    }

    public final long unknownTypes() {
        return unknownTypes;
    }

    public final long badLengths() {
        return badLengths;
    }
}
