package dev.hft.wire.ouch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Truncated, oversized, wrong-direction and unknown messages are counted and skipped, never thrown. */
class OuchHostileInputTest {

    static final Map<Character, Integer> OUTBOUND = Map.ofEntries(Map.entry('S', 10), Map.entry('A', 66),
            Map.entry('U', 80), Map.entry('C', 28), Map.entry('D', 37), Map.entry('E', 40), Map.entry('B', 32),
            Map.entry('J', 24), Map.entry('P', 23), Map.entry('I', 23), Map.entry('T', 36), Map.entry('M', 28));
    static final Map<Character, Integer> INBOUND = Map.of('O', 49, 'U', 47, 'X', 19, 'M', 20);

    final Recorder recorder = new Recorder();
    final OuchInboundDecoder inbound = new OuchInboundDecoder(recorder);
    final OuchOutboundDecoder outbound = new OuchOutboundDecoder(recorder);
    final MemorySegment buffer = Arena.ofAuto().allocate(256);

    int decode(OuchDecoder decoder, char type, int length) {
        buffer.set(ValueLayout.JAVA_BYTE, 0, (byte) type);
        return decoder.decode(buffer, 0, length);
    }

    @Test
    void everyOutboundTypeDecodesOnlyAtItsExactLength() {
        OUTBOUND.forEach((type, length) -> {
            assertEquals(OuchDecoder.BAD_LENGTH, decode(outbound, type, length - 1), "short " + type);
            assertEquals(OuchDecoder.BAD_LENGTH, decode(outbound, type, length + 1), "long " + type);
            assertEquals(OuchDecoder.DECODED, decode(outbound, type, length), "exact " + type);
        });
        assertEquals(2L * OUTBOUND.size(), outbound.badLengths());
        assertEquals(OUTBOUND.size(), outbound.decoded());
        assertEquals(OUTBOUND.size(), recorder.messages.size());
    }

    @Test
    void everyInboundTypeDecodesOnlyAtItsExactLength() {
        INBOUND.forEach((type, length) -> {
            assertEquals(OuchDecoder.BAD_LENGTH, decode(inbound, type, length - 1), "short " + type);
            assertEquals(OuchDecoder.BAD_LENGTH, decode(inbound, type, length + 1), "long " + type);
            assertEquals(OuchDecoder.DECODED, decode(inbound, type, length), "exact " + type);
        });
        assertEquals(2L * INBOUND.size(), inbound.badLengths());
        assertEquals(INBOUND.size(), inbound.decoded());
    }

    @Test
    void replaceAndModifyAreToldApartByDirection() {
        assertEquals(OuchDecoder.BAD_LENGTH, decode(outbound, 'U', ReplaceOrder.LENGTH));
        assertEquals(OuchDecoder.BAD_LENGTH, decode(outbound, 'M', ModifyOrder.LENGTH));
        assertEquals(OuchDecoder.BAD_LENGTH, decode(inbound, 'U', OrderReplaced.LENGTH));
        assertEquals(OuchDecoder.BAD_LENGTH, decode(inbound, 'M', OrderModified.LENGTH));
        assertEquals(OuchDecoder.DECODED, decode(outbound, 'U', OrderReplaced.LENGTH));
        assertEquals(OuchDecoder.DECODED, decode(inbound, 'U', ReplaceOrder.LENGTH));
        assertTrue(recorder.messages.get(0) instanceof OrderReplaced);
        assertTrue(recorder.messages.get(1) instanceof ReplaceOrder);
    }

    @Test
    void unknownTypesAreCountedAndOutOfSetTypesSkippedByLength() {
        assertEquals(OuchDecoder.UNKNOWN_TYPE, decode(outbound, 'O', EnterOrder.LENGTH));
        assertEquals(OuchDecoder.UNKNOWN_TYPE, decode(outbound, '\0', 10));
        assertEquals(OuchDecoder.UNKNOWN_TYPE, decode(inbound, 'A', OrderAccepted.LENGTH));
        assertEquals(OuchDecoder.SKIPPED, decode(outbound, 'F', 41));
        assertEquals(OuchDecoder.SKIPPED, decode(outbound, 'G', 45));
        assertEquals(OuchDecoder.SKIPPED, decode(outbound, 'K', 36));
        assertEquals(OuchDecoder.SKIPPED, decode(outbound, 'N', 23));
        assertEquals(OuchDecoder.SKIPPED, decode(inbound, 'N', 15));
        assertEquals(OuchDecoder.BAD_LENGTH, decode(outbound, 'G', 40));
        assertEquals(2, outbound.unknownTypes());
        assertEquals(1, inbound.unknownTypes());
        assertEquals(4, outbound.skipped());
        assertEquals(1, outbound.badLengths());
        assertEquals(0, recorder.messages.size());
    }

    @Test
    void rangesOutsideTheSegmentAreBadLengthsNotExceptions() {
        MemorySegment small = buffer.asSlice(0, 30);
        small.set(ValueLayout.JAVA_BYTE, 0, (byte) 'C');
        assertEquals(OuchDecoder.BAD_LENGTH, outbound.decode(small, 0, 0));
        assertEquals(OuchDecoder.BAD_LENGTH, outbound.decode(small, 0, -5));
        assertEquals(OuchDecoder.BAD_LENGTH, outbound.decode(small, -1, 28));
        assertEquals(OuchDecoder.BAD_LENGTH, outbound.decode(small, 3, 28));
        assertEquals(OuchDecoder.BAD_LENGTH, outbound.decode(small, Long.MAX_VALUE, 28));
        assertEquals(OuchDecoder.BAD_LENGTH, outbound.decode(small, 0, Integer.MAX_VALUE));
        assertEquals(OuchDecoder.DECODED, outbound.decode(small, 0, 28));
        assertEquals(6, outbound.badLengths());
    }

    @Test
    void randomBytesNeverThrowAndEveryCallIsAccountedFor() {
        SplittableRandom random = new SplittableRandom(42);
        int calls = 20_000;
        for (int i = 0; i < calls; i++) {
            for (int j = 0; j < 96; j++) {
                buffer.set(ValueLayout.JAVA_BYTE, j, (byte) random.nextInt(256));
            }
            int length = random.nextInt(-2, 97);
            long offset = random.nextInt(0, 160);
            outbound.decode(buffer, offset, length);
            inbound.decode(buffer, offset, length);
        }
        assertEquals(calls, outbound.decoded() + outbound.skipped() + outbound.unknownTypes() + outbound.badLengths());
        assertEquals(calls, inbound.decoded() + inbound.skipped() + inbound.unknownTypes() + inbound.badLengths());
        assertEquals(outbound.decoded() + inbound.decoded(), recorder.messages.size());
    }
}
