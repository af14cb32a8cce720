package dev.hft.ingress.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.hft.ingress.mold.GapPolicy;
import dev.hft.ingress.mold.MoldReceiver;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.ingress.net.UdpFrameHandler;
import dev.hft.ingress.route.RecordingRings;
import dev.hft.ingress.route.ShardRouter;
import dev.hft.ingress.source.BinaryFileSource;
import dev.hft.ingress.source.PcapSource;
import dev.hft.wire.net.BigEndian;
import dev.hft.wire.net.Ethernet;
import dev.hft.wire.net.Ipv4;
import dev.hft.wire.net.PayloadHandler;

/**
 * Raw bytes through the whole decode path down to real rings: no exception, and the counters add up.
 * Plain {@code mvn test} replays the committed inputs; {@code JAZZER_FUZZ=1} fuzzes.
 */
class IngressFuzzTest {

    private static final DropReason[] FRAME_REASONS = {DropReason.TRUNCATED_FRAME, DropReason.NOT_IPV4,
            DropReason.BAD_IPV4_HEADER, DropReason.BAD_IPV4_CHECKSUM, DropReason.BAD_IPV4_LENGTH, DropReason.IPV4_FRAGMENT,
            DropReason.NOT_UDP, DropReason.BAD_UDP_LENGTH, DropReason.FILTERED_OUT};
    private static final DropReason[] MESSAGE_REASONS = {DropReason.ZERO_LENGTH, DropReason.UNKNOWN_TYPE,
            DropReason.WRONG_LENGTH_FOR_TYPE};

    private static final RecordingRings RINGS = new RecordingRings(2, 1 << 10);

    private static long sum(DropCounters drops, DropReason... reasons) {
        long sum = 0;
        for (DropReason reason : reasons) {
            sum += drops.get(reason);
        }
        return sum;
    }

    /**
     * Input: frames, each as a 2-byte big-endian length then that many bytes (the last one may be short). When
     * the first byte is odd, each untagged IPv4 header's checksum is corrected first, so mutations get past it.
     */
    @FuzzTest(maxDuration = "60s")
    void frames(byte[] data) {
        if (data.length > 0 && (data[0] & 1) == 1) {
            correctChecksums(MemorySegment.ofArray(data));
        }
        for (GapPolicy policy : new GapPolicy[] {GapPolicy.CONTINUE, GapPolicy.RETRANSMIT, GapPolicy.WAIT}) {
            DropCounters drops = new DropCounters();
            ShardRouter router = new ShardRouter(RINGS, drops);
            MoldReceiver receiver = new MoldReceiver(
                    MoldReceiver.Config.DEFAULTS.withRetransmission(8, 10, 2, GapPolicy.CONTINUE).withGapPolicy(policy),
                    router, drops, (session, sequence, count) -> assertTrue(count > 0 && sequence >= 0), null);
            long[] payloads = {0};
            PayloadHandler counting = (segment, offset, length, nanos, line) -> {
                payloads[0]++;
                receiver.onPayload(segment, offset, length, nanos, line);
            };
            UdpFrameHandler handler = new UdpFrameHandler(counting, drops);
            MemorySegment input = MemorySegment.ofArray(data);
            long frames = 0;
            long position = 0;
            while (position + 2 <= input.byteSize()) {
                int length = BigEndian.u16(input, position);
                int available = (int) Math.min(length, input.byteSize() - position - 2);
                handler.onFrame(input, position + 2, available, frames);
                receiver.poll(frames * 10);
                frames++;
                position += 2 + available;
            }
            receiver.flush();
            assertEquals(frames, handler.frames());
            assertEquals(frames, sum(drops, FRAME_REASONS) + payloads[0]);
            assertEquals(receiver.delivered(), router.messages() + sum(drops, MESSAGE_REASONS));
            assertTrue(receiver.lost() + receiver.recovered() <= receiver.missing(), "missing = recovered + lost + awaited");
        }
    }

    /** Input: a pcap or pcapng capture; anything else is refused when opening, never while reading. */
    @FuzzTest(maxDuration = "60s")
    void capture(byte[] data) {
        DropCounters drops = new DropCounters();
        long[] frames = {0};
        PcapSource source;
        try {
            source = PcapSource.over("fuzz", MemorySegment.ofArray(data), (frame, offset, length, nanos) -> {
                assertTrue(offset >= 0 && length >= 0 && offset + length <= frame.byteSize());
                frames[0]++;
            }, drops, 16, false);
        } catch (IllegalArgumentException notACapture) {
            return;
        }
        for (int i = 0; i <= data.length && !source.isExhausted(); i++) {
            source.doWork();
        }
        assertTrue(source.isExhausted());
        assertEquals(frames[0], source.frames());
        assertTrue(frames[0] <= data.length / 12);
    }

    @FuzzTest(maxDuration = "60s")
    void binaryFile(byte[] data) {
        DropCounters drops = new DropCounters();
        ShardRouter router = new ShardRouter(RINGS, drops);
        BinaryFileSource source = BinaryFileSource.over("fuzz", MemorySegment.ofArray(data), router, drops, 16);
        for (int i = 0; i <= data.length && !source.isExhausted(); i++) {
            source.doWork();
        }
        assertTrue(source.isExhausted());
        assertEquals(source.messages(), router.messages() + sum(drops, MESSAGE_REASONS));
        assertTrue(drops.get(DropReason.FILE_TRUNCATED) <= 1);
    }

    private static void correctChecksums(MemorySegment input) {
        long position = 0;
        while (position + 2 <= input.byteSize()) {
            int length = (int) Math.min(BigEndian.u16(input, position), input.byteSize() - position - 2);
            long ip = position + 2 + Ethernet.HEADER_LENGTH;
            if (length >= Ethernet.HEADER_LENGTH + Ipv4.MIN_HEADER_LENGTH) {
                int headerLength = (BigEndian.u8(input, ip) & 0x0F) * 4;
                if (headerLength >= Ipv4.MIN_HEADER_LENGTH && Ethernet.HEADER_LENGTH + headerLength <= length) {
                    Ipv4.updateChecksum(input, ip);
                }
            }
            position += 2 + length;
        }
    }
}
