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
 * {@link #assign}; the assignment takes effect when the symbol's R message arrives.
 *
 * <p>After each packet an {@link ItchEvent#END_OF_PACKET} marker goes to every shard that received a message in it.
 * Where this router is a ring's only producer, the packet's messages and marker are published at the end of the
 * packet as one range: one cursor move per shard per packet, and a shard never sees half a packet. Claims never
 * wait: the source asks {@link #hasRoomFor(int)} before each packet.
 */
public final class ShardRouter implements MessageSink {

    private static final int LOCATES = 1 << 16;
    private static final long UNASSIGNED = -1;

    private final RingGroup<ItchEvent> rings;
    private final Ring<ItchEvent>[] shardRings;
    private final int shards;
    private final DropCounters drops;
    private final int[] locateShard = new int[LOCATES];
    private final Long2LongHashMap symbolShard = new Long2LongHashMap(UNASSIGNED);
    /** Per shard: the first slot claimed in the current packet and not yet published, -1 when none. */
    private final long[] firstClaimed;
    /** Per shard: whether this router is the ring's only producer, so its claims are consecutive and publish as one range. */
    private final boolean[] soleProducer;
    private final boolean[] touched;
    private final long[] typeCounts = new long[256];
    private final AtomicCounter[] publishedTypeCounts = new AtomicCounter[256];
    private final boolean[] typeSeen = new boolean[256];
    private final byte[] typesInPacket = new byte[256];
    private int typesInPacketCount;
    private long messages;
    private long lastSequence;
    private long lastReceiveNanos;

    @SuppressWarnings("unchecked")
    public ShardRouter(RingGroup<ItchEvent> rings, DropCounters drops) {
        this.rings = rings;
        this.shards = rings.size();
        this.drops = drops;
        this.shardRings = new Ring[shards];
        this.firstClaimed = new long[shards];
        this.soleProducer = new boolean[shards];
        this.touched = new boolean[shards];
        for (int shard = 0; shard < shards; shard++) {
            shardRings[shard] = rings.get(shard);
            firstClaimed[shard] = -1;
            soleProducer[shard] = shardRings[shard].producers() == 1;
        }
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

    /** Mirrors the per-type message counts into counters named {@code messages.<type>}. Call while building. */
    public ShardRouter publishTo(Function<String, AtomicCounter> factory) {
        for (char type : ItchMessages.TYPES.toCharArray()) {
            publishedTypeCounts[type] = factory.apply("messages." + type);
        }
        return this;
    }

    /** Every shard's ring has room for {@code messages} messages and an end-of-packet marker, for each of its producers. */
    @Override
    public boolean hasRoomFor(int messages) {
        for (Ring<ItchEvent> ring : shardRings) {
            if (!ring.hasRoomFor(messages + 1)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int maxRoom() {
        int room = Integer.MAX_VALUE;
        for (Ring<ItchEvent> ring : shardRings) {
            room = Math.min(room, ring.maxRoom() - 1);
        }
        return room;
    }

    @Override
    public void onMessage(MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
        DropReason rejected = reject(segment, offset, length);
        if (rejected != null) {
            drops.add(rejected);
            return;
        }
        byte type = segment.get(ValueLayout.JAVA_BYTE, offset);
        messages++;
        int t = type & 0xFF;
        typeCounts[t]++;
        if (!typeSeen[t]) {
            typeSeen[t] = true;
            typesInPacket[typesInPacketCount++] = type;
        }
        lastSequence = sequence;
        lastReceiveNanos = receiveNanos;
        if (marketWide(type)) {
            for (int shard = 0; shard < shards; shard++) {
                copy(shard, segment, offset, length, sequence, receiveNanos);
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
        copy(locateShard[locate], segment, offset, length, sequence, receiveNanos);
    }

    /** Why a message cannot be routed (empty, unknown type, wrong length for its type), or null when it can. */
    public static DropReason reject(MemorySegment segment, long offset, int length) {
        if (length == 0) {
            return DropReason.ZERO_LENGTH;
        }
        int expected = ItchMessages.length(segment.get(ValueLayout.JAVA_BYTE, offset));
        if (expected == 0) {
            return DropReason.UNKNOWN_TYPE;
        }
        return length == expected ? null : DropReason.WRONG_LENGTH_FOR_TYPE;
    }

    /** Whether every book shard gets this type (market-wide: system event, MWCB level and status). */
    public static boolean marketWide(byte type) {
        return type == SystemEvent.MESSAGE_TYPE || type == MwcbDeclineLevel.MESSAGE_TYPE || type == MwcbStatus.MESSAGE_TYPE;
    }

    @Override
    public void onPacketEnd() {
        for (int shard = 0; shard < shards; shard++) {
            if (touched[shard]) {
                touched[shard] = false;
                Ring<ItchEvent> ring = shardRings[shard];
                long slot = ring.next();
                ItchEvent event = ring.get(slot);
                event.kind = ItchEvent.END_OF_PACKET;
                event.length = 0;
                event.sequence = lastSequence;
                event.receiveNanos = lastReceiveNanos;
                if (soleProducer[shard]) {
                    ring.publish(firstClaimed[shard], slot);
                    firstClaimed[shard] = -1;
                } else {
                    ring.publish(slot);
                }
            }
        }
        for (int i = 0; i < typesInPacketCount; i++) {
            int t = typesInPacket[i] & 0xFF;
            typeSeen[t] = false;
            AtomicCounter published = publishedTypeCounts[t];
            if (published != null) {
                published.setRelease(typeCounts[t]);
            }
        }
        typesInPacketCount = 0;
    }

    private void copy(int shard, MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
        Ring<ItchEvent> ring = shardRings[shard];
        long slot = ring.next();
        ItchEvent event = ring.get(slot);
        copyMessage(segment, offset, event.bytes, length);
        event.kind = ItchEvent.MESSAGE;
        event.length = length;
        event.sequence = sequence;
        event.receiveNanos = receiveNanos;
        touched[shard] = true;
        if (!soleProducer[shard]) {
            // other producers claim between our slots: each slot is published on its own
            ring.publish(slot);
        } else if (firstClaimed[shard] < 0) {
            firstClaimed[shard] = slot;
        }
    }

    /**
     * Copies a message into its slot in 8-byte words, the last one running past the message into the slot's spare
     * bytes (readers take {@code length}), when the source has the bytes. In the pipeline, {@code MemorySegment.copy}
     * cost the replay's source thread 138 ns of CPU per message against 76 ns with this (bench/RESULTS.md, "The
     * router's copy"); in a benchmark of the copy alone the two are equal.
     */
    public static void copyMessage(MemorySegment from, long offset, MemorySegment slot, int length) {
        long words = (length + 7L) & ~7L;
        if (words > slot.byteSize() || offset + words > from.byteSize()) {
            MemorySegment.copy(from, offset, slot, 0, length);
            return;
        }
        for (long i = 0; i < words; i += Long.BYTES) {
            slot.set(ValueLayout.JAVA_LONG_UNALIGNED, i, from.get(ValueLayout.JAVA_LONG_UNALIGNED, offset + i));
        }
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

    /** The rings this router publishes to. */
    public RingGroup<ItchEvent> rings() {
        return rings;
    }
}
