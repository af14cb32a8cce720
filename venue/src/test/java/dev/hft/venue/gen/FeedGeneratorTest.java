package dev.hft.venue.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.wire.itch.ItchMessages;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.net.BigEndian;
import dev.hft.wire.net.Ipv4;

class FeedGeneratorTest {

    static final FeedGenerator.Options OPTIONS = new FeedGenerator.Options(30_000, 40, 42);

    static byte[][] generate(FeedGenerator.Options options) throws IOException {
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        FeedGenerator.generate(options, new MessageOutputs(new BinaryFileWriter(binary), new MoldPcapWriter(pcap,
                MoldPacket.session(FeedGenerator.SESSION), Ipv4.parse(FeedGenerator.SOURCE_IP), Ipv4.parse(FeedGenerator.GROUP),
                FeedGenerator.PORT, FeedGenerator.DAY_EPOCH_NANOS, FeedGenerator.MESSAGES_PER_PACKET, FeedGenerator.MAX_PAYLOAD)));
        return new byte[][] {binary.toByteArray(), pcap.toByteArray()};
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        byte[][] first = generate(OPTIONS);
        byte[][] second = generate(OPTIONS);
        assertArrayEquals(first[0], second[0]);
        assertArrayEquals(first[1], second[1]);
        byte[][] other = generate(new FeedGenerator.Options(30_000, 40, 43));
        assertFalse(java.util.Arrays.equals(first[0], other[0]));
    }

    @Test
    void writesBothFilesWithTheSameMessageCount(@TempDir Path dir) throws IOException {
        FeedGenerator.Summary summary = FeedGenerator.write(OPTIONS, dir, "day");
        assertEquals(30_000, summary.messages());
        assertArrayEquals(generate(OPTIONS)[0], Files.readAllBytes(dir.resolve("day.itch")));
        assertTrue(Files.size(dir.resolve("day.pcap")) > Files.size(dir.resolve("day.itch")));
    }

    @Test
    void tooFewMessagesForTheSymbolsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FeedGenerator.Options(100, 50, 1));
    }

    /** Replays the BinaryFILE with an order model: every reference must name a live order with enough shares. */
    @Test
    void everyReferenceIsValidAndEveryTypeIsPresent() throws IOException {
        checkDay(generate(OPTIONS)[0], OPTIONS);
    }

    /**
     * A day that fills the live-order limit (in a 20M-message day, 2^20 orders: a replace then ran past the end of
     * the arrays) goes on with deletes, replaces, executions and cancels, never above the limit, every reference valid.
     */
    @Test
    void aDayThatReachesTheLiveOrderLimitStaysValidAndBounded() throws IOException {
        int limit = 300;
        FeedGenerator.Options options = new FeedGenerator.Options(60_000, 40, 7);
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        long[] lastProgress = {-1};
        FeedGenerator.Summary summary = FeedGenerator.generate(options, new BinaryFileWriter(binary), limit,
                written -> {
                    assertTrue(written > lastProgress[0], "progress moves forward");
                    lastProgress[0] = written;
                });
        assertEquals(60_000, summary.messages());
        assertEquals(60_000, lastProgress[0], "the last progress report is the total");
        int mostLive = checkDay(binary.toByteArray(), options);
        assertEquals(limit, mostLive, "the day reached the limit and never passed it");
    }

    /** Checks the day message by message; returns the most orders resting at once. */
    private static int checkDay(byte[] binary, FeedGenerator.Options options) {
        MemorySegment file = MemorySegment.ofArray(binary);
        int mostLive = 0;
        Map<Long, long[]> orders = new HashMap<>();
        int[] counts = new int[256];
        int[] addsPerLocate = new int[options.symbols() + 1];
        long previousTimestamp = 0;
        long messages = 0;
        for (long p = 0; p < file.byteSize(); ) {
            int length = BigEndian.u16(file, p);
            MemorySegment m = file.asSlice(p + 2, length);
            p += 2 + length;
            messages++;
            char type = (char) BigEndian.u8(m, 0);
            assertEquals(ItchMessages.length((byte) type), length, "length of " + type);
            counts[type]++;
            int locate = BigEndian.u16(m, 1);
            long timestamp = (long) BigEndian.u16(m, 5) << 32 | (BigEndian.i32(m, 7) & 0xFFFFFFFFL);
            assertTrue(timestamp >= previousTimestamp, "timestamps never go back");
            previousTimestamp = timestamp;
            switch (type) {
                case 'A', 'F' -> {
                    assertNull(orders.put(BigEndian.i64(m, 11), new long[] {locate, BigEndian.i32(m, 20)}), "reference reused");
                    addsPerLocate[locate]++;
                }
                case 'E', 'C', 'X' -> reduce(orders, BigEndian.i64(m, 11), locate, BigEndian.i32(m, 19));
                case 'D' -> {
                    long[] order = orders.remove(BigEndian.i64(m, 11));
                    assertNotNull(order, "delete of a dead order");
                    assertEquals(order[0], locate);
                }
                case 'U' -> {
                    long[] order = orders.remove(BigEndian.i64(m, 11));
                    assertNotNull(order, "replace of a dead order");
                    assertEquals(order[0], locate);
                    assertNull(orders.put(BigEndian.i64(m, 19), new long[] {locate, BigEndian.i32(m, 27)}), "new reference reused");
                }
                default -> {
                }
            }
            mostLive = Math.max(mostLive, orders.size());
        }
        assertEquals(options.messages(), messages);
        for (char type : ItchMessages.TYPES.toCharArray()) {
            assertTrue(counts[type] > 0, "type " + type + " present");
        }
        assertEquals(options.symbols(), counts['R']);
        int flow = counts['A'] + counts['F'] + counts['D'] + counts['U'] + counts['E'] + counts['C'] + counts['X'] + counts['P'];
        assertTrue(counts['A'] + counts['D'] + counts['U'] > 0.8 * flow, "adds, deletes and replaces dominate");
        assertTrue(counts['E'] + counts['C'] > 0 && counts['X'] > 0);
        assertTrue(addsPerLocate[1] > 5 * addsPerLocate[options.symbols()], "Zipf-like: locate 1 is far more active");
        return mostLive;
    }

    private static void reduce(Map<Long, long[]> orders, long reference, int locate, int shares) {
        long[] order = orders.get(reference);
        assertNotNull(order, "execution or cancel of a dead order");
        assertEquals(order[0], locate);
        assertTrue(shares > 0 && shares <= order[1], "reduces by at most the open shares");
        order[1] -= shares;
        if (order[1] == 0) {
            orders.remove(reference);
        }
    }
}
