package dev.hft.ingress.mold;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import dev.hft.ingress.route.MessageSink;

/** Records delivered sequence numbers (and the first payload byte) and packet ends. */
final class RecordingSink implements MessageSink {

    final List<Long> sequences = new ArrayList<>();
    final List<Byte> firstBytes = new ArrayList<>();
    int packetEnds;

    @Override
    public void onMessage(MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
        sequences.add(sequence);
        firstBytes.add(length == 0 ? 0 : segment.get(ValueLayout.JAVA_BYTE, offset));
    }

    @Override
    public void onPacketEnd() {
        packetEnds++;
    }
}
