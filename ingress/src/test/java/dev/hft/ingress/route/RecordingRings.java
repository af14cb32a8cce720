package dev.hft.ingress.route;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.lmax.disruptor.RingBuffer;

import dev.hft.events.ItchEvent;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.RingGroup;

/** Real Disruptor rings with no consumer (large enough never to wrap in a test), read back as text per shard. */
public final class RecordingRings implements RingGroup<ItchEvent> {

    private final List<Ring<ItchEvent>> rings = new ArrayList<>();

    public RecordingRings(int shards, int size) {
        for (int i = 0; i < shards; i++) {
            rings.add(new Ring<>("book-" + i, RingBuffer.createSingleProducer(ItchEvent.TYPE.factory(size), size)));
        }
    }

    @Override
    public int size() {
        return rings.size();
    }

    @Override
    public Ring<ItchEvent> get(int index) {
        return rings.get(index);
    }

    @Override
    public String name() {
        return "book";
    }

    /** Every event published to {@code shard}: {@code "<sequence>:<hex bytes>"} for a message, {@code "EOP"} for a marker. */
    public List<String> events(int shard) {
        Ring<ItchEvent> ring = rings.get(shard);
        long cursor = ring.buffer().getCursor();
        if (cursor >= ring.size()) {
            throw new IllegalStateException("ring " + shard + " wrapped: make it larger");
        }
        List<String> out = new ArrayList<>();
        for (long s = 0; s <= cursor; s++) {
            ItchEvent e = ring.get(s);
            out.add(e.kind == ItchEvent.END_OF_PACKET ? "EOP"
                    : e.sequence + ":" + HexFormat.of().formatHex(e.bytes.asSlice(0, e.length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
        }
        return out;
    }

    /** The message events only (packet boundaries differ between framings). */
    public List<String> messages(int shard) {
        return events(shard).stream().filter(s -> !s.equals("EOP")).toList();
    }
}
