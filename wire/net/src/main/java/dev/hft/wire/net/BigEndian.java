package dev.hft.wire.net;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Unaligned network-order layouts shared by the header flyweights. */
public final class BigEndian {

    public static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    public static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    public static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private BigEndian() {
    }

    public static int u8(MemorySegment segment, long offset) {
        return segment.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
    }

    public static int u16(MemorySegment segment, long offset) {
        return segment.get(U16, offset) & 0xFFFF;
    }

    public static int i32(MemorySegment segment, long offset) {
        return segment.get(U32, offset);
    }

    public static long i64(MemorySegment segment, long offset) {
        return segment.get(U64, offset);
    }

    public static void putU8(MemorySegment segment, long offset, int value) {
        segment.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }

    public static void putU16(MemorySegment segment, long offset, int value) {
        segment.set(U16, offset, (short) value);
    }

    public static void putI32(MemorySegment segment, long offset, int value) {
        segment.set(U32, offset, value);
    }

    public static void putI64(MemorySegment segment, long offset, long value) {
        segment.set(U64, offset, value);
    }
}
