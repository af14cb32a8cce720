package dev.hft.events;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import com.lmax.disruptor.EventFactory;

import dev.hft.pipeline.EventType;

/**
 * The event on an ingress → book-shard ring: one ITCH message copied out of the packet (at most 50 bytes;
 * the packet buffer goes back to its pool right after), or a marker.
 *
 * <p>The events of one ring share one off-heap slab, {@link #SLOT} bytes each, so consecutive events are
 * adjacent in memory and the GC never scans message bytes.
 */
public final class ItchEvent {

    /** Bytes reserved per message: the largest ITCH 5.0 message (I, 50 bytes) rounded up to a cache line. */
    public static final int SLOT = 64;

    /** An ITCH message: {@link #bytes}[0, {@link #length}). */
    public static final byte MESSAGE = 0;
    /** The last message of a MoldUDP64 packet (or BinaryFILE batch) for this shard has been delivered. */
    public static final byte END_OF_PACKET = 1;
    /** A control message for the consuming stage; {@link #control} says which. */
    public static final byte CONTROL = 2;

    public final MemorySegment bytes;
    public byte kind;
    public int length;
    /** MoldUDP64 sequence number of the message (BinaryFILE: its 1-based position in the file). */
    public long sequence;
    /** Receipt time of the packet that carried the message ({@link System#nanoTime()} clock). */
    public long receiveNanos;
    public int control;

    public ItchEvent(MemorySegment bytes) {
        this.bytes = bytes;
    }

    public static final EventType<ItchEvent> TYPE = new Provider();

    /** Registered through {@link java.util.ServiceLoader}: {@code event: itch}. */
    public static final class Provider implements EventType<ItchEvent> {
        @Override
        public long bytesPerEvent() {
            return 128;
        }

        @Override
        public String name() {
            return "itch";
        }

        @Override
        public Class<ItchEvent> eventClass() {
            return ItchEvent.class;
        }

        @Override
        public EventFactory<ItchEvent> factory(int ringSize) {
            MemorySegment slab = Arena.ofAuto().allocate((long) ringSize * SLOT, SLOT);
            int[] next = {0};
            return () -> new ItchEvent(slab.asSlice((long) next[0]++ * SLOT, SLOT));
        }
    }
}
