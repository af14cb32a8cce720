package dev.hft.wire.itch;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Bad input is a counted drop with a result code: never an exception, never a callback. */
class ItchHostileInputTest {

    private final RecordingListener recorder = new RecordingListener();
    private final ItchDecoder decoder = new ItchDecoder(recorder);
    private final MemorySegment buffer = Arena.ofAuto().allocate(2 * ItchMessages.MAX_LENGTH);
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void everyShorterOrLongerLengthIsBadLength() {
        long expectedBad = 0;
        for (char type : ItchMessages.TYPES.toCharArray()) {
            int length = ItchMessages.length((byte) type);
            RandomMessages.write((byte) type, random, buffer, 0);
            for (int truncated = 1; truncated < length; truncated++) {
                assertEquals(ItchDecoder.BAD_LENGTH, decoder.decode(buffer, 0, truncated), type + " of " + truncated);
                expectedBad++;
            }
            assertEquals(ItchDecoder.BAD_LENGTH, decoder.decode(buffer, 0, length + 1), type + " one byte long");
            assertEquals(ItchDecoder.BAD_LENGTH, decoder.decode(buffer, 0, 2 * ItchMessages.MAX_LENGTH));
            expectedBad += 2;
            assertEquals(0, decoder.count((byte) type));
        }
        assertEquals(expectedBad, decoder.badLengths());
        assertEquals(0, decoder.messages());
        assertEquals(0, decoder.unknownTypes());
        assertTrue(recorder.messages.isEmpty());
    }

    @Test
    void everyUnknownTypeByteIsUnknownType() {
        int unknown = 0;
        for (int b = 0; b < 256; b++) {
            if (ItchMessages.length((byte) b) == 0) {
                buffer.set(JAVA_BYTE, 0, (byte) b);
                assertEquals(ItchDecoder.UNKNOWN_TYPE, decoder.decode(buffer, 0, 20), "type byte " + b);
                unknown++;
            }
        }
        assertEquals(256 - 23, unknown);
        assertEquals(unknown, decoder.unknownTypes());
        assertEquals(0, decoder.badLengths() + decoder.messages());
        assertTrue(recorder.messages.isEmpty());
    }

    @Test
    void zeroNegativeAndOutOfBoundsLengthsAreBadLength() {
        RandomMessages.write((byte) 'D', random, buffer, 0);
        assertEquals(ItchDecoder.BAD_LENGTH, decoder.decode(buffer, 0, 0));
        assertEquals(ItchDecoder.BAD_LENGTH, decoder.decode(buffer, 0, -19));
        assertEquals(ItchDecoder.BAD_LENGTH, decoder.decode(buffer, -1, 19));
        assertEquals(ItchDecoder.BAD_LENGTH, decoder.decode(buffer, buffer.byteSize() - 18, 19));
        assertEquals(ItchDecoder.BAD_LENGTH, decoder.decode(buffer, Long.MAX_VALUE, 19));
        assertEquals(ItchDecoder.BAD_LENGTH, decoder.decode(buffer.asSlice(0, 18), 0, 19));
        assertEquals(ItchDecoder.BAD_LENGTH, decoder.decode(MemorySegment.NULL, 0, 19));
        assertEquals(7, decoder.badLengths());
        assertTrue(recorder.messages.isEmpty());
        assertEquals(ItchDecoder.OK, decoder.decode(buffer, 0, 19));
        assertEquals(1, decoder.count((byte) 'D'));
    }

    @Test
    void decodingGoesOnAfterBadMessages() {
        assertEquals(ItchDecoder.UNKNOWN_TYPE, decodeOne('Z', 20));
        assertEquals(ItchDecoder.OK, decodeOne('A', AddOrder.LENGTH));
        assertEquals(ItchDecoder.BAD_LENGTH, decodeOne('A', AddOrder.LENGTH - 4));
        assertEquals(ItchDecoder.OK, decodeOne('E', OrderExecuted.LENGTH));
        assertEquals(ItchDecoder.BAD_LENGTH, decodeOne('E', 0));
        assertEquals(ItchDecoder.OK, decodeOne('O', DirectListingWithCapitalRaisePriceDiscovery.LENGTH));
        assertEquals(3, decoder.messages());
        assertEquals(2, decoder.badLengths());
        assertEquals(1, decoder.unknownTypes());
        assertEquals(3, recorder.messages.size());
        assertEquals("OK UNKNOWN_TYPE BAD_LENGTH", ItchDecoder.resultName(ItchDecoder.OK) + " "
                + ItchDecoder.resultName(ItchDecoder.UNKNOWN_TYPE) + " " + ItchDecoder.resultName(ItchDecoder.BAD_LENGTH));
    }

    @Test
    void decodingDoesNotAllocate() {
        MemorySegment stream = Arena.ofAuto().allocate(23L * ItchMessages.MAX_LENGTH);
        long[] offsets = new long[23];
        long position = 0;
        for (int i = 0; i < 23; i++) {
            offsets[i] = position;
            RandomMessages.write((byte) ItchMessages.TYPES.charAt(i), random, stream, position);
            position += ItchMessages.length((byte) ItchMessages.TYPES.charAt(i));
        }
        ItchDecoder quiet = new ItchDecoder(new ItchListener() { });
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = 0;
        for (int round = 0; round < 2; round++) {
            before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200_000; i++) {
                int k = i % 23;
                quiet.decode(stream, offsets[k], ItchMessages.length((byte) ItchMessages.TYPES.charAt(k)));
                quiet.decode(stream, offsets[k], 3);
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(400_000, quiet.messages());
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for 400,000 decode calls");
    }

    @Test
    void arbitraryBytesNeverThrowAndAreCountedOnce() {
        SplittableRandom arbitrary = new SplittableRandom(20260101L);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] bytes = new byte[arbitrary.nextInt(65)];
            arbitrary.nextBytes(bytes);
            if (bytes.length > 0 && arbitrary.nextBoolean()) {
                bytes[0] = (byte) ItchMessages.TYPES.charAt(arbitrary.nextInt(ItchMessages.TYPES.length()));
            }
            int offset = arbitrary.nextInt(-2, 4);
            int length = arbitrary.nextBoolean() && offset >= 0 && offset < bytes.length
                    ? ItchMessages.length(bytes[offset]) + arbitrary.nextInt(-1, 2)
                    : arbitrary.nextInt(-8, 73);
            RecordingListener recorder = new RecordingListener();
            ItchDecoder decoder = new ItchDecoder(recorder);

            int result = decoder.decode(MemorySegment.ofArray(bytes), offset, length);

            boolean fits = length > 0 && offset >= 0 && offset + length <= bytes.length;
            int expected = !fits ? ItchDecoder.BAD_LENGTH
                    : ItchMessages.length(bytes[offset]) == 0 ? ItchDecoder.UNKNOWN_TYPE
                    : ItchMessages.length(bytes[offset]) == length ? ItchDecoder.OK : ItchDecoder.BAD_LENGTH;
            String where = "trial " + trial;
            assertEquals(expected, result, where);
            assertEquals(1, decoder.messages() + decoder.badLengths() + decoder.unknownTypes(), where);
            assertEquals(result == ItchDecoder.OK ? 1 : 0, recorder.messages.size(), where);
        }
    }

    private int decodeOne(char type, int length) {
        if (ItchMessages.length((byte) type) == 0) {
            buffer.set(JAVA_BYTE, 0, (byte) type);
        } else {
            RandomMessages.write((byte) type, random, buffer, 0);
        }
        return decoder.decode(buffer, 0, length);
    }
}
