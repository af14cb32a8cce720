package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * OUCH 4.2 <b>System Event</b> (outbound: venue → client), 10 bytes, big-endian. Reads and writes in place.
 *
 * <pre>
 *  offset  len  field
 *       0    1  Message Type 'S'
 *       1    8  Timestamp
 *       9    1  Event Code
 * </pre>
 */
public final class SystemEvent extends OuchFlyweight {

    public static final byte MESSAGE_TYPE = 'S';
    public static final int LENGTH = 10;

    public static final int TIMESTAMP_OFFSET = 1;
    public static final int EVENT_CODE_OFFSET = 9;

    @Override
    public int length() {
        return LENGTH;
    }

    public SystemEvent wrap(MemorySegment segment, long offset) {
        set(segment, offset);
        return this;
    }

    /** Wraps {@code LENGTH} bytes at {@code offset} and writes the message type; the fields follow. */
    public SystemEvent wrapForEncode(MemorySegment segment, long offset) {
        set(segment, offset);
        putByte(0, MESSAGE_TYPE);
        return this;
    }

    /** Nanoseconds since midnight. */
    public long timestamp() {
        return getLong(TIMESTAMP_OFFSET);
    }

    public SystemEvent timestamp(long value) {
        putLong(TIMESTAMP_OFFSET, value);
        return this;
    }

    public byte eventCode() {
        return getByte(EVENT_CODE_OFFSET);
    }

    public SystemEvent eventCode(byte value) {
        putByte(EVENT_CODE_OFFSET, value);
        return this;
    }
}
