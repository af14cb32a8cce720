package dev.hft.ingress.route;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Function;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.events.ItchEvent;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.RingGroup;
import dev.hft.wire.itch.ItchAlpha;
import dev.hft.wire.itch.ItchMessage;
import dev.hft.wire.itch.ItchMessages;
import dev.hft.wire.itch.MwcbDeclineLevel;
import dev.hft.wire.itch.MwcbStatus;
import dev.hft.wire.itch.StockDirectory;
import dev.hft.wire.itch.SystemEvent;
import dev.hft.wire.net.BigEndian;

/**
 * Checks each ITCH message's type and length, then copies it into the ring of the book shard that owns its
 * stock locate (market-wide S, V and W go to every shard), so each shard sees its messages in feed order.
 * A locate belongs to shard {@code locate % shards} unless its symbol was assigned a shard with
 * {@link #assign}; the assignment takes effect when the symbol's R message arrives. After each packet an
 * {@link ItchEvent#END_OF_PACKET} marker goes to every shard that received a message in it.
 */
public final class ShardRouter implements MessageSink {

    private static final int LOCATES = 1 << 16;
    private static final long UNASSIGNED = -1;

    private final RingGroup<ItchEvent> rings;
    private final int shards;
    private final DropCounters drops;
    private final int[] locateShard = new int[LOCATES];
    private final Long2LongHashMap symbolShard = new Long2LongHashMap(UNASSIGNED);
    private final boolean[] touched;
    private final long[] typeCounts = new long[256];
    private final AtomicCounter[] publishedTypeCounts = new AtomicCounter[256];
    private long messages;
    private long lastSequence;
    private long lastReceiveNanos;

    public ShardRouter(RingGroup<ItchEvent> rings, DropCounters drops) {
        this.rings = rings;
        this.shards = rings.size();
        this.drops = drops;
        this.touched = new boolean[shards];
        for (int locate = 0; locate < LOCATES; locate++) {
            locateShard[locate] = locate % shards;
        }
    }

    /** Routes {@code symbol}'s locate to {@code shard} once its R message is seen. Call while building. */
    public ShardRouter assign(String symbol, int shard) {
        if (shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " for " + symbol + " is not in 0.." + (shards - 1));
        }
        symbolShard.put(ItchAlpha.stock(symbol), shard);
        return this;
    }

    /** Mirrors the per-type message counts into counters named {@code messages-<type>}. Call while building. */
    public ShardRouter publishTo(Function<String, AtomicCounter> factory) {
        for (char type : ItchMessages.TYPES.toCharArray()) {
            publishedTypeCounts[type] = factory.apply("messages-" + type);
        }
        return this;
    }

    @Override
    public void onMessage(MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
        if (length == 0) {
            drops.add(DropReason.ZERO_LENGTH);
            return;
        }
        byte type = segment.get(ValueLayout.JAVA_BYTE, offset);
        int expected = ItchMessages.length(type);
        if (expected == 0) {
            drops.add(DropReason.UNKNOWN_TYPE);
            return;
        }
        if (length != expected) {
            drops.add(DropReason.WRONG_LENGTH_FOR_TYPE);
            return;
        }
        messages++;
        typeCounts[type & 0xFF]++;
        AtomicCounter published = publishedTypeCounts[type & 0xFF];
        if (published != null) {
            published.incrementRelease();
        }
        lastSequence = sequence;
        lastReceiveNanos = receiveNanos;
        if (type == SystemEvent.MESSAGE_TYPE || type == MwcbDeclineLevel.MESSAGE_TYPE || type == MwcbStatus.MESSAGE_TYPE) {
            for (int shard = 0; shard < shards; shard++) {
                publish(shard, segment, offset, length, sequence, receiveNanos);
            }
            return;
        }
        int locate = BigEndian.u16(segment, offset + ItchMessage.STOCK_LOCATE_OFFSET);
        if (type == StockDirectory.MESSAGE_TYPE && !symbolShard.isEmpty()) {
            long shard = symbolShard.get(BigEndian.i64(segment, offset + StockDirectory.STOCK_OFFSET));
            if (shard != UNASSIGNED) {
                locateShard[locate] = (int) shard;
            }
        }
        publish(locateShard[locate], segment, offset, length, sequence, receiveNanos);
    }

    @Override
    public void onPacketEnd() {
        for (int shard = 0; shard < shards; shard++) {
            if (touched[shard]) {
                touched[shard] = false;
                Ring<ItchEvent> ring = rings.get(shard);
                long slot = ring.next();
                ItchEvent event = ring.get(slot);
                event.kind = ItchEvent.END_OF_PACKET;
                event.length = 0;
                event.sequence = lastSequence;
                event.receiveNanos = lastReceiveNanos;
                ring.publish(slot);
            }
        }
    }

    private void publish(int shard, MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
        Ring<ItchEvent> ring = rings.get(shard);
        long slot = ring.next();
        ItchEvent event = ring.get(slot);
        MemorySegment.copy(segment, offset, event.bytes, 0, length);
        event.kind = ItchEvent.MESSAGE;
        event.length = length;
        event.sequence = sequence;
        event.receiveNanos = receiveNanos;
        ring.publish(slot);
        touched[shard] = true;
    }

    /** Messages routed (valid type and length). */
    public long messages() {
        return messages;
    }

    public long count(byte type) {
        return typeCounts[type & 0xFF];
    }

    public int shardOf(int locate) {
        return locateShard[locate & 0xFFFF];
    }

    public int shards() {
        return shards;
    }
}
