package dev.hft.wire.itch;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Base of the ITCH 5.0 flyweights: a reusable view over one message in a {@link MemorySegment}, reading the
 * common header and giving subclasses big-endian field readers. Wrapping does not check the length: the
 * {@link ItchDecoder} does that before it hands a flyweight to a listener.
 *
 * <pre>
 * +------+---------------+-----------------+------------------+
 * | type | stock locate  | tracking number | timestamp        |
 * | 0:1  | 1:2           | 3:2             | 5:6 (ns, 48-bit) |
 * +------+---------------+-----------------+------------------+
 * </pre>
 */
public abstract class ItchMessage {

    public static final int MESSAGE_TYPE_OFFSET = 0;
    public static final int STOCK_LOCATE_OFFSET = 1;
    public static final int TRACKING_NUMBER_OFFSET = 3;
    public static final int TIMESTAMP_OFFSET = 5;
    public static final int HEADER_LENGTH = 11;

    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private MemorySegment segment;
    private long offset;

    /** Points this view at the message starting at {@code offset} in {@code segment}. */
    public final void wrap(MemorySegment segment, long offset) {
        this.segment = segment;
        this.offset = offset;
    }

    public final MemorySegment segment() {
        return segment;
    }

    public final long offset() {
        return offset;
    }

    public final byte messageType() {
        return byte8(MESSAGE_TYPE_OFFSET);
    }

    public final int stockLocate() {
        return uint16(STOCK_LOCATE_OFFSET);
    }

    public final int trackingNumber() {
        return uint16(TRACKING_NUMBER_OFFSET);
    }

    /** Nanoseconds since midnight. */
    public final long timestamp() {
        return uint48(TIMESTAMP_OFFSET);
    }

    final byte byte8(int field) {
        return segment.get(ValueLayout.JAVA_BYTE, offset + field);
    }

    final short short16(int field) {
        return segment.get(SHORT, offset + field);
    }

    final int uint16(int field) {
        return Short.toUnsignedInt(segment.get(SHORT, offset + field));
    }

    final int int32(int field) {
        return segment.get(INT, offset + field);
    }

    final long uint32(int field) {
        return Integer.toUnsignedLong(segment.get(INT, offset + field));
    }

    final long uint48(int field) {
        return (long) uint16(field) << 32 | uint32(field + 2);
    }

    final long int64(int field) {
        return segment.get(LONG, offset + field);
    }
}
