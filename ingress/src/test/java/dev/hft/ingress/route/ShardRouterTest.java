package dev.hft.ingress.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.hft.events.ItchEvent;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.wire.itch.ItchAlpha;
import dev.hft.wire.itch.ItchEncoder;

class ShardRouterTest {

    final DropCounters drops = new DropCounters();
    final MemorySegment buffer = MemorySegment.ofArray(new byte[64]);

    /** Routes one message; returns its expected event text. */
    String route(ShardRouter router, int length, long sequence) {
        router.onMessage(buffer, 0, length, sequence, 0);
        return sequence + ":" + HexFormat.of().formatHex(buffer.asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }

    @Test
    void eachShardSeesItsMessagesInFeedOrderAndMarketWideMessagesReachAll() {
        int shards = 3;
        RecordingRings rings = new RecordingRings(shards, 1 << 12);
        ShardRouter router = new ShardRouter(rings, drops);
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            expected.add(new ArrayList<>());
        }
        SplittableRandom random = new SplittableRandom(7);
        long sequence = 0;
        for (int packet = 0; packet < 50; packet++) {
            boolean[] touched = new boolean[shards];
            for (int m = 0; m < 1 + random.nextInt(6); m++) {
                int roll = random.nextInt(20);
                if (roll < 3) {
                    int length = switch (roll) {
                        case 0 -> ItchEncoder.systemEvent(buffer, 0, 0, 0, sequence, (byte) 'Q');
                        case 1 -> ItchEncoder.mwcbDeclineLevel(buffer, 0, 0, 0, sequence, 1, 2, 3);
                        default -> ItchEncoder.mwcbStatus(buffer, 0, 0, 0, sequence, (byte) '1');
                    };
                    String event = route(router, length, ++sequence);
                    for (int s = 0; s < shards; s++) {
                        expected.get(s).add(event);
                        touched[s] = true;
                    }
                } else {
                    int locate = 1 + random.nextInt(20);
                    int length = ItchEncoder.orderDelete(buffer, 0, locate, 0, sequence, random.nextLong(1_000_000));
                    expected.get(locate % shards).add(route(router, length, ++sequence));
                    touched[locate % shards] = true;
                }
            }
            router.onPacketEnd();
            for (int s = 0; s < shards; s++) {
                if (touched[s]) {
                    expected.get(s).add("EOP");
                }
            }
        }
        for (int s = 0; s < shards; s++) {
            assertEquals(expected.get(s), rings.events(s), "shard " + s);
        }
        assertEquals(sequence, router.messages());
        assertEquals(0, drops.total());
    }

    @Test
    void symbolsPinnedToAShardMoveWhenTheirStockDirectoryArrives() {
        RecordingRings rings = new RecordingRings(3, 1 << 8);
        ShardRouter router = new ShardRouter(rings, drops).assign("AAPL", 2);
        assertEquals(1, router.shardOf(13));
        int length = ItchEncoder.stockDirectory(buffer, 0, 13, 0, 1, ItchAlpha.stock("AAPL"), (byte) 'Q', (byte) 'N', 100,
                (byte) 'N', (byte) 'C', (short) ItchAlpha.pack("Z", 2), (byte) 'P', (byte) 'N', (byte) ' ', (byte) '1', (byte) 'N', 0, (byte) 'N');
        String directory = route(router, length, 1);
        router.onPacketEnd();
        length = ItchEncoder.addOrder(buffer, 0, 13, 0, 2, 99, (byte) 'B', 100, ItchAlpha.stock("AAPL"), 1_000_000);
        String add = route(router, length, 2);
        router.onPacketEnd();
        length = ItchEncoder.stockDirectory(buffer, 0, 15, 0, 1, ItchAlpha.stock("MSFT"), (byte) 'Q', (byte) 'N', 100,
                (byte) 'N', (byte) 'C', (short) ItchAlpha.pack("Z", 2), (byte) 'P', (byte) 'N', (byte) ' ', (byte) '1', (byte) 'N', 0, (byte) 'N');
        String unknownSymbol = route(router, length, 3);
        router.onPacketEnd();
        assertEquals(2, router.shardOf(13));
        assertEquals(List.of(directory, add), rings.messages(2));
        assertEquals(List.of(directory, "EOP", add, "EOP"), rings.events(2));
        assertEquals(List.of(unknownSymbol), rings.messages(15 % 3));
    }

    @Test
    void badMessagesAreCountedAndNotPublished() {
        RecordingRings rings = new RecordingRings(2, 1 << 8);
        ShardRouter router = new ShardRouter(rings, drops);
        router.onMessage(buffer, 0, 0, 1, 0);
        buffer.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 'Z');
        router.onMessage(buffer, 0, 20, 2, 0);
        int length = ItchEncoder.orderDelete(buffer, 0, 1, 0, 0, 5);
        router.onMessage(buffer, 0, length - 1, 3, 0);
        router.onMessage(buffer, 0, length + 1, 4, 0);
        router.onPacketEnd();
        assertEquals(1, drops.get(DropReason.ZERO_LENGTH));
        assertEquals(1, drops.get(DropReason.UNKNOWN_TYPE));
        assertEquals(2, drops.get(DropReason.WRONG_LENGTH_FOR_TYPE));
        assertEquals(0, router.messages());
        assertEquals(-1, rings.get(0).buffer().getCursor());
        assertEquals(-1, rings.get(1).buffer().getCursor());
    }

    /**
     * {@link ShardRouter#copyMessage} copies whole words past the message when the source has the bytes and falls back
     * to a byte copy at the source's end; either way the slot holds the message's bytes, for every length 1..64 and
     * every position of the message against the source's end.
     */
    @Test
    void copyMessagePutsExactlyTheMessagesBytesInTheSlotWhereverItSits() {
        SplittableRandom random = new SplittableRandom(11);
        byte[] bytes = new byte[200];
        random.nextBytes(bytes);
        MemorySegment source = MemorySegment.ofArray(bytes);
        MemorySegment slot = MemorySegment.ofArray(new byte[ItchEvent.SLOT]);
        for (int length = 1; length <= ItchEvent.SLOT; length++) {
            for (long offset = 200 - length - 9; offset <= 200 - length; offset++) {
                slot.fill((byte) 0x5A);
                ShardRouter.copyMessage(source, offset, slot, length);
                assertEquals(-1, source.asSlice(offset, length).mismatch(slot.asSlice(0, length)),
                        "length " + length + " at " + offset);
            }
        }
    }
}
