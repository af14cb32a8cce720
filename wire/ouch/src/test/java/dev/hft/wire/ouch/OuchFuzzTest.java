package dev.hft.wire.ouch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.hft.wire.mold.MoldUdpFrameDecoder;

/**
 * Raw bytes as an OUCH message of either direction and as a MoldUDP64 packet / OUCH-over-UDP frame: nothing may
 * throw, every call lands in exactly one counter, and whatever is delivered lies inside the input.
 * Plain {@code mvn test} replays the seeds in {@code OuchFuzzTestInputs/decodeRawBytes}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class OuchFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodeRawBytes(byte[] data) {
        MemorySegment segment = MemorySegment.ofArray(data);
        Recorder recorder = new Recorder();
        OuchInboundDecoder inbound = new OuchInboundDecoder(recorder);
        OuchOutboundDecoder outbound = new OuchOutboundDecoder(recorder);

        int in = inbound.decode(segment, 0, data.length);
        int out = outbound.decode(segment, 0, data.length);
        assertEquals(1, inbound.decoded() + inbound.skipped() + inbound.unknownTypes() + inbound.badLengths());
        assertEquals(1, outbound.decoded() + outbound.skipped() + outbound.unknownTypes() + outbound.badLengths());
        int delivered = (in == OuchDecoder.DECODED ? 1 : 0) + (out == OuchDecoder.DECODED ? 1 : 0);
        assertEquals(delivered, recorder.messages.size());
        for (OuchFlyweight m : recorder.messages) {
            assertEquals(data.length, m.length());
            assertEquals(data[0], m.messageType());
        }

        MoldUdpFrameDecoder mold = new MoldUdpFrameDecoder();
        long[] end = {0};
        MoldUdpFrameDecoder.Handler bounds = (sequence, s, offset, length) -> {
            assertTrue(offset >= 0 && length >= 0 && offset + length <= data.length);
            assertTrue(offset >= end[0], "blocks are delivered in order without overlap");
            end[0] = offset + length;
            outbound.decode(s, offset, length);
        };
        int packet = mold.decodeMold(segment, 0, data.length, bounds);
        end[0] = 0;
        int frame = mold.decode(segment, 0, data.length, bounds);
        assertEquals((packet < 0 ? 1 : 0) + (frame < 0 ? 1 : 0), mold.dropped());
    }
}
