package dev.hft.ingress.mold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.mold.MoldPacketWriter;

class MoldReceiverTest {

    static final MemorySegment SESSION = MoldPacket.session("TEST000001");

    final RecordingSink sink = new RecordingSink();
    final DropCounters drops = new DropCounters();
    final List<String> reports = new ArrayList<>();
    final List<long[]> requests = new ArrayList<>();
    final MoldReceiver.Listener listener = new MoldReceiver.Listener() {
        @Override
        public void onGap(long firstMissing, long count) {
            reports.add("gap " + firstMissing + "+" + count);
        }

        @Override
        public void onHalt(String reason) {
            reports.add("halt");
        }

        @Override
        public void onEndOfSession(long nextSequence) {
            reports.add("end " + nextSequence);
        }
    };
    final dev.hft.wire.mold.MoldRequester recordingRequester = (session, sequence, count) -> requests.add(new long[] {sequence, count});

    /** A packet of messages {@code first..first+count-1}; message s is 3 bytes starting with (byte) s. */
    static MemorySegment packet(MemorySegment session, long first, int count) {
        MemorySegment buffer = MemorySegment.ofArray(new byte[1500]);
        MoldPacketWriter writer = new MoldPacketWriter(buffer, 1500).begin(session, first);
        for (long s = first; s < first + count; s++) {
            assertTrue(writer.add(MemorySegment.ofArray(new byte[] {(byte) s, 'x', 'y'}), 0, 3));
        }
        return buffer.asSlice(0, writer.finish());
    }

    static void send(MoldReceiver receiver, MemorySegment packet, int line) {
        receiver.onPayload(packet, 0, (int) packet.byteSize(), 0, line);
    }

    static List<Long> range(long from, long toInclusive) {
        return LongStream.rangeClosed(from, toInclusive).boxed().toList();
    }

    MoldReceiver receiver(MoldReceiver.Config config) {
        return new MoldReceiver(config, sink, drops, recordingRequester, listener);
    }

    @Test
    void deliversInOrderAndEndsEachPacket() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 3), 0);
        send(receiver, packet(SESSION, 4, 2), 0);
        assertEquals(range(1, 5), sink.sequences);
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5), sink.firstBytes);
        assertEquals(2, sink.packetEnds);
        assertEquals(6, receiver.nextExpected());
        assertEquals(0, drops.total());
    }

    @Test
    void dropsDuplicatesAndOldPackets() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 3), 0);
        send(receiver, packet(SESSION, 1, 3), 0);
        send(receiver, packet(SESSION, 2, 3), 0);
        assertEquals(range(1, 4), sink.sequences);
        assertEquals(5, receiver.duplicates());
        assertEquals(0, drops.total(), "duplicates are arbitrated, not dropped");
    }

    @Test
    void gapUnderContinueIsConfirmedCountedReportedAndSkipped() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 2), 0);
        send(receiver, packet(SESSION, 5, 2), 0);
        assertEquals(List.of(1L, 2L), sink.sequences, "a jump waits for the packet that confirms it");
        assertEquals(4, receiver.pendingMessages() + 2);
        send(receiver, packet(SESSION, 7, 1), 0);
        assertEquals(List.of(1L, 2L, 5L, 6L, 7L), sink.sequences);
        assertEquals(1, receiver.gaps());
        assertEquals(2, receiver.missing());
        assertEquals(2, receiver.lost());
        assertEquals(2, drops.loss());
        assertEquals(List.of("gap 3+2"), reports);
        assertFalse(receiver.gapOpen());
    }

    @Test
    void aHeldJumpIsConfirmedByFlushAtTheEndOfTheInputOrByTime() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 2), 0);
        send(receiver, packet(SESSION, 5, 2), 0);
        assertTrue(receiver.awaitingFill());
        assertEquals(0, receiver.poll(MoldReceiver.Config.DEFAULTS.confirmNanos() - 1));
        assertEquals(1, receiver.poll(MoldReceiver.Config.DEFAULTS.confirmNanos()));
        assertEquals(List.of(1L, 2L, 5L, 6L), sink.sequences);
        send(receiver, packet(SESSION, 9, 1), 0);
        assertEquals(1, receiver.flush());
        assertEquals(List.of(1L, 2L, 5L, 6L, 9L), sink.sequences);
        assertEquals(4, receiver.lost());
    }

    @Test
    void aReorderedPacketFillsTheHeldJumpWithNoGap() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 2), 0);
        send(receiver, packet(SESSION, 5, 2), 0);
        send(receiver, packet(SESSION, 3, 2), 0);
        assertEquals(range(1, 6), sink.sequences);
        assertEquals(0, receiver.gaps());
        assertEquals(0, drops.total());
    }

    @Test
    void aSpoofedHeartbeatFarAheadIsDroppedAndTheFeedGoesOn() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 3), 0);
        send(receiver, packet(SESSION, 1L << 40, 0), 0);
        for (long first = 4; first < 40; first += 3) {
            send(receiver, packet(SESSION, first, 3), 0);
        }
        assertEquals(range(1, 39), sink.sequences);
        assertEquals(1, drops.get(DropReason.MOLD_UNCONFIRMED));
        assertEquals(0, receiver.gaps());
        assertEquals(0, drops.loss());
    }

    @Test
    void aFlippedSequenceBitLosesOnlyThatPacketsMessages() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 3), 0);
        MemorySegment corrupt = packet(SESSION, 4, 3);
        corrupt.set(java.lang.foreign.ValueLayout.JAVA_BYTE, MoldPacket.SEQUENCE_OFFSET + 6,
                (byte) (corrupt.get(java.lang.foreign.ValueLayout.JAVA_BYTE, MoldPacket.SEQUENCE_OFFSET + 6) ^ 0x40));
        send(receiver, corrupt, 0);
        for (long first = 7; first < 40; first += 3) {
            send(receiver, packet(SESSION, first, 3), 0);
        }
        List<Long> expected = new ArrayList<>(range(1, 3));
        expected.addAll(range(7, 39));
        assertEquals(expected, sink.sequences);
        assertEquals(1, drops.get(DropReason.MOLD_UNCONFIRMED));
        assertEquals(3, receiver.lost(), "the corrupted packet's own three messages, and nothing else");
    }

    @Test
    void aSpoofedEndOfSessionAndNewSessionDoNotCutTheFeed() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 3), 0);
        MemorySegment end = MemorySegment.ofArray(new byte[MoldPacket.HEADER_LENGTH]);
        MoldPacket.writeHeader(end, 0, SESSION, 4, MoldPacket.END_OF_SESSION);
        send(receiver, end, 0);
        send(receiver, packet(MoldPacket.session("EVIL000001"), 1, 2), 0);
        for (long first = 4; first < 40; first += 3) {
            send(receiver, packet(SESSION, first, 3), 0);
        }
        assertEquals(range(1, 39), sink.sequences);
        assertFalse(receiver.isSessionEnded());
        assertEquals(0, drops.loss());
    }

    @Test
    void gapUnderHaltStopsDelivery() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS.withGapPolicy(GapPolicy.HALT));
        send(receiver, packet(SESSION, 1, 2), 0);
        send(receiver, packet(SESSION, 5, 2), 0);
        send(receiver, packet(SESSION, 7, 2), 0);
        send(receiver, packet(SESSION, 3, 2), 0);
        assertEquals(List.of(1L, 2L), sink.sequences);
        assertTrue(receiver.isHalted());
        assertEquals(List.of("gap 3+2", "halt"), reports);
        assertEquals(1, drops.get(DropReason.HALTED));
    }

    @Test
    void heartbeatsCarryTheNextSequenceAndRevealGaps() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 2), 0);
        send(receiver, packet(SESSION, 3, 0), 0);
        assertEquals(0, receiver.missing());
        send(receiver, packet(SESSION, 6, 0), 0);
        assertEquals(0, receiver.missing(), "held until confirmed");
        send(receiver, packet(SESSION, 6, 1), 0);
        assertEquals(3, receiver.missing());
        assertEquals(2, receiver.heartbeats());
        assertEquals(List.of(1L, 2L, 6L), sink.sequences);
    }

    @Test
    void endOfSessionIsReportedAndANewSessionStartsAfresh() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 2), 0);
        MemorySegment end = MemorySegment.ofArray(new byte[MoldPacket.HEADER_LENGTH]);
        MoldPacket.writeHeader(end, 0, SESSION, 3, MoldPacket.END_OF_SESSION);
        send(receiver, end, 0);
        assertEquals(List.of(), reports, "an End of Session waits for what follows it");
        send(receiver, packet(MoldPacket.session("TEST000002"), 1, 2), 0);
        assertEquals(List.of("end 3"), reports);
        assertTrue(receiver.isSessionEnded());
        send(receiver, packet(MoldPacket.session("TEST000002"), 3, 1), 0);
        assertEquals(List.of(1L, 2L, 1L, 2L, 3L), sink.sequences);
        assertFalse(receiver.isSessionEnded());
    }

    @Test
    void packetsOfAnotherSessionAreDroppedWhileTheSessionRuns() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        send(receiver, packet(SESSION, 1, 2), 0);
        send(receiver, packet(MoldPacket.session("OTHER00001"), 3, 2), 0);
        assertEquals(1, drops.get(DropReason.MOLD_WRONG_SESSION));
        assertEquals(List.of(1L, 2L), sink.sequences);
    }

    @Test
    void brokenFramingDropsTheWholePacket() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        MemorySegment good = packet(SESSION, 1, 3);
        receiver.onPayload(good, 0, 19, 0, 0);
        assertEquals(1, drops.get(DropReason.MOLD_HEADER_TRUNCATED));
        receiver.onPayload(good, 0, (int) good.byteSize() - 5, 0, 0);
        assertEquals(1, drops.get(DropReason.MOLD_COUNT_OVERRUN));
        receiver.onPayload(good, 0, (int) good.byteSize() - 1, 0, 0);
        assertEquals(1, drops.get(DropReason.MESSAGE_PAST_PAYLOAD_END));
        assertTrue(sink.sequences.isEmpty());
        MemorySegment longer = MemorySegment.ofArray(new byte[(int) good.byteSize() + 4]);
        MemorySegment.copy(good, 0, longer, 0, good.byteSize());
        send(receiver, longer, 0);
        assertEquals(1, receiver.trailingBytes());
        assertEquals(range(1, 3), sink.sequences);
    }

    @Test
    void retransmissionTimerRetriesThenGivesUpAndResumesFromTheBuffer() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS.withRetransmission(16, 1_000, 2, GapPolicy.CONTINUE));
        send(receiver, packet(SESSION, 1, 2), 0);
        send(receiver, packet(SESSION, 6, 2), 0);
        assertEquals(1, receiver.flush());
        assertEquals(List.of(1L, 2L), sink.sequences);
        assertEquals(1, requests.size());
        assertEquals(3, requests.get(0)[0]);
        assertEquals(3, requests.get(0)[1]);
        assertEquals(0, receiver.poll(999));
        assertEquals(1, receiver.poll(1_000));
        assertEquals(1, receiver.poll(2_000));
        assertEquals(3, requests.size());
        assertEquals(1, receiver.poll(3_000));
        assertEquals(3, receiver.lost());
        assertEquals(3, receiver.missing());
        assertEquals(0, receiver.recovered());
        assertEquals(List.of(1L, 2L, 6L, 7L), sink.sequences);
        assertFalse(receiver.gapOpen());
    }

    @Test
    void giveUpUnderHaltHalts() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS.withRetransmission(16, 10, 0, GapPolicy.HALT));
        send(receiver, packet(SESSION, 1, 1), 0);
        send(receiver, packet(SESSION, 3, 1), 0);
        receiver.flush();
        receiver.poll(10);
        assertTrue(receiver.isHalted());
        assertEquals(List.of(1L), sink.sequences);
    }

    @Test
    void aFullGapBufferDropsAndReRequestsWithoutLosingAnything() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS.withRetransmission(4, 1_000, 5, GapPolicy.CONTINUE));
        send(receiver, packet(SESSION, 1, 1), 0);
        send(receiver, packet(SESSION, 3, 8), 0);
        receiver.flush();
        assertEquals(5, drops.get(DropReason.GAP_BUFFER_FULL));
        send(receiver, packet(SESSION, 2, 1), 1);
        assertEquals(range(1, 5), sink.sequences);
        assertTrue(receiver.gapOpen());
        long[] last = requests.get(requests.size() - 1);
        assertEquals(6, last[0]);
        assertEquals(5, last[1]);
        send(receiver, packet(SESSION, 5, 6), 1);
        assertEquals(range(1, 10), sink.sequences);
        assertFalse(receiver.gapOpen());
        assertEquals(receiver.missing(), receiver.recovered(), "everything missing came back");
        assertEquals(0, drops.loss());
    }

    @Test
    void abLinesDeliverEachMessageOnceWithLossesOnBothLines() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS);
        for (int p = 0; p < 10; p++) {
            MemorySegment packet = packet(SESSION, 1 + 3L * p, 3);
            if (p != 2 && p != 5) {
                send(receiver, packet, 0);
            }
            if (p != 3 && p != 7) {
                send(receiver, packet, 1);
            }
        }
        assertEquals(range(1, 30), sink.sequences);
        assertEquals(0, receiver.gaps());
        assertEquals(6, receiver.lineLost(0));
        assertEquals(6, receiver.lineLost(1));
        assertEquals(8, receiver.linePackets(0));
        assertEquals(8, receiver.linePackets(1));
        assertEquals(8 * 3 + 8 * 3 - 30, receiver.duplicates());
        assertEquals(0, drops.total());
    }

    @Test
    void aLaggingLineFillsTheOtherLinesGapFromTheBuffer() {
        MoldReceiver receiver = receiver(MoldReceiver.Config.DEFAULTS.withRetransmission(64, 1_000_000, 5, GapPolicy.CONTINUE));
        List<MemorySegment> packets = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            packets.add(packet(SESSION, 1 + 3L * p, 3));
        }
        for (int p = 0; p <= 10; p++) {
            if (p < 10 && p != 2 && p != 6) {
                send(receiver, packets.get(p), 0);
            }
            if (p >= 1 && p - 1 != 4) {
                send(receiver, packets.get(p - 1), 1);
            }
        }
        assertEquals(range(1, 30), sink.sequences);
        assertFalse(receiver.gapOpen());
        assertEquals(0, receiver.lost());
        assertEquals(6, receiver.lineLost(0));
        assertEquals(3, receiver.lineLost(1));
    }

    @Test
    void waitPolicyBuffersForTheOtherLineWithoutRequestsThenGivesUp() {
        MoldReceiver receiver = new MoldReceiver(
                new MoldReceiver.Config(GapPolicy.WAIT, GapPolicy.CONTINUE, 64, 1_000, 1, 0), sink, drops, null, listener);
        send(receiver, packet(SESSION, 1, 3), 0);
        send(receiver, packet(SESSION, 7, 3), 0);
        send(receiver, packet(SESSION, 4, 3), 1);
        assertEquals(range(1, 9), sink.sequences);
        send(receiver, packet(SESSION, 13, 3), 0);
        receiver.flush();
        assertEquals(0, receiver.poll(999));
        assertEquals(1, receiver.poll(1_000));
        assertTrue(receiver.gapOpen());
        assertEquals(1, receiver.poll(2_000));
        assertFalse(receiver.gapOpen());
        assertEquals(3, receiver.lost());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 13L, 14L, 15L), sink.sequences);
        assertEquals(0, receiver.requests());
        assertTrue(requests.isEmpty());
    }

    @Test
    void waitPolicyGivesUpTheOldestGapWhenTheBufferIsFullInsteadOfDroppingArrivals() {
        MoldReceiver receiver = new MoldReceiver(
                new MoldReceiver.Config(GapPolicy.WAIT, GapPolicy.CONTINUE, 4, 1_000_000, 5, 0), sink, drops, null, listener);
        send(receiver, packet(SESSION, 1, 1), 0);
        send(receiver, packet(SESSION, 3, 8), 0);
        receiver.flush();
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), sink.sequences);
        assertEquals(2, sink.packetEnds);
        assertEquals(1, receiver.lost());
        assertEquals(0, drops.get(DropReason.GAP_BUFFER_FULL));
        assertFalse(receiver.gapOpen());
    }
}
