package dev.hft.ingress.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.paritytrading.nassau.binaryfile.BinaryFILEReader;

import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.ingress.route.RecordingRings;
import dev.hft.ingress.route.ShardRouter;
import dev.hft.venue.gen.FeedGenerator;
import dev.hft.wire.net.BigEndian;

class BinaryFileSourceTest {

    static Path shared(String file) {
        return Path.of(System.getProperty("hft.shared.dir", "../../shared"), "data", file);
    }

    /** Runs {@code source} to exhaustion with a bounded number of steps. */
    static void drain(dev.hft.pipeline.Stage source) {
        for (int i = 0; i < 1_000_000 && !source.isExhausted(); i++) {
            source.doWork();
        }
        assertTrue(source.isExhausted());
    }

    record Replay(RecordingRings rings, ShardRouter router, DropCounters drops, BinaryFileSource source) {
    }

    static Replay replay(Path path, int shards, int ringSize, int batch) throws IOException {
        RecordingRings rings = new RecordingRings(shards, ringSize);
        DropCounters drops = new DropCounters();
        ShardRouter router = new ShardRouter(rings, drops);
        try (BinaryFileSource source = BinaryFileSource.open("test", path, router, drops, batch)) {
            drain(source);
            return new Replay(rings, router, drops, source);
        }
    }

    @Test
    void dayOpenSampleHasThePublishedCounts() throws IOException {
        Replay r = replay(shared("day-open-1000.NASDAQ_ITCH50"), 2, 4096, BinaryFileSource.DEFAULT_BATCH);
        assertEquals(1000, r.router().messages());
        assertEquals(1, r.router().count((byte) 'S'));
        assertEquals(993, r.router().count((byte) 'R'));
        assertEquals(3, r.router().count((byte) 'H'));
        assertEquals(3, r.router().count((byte) 'Y'));
        assertEquals(0, r.drops().total());
        Set<Integer> locates = new HashSet<>();
        for (int shard = 0; shard < 2; shard++) {
            for (String event : r.rings().messages(shard)) {
                String hex = event.substring(event.indexOf(':') + 1);
                if (!hex.startsWith("53")) {
                    locates.add(Integer.parseInt(hex.substring(2, 6), 16));
                }
            }
        }
        assertEquals(993, locates.size());
        assertTrue(locates.contains(1) && locates.contains(993));
    }

    @Test
    void midDaySampleHasThePublishedCountsAndMatchesNassau() throws IOException {
        Path path = shared("12302019-0930-1000.NASDAQ_ITCH50");
        Replay r = replay(path, 1, 4096, 7);
        String expected = "A367 U225 F193 D167 E28 X6 I4 P4 Q4 C1 S1";
        StringBuilder actual = new StringBuilder();
        for (String part : expected.split(" ")) {
            actual.append(part.charAt(0)).append(r.router().count((byte) part.charAt(0))).append(' ');
        }
        assertEquals(expected, actual.toString().trim());
        assertEquals(1000, r.router().messages());

        List<String> nassau = new ArrayList<>();
        long[] sequence = {0};
        try (BinaryFILEReader reader = BinaryFILEReader.open(path.toFile(), buffer -> {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            nassau.add(++sequence[0] + ":" + HexFormat.of().formatHex(bytes));
        })) {
            int reads = 0;
            while (reader.read() >= 0 && ++reads < 100_000) {
                assertTrue(nassau.size() <= 1000);
            }
        }
        assertEquals(nassau, r.rings().messages(0));
        assertEquals(1000 / 7 + 1, r.rings().events(0).stream().filter("EOP"::equals).count());
    }

    @Test
    void plainAndGzipGiveIdenticalEventsAcrossRefills(@TempDir Path dir) throws IOException {
        FeedGenerator.write(new FeedGenerator.Options(60_000, 30, 5), dir, "day");
        Path plain = dir.resolve("day.itch");
        assertTrue(Files.size(plain) > (1 << 20), "large enough to refill the gzip window");
        Path gz = dir.resolve("day.itch.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        Replay a = replay(plain, 2, 1 << 17, 100);
        Replay b = replay(gz, 2, 1 << 17, 100);
        assertEquals(60_000, a.router().messages());
        for (int shard = 0; shard < 2; shard++) {
            assertEquals(a.rings().events(shard), b.rings().events(shard));
        }

        byte[] compressed = Files.readAllBytes(gz);
        Path cut = dir.resolve("cut.itch.gz");
        Files.write(cut, java.util.Arrays.copyOf(compressed, compressed.length / 2));
        Replay c = replay(cut, 2, 1 << 17, 100);
        assertEquals(1, c.drops().get(DropReason.FILE_CORRUPT));
        assertTrue(c.router().messages() > 20_000 && c.router().messages() < 60_000, c.router().messages() + " messages");
    }

    @Test
    void truncatedFileAndEndOfSessionMarker(@TempDir Path dir) throws IOException {
        byte[] sample = Files.readAllBytes(shared("day-open-1000.NASDAQ_ITCH50"));
        Path cut = dir.resolve("cut.itch");
        Files.write(cut, java.util.Arrays.copyOf(sample, sample.length - 5));
        Replay r = replay(cut, 1, 4096, 64);
        assertEquals(999, r.router().messages());
        assertEquals(1, r.drops().get(DropReason.FILE_TRUNCATED));

        MemorySegment segment = MemorySegment.ofArray(sample);
        long offset = 0;
        for (int i = 0; i < 10; i++) {
            offset += 2 + BigEndian.u16(segment, offset);
        }
        byte[] ended = sample.clone();
        ended[(int) offset] = 0;
        ended[(int) offset + 1] = 0;
        Path withMarker = dir.resolve("ended.itch");
        Files.write(withMarker, ended);
        Replay e = replay(withMarker, 1, 4096, 64);
        assertEquals(10, e.router().messages());
        assertEquals(1, e.drops().get(DropReason.FILE_TRAILING_DATA), "what follows the end-of-session marker was never read");
        assertEquals(1, e.drops().loss());
    }

    @Test
    void aZeroLengthPrefixMidFileIsTheEndAndWhatFollowsIsCountedAsLost(@TempDir Path dir) throws IOException {
        byte[] sample = Files.readAllBytes(shared("12302019-0930-1000.NASDAQ_ITCH50"));
        byte[] zeroed = java.util.Arrays.copyOf(sample, sample.length + 2);
        System.arraycopy(zeroed, 0, zeroed, 2, sample.length);
        zeroed[0] = 0;
        zeroed[1] = 0;
        Path file = dir.resolve("zero-first.itch");
        Files.write(file, zeroed);
        Replay r = replay(file, 2, 4096, 64);
        assertEquals(0, r.router().messages());
        assertEquals(1, r.drops().get(DropReason.FILE_TRAILING_DATA));
        assertEquals(sample.length, r.source().trailingBytes());
        assertEquals(1, r.drops().loss());
    }

    @Test
    void zerosAreNotAnEmptyDayButUnreadData(@TempDir Path dir) throws IOException {
        Path zeros = dir.resolve("zeros.itch");
        Files.write(zeros, new byte[1 << 20]);
        Replay r = replay(zeros, 2, 4096, 64);
        assertEquals(0, r.router().messages());
        assertEquals((1 << 20) - 2, r.source().trailingBytes());
        assertTrue(r.drops().loss() > 0, "a file of zeros is reported, not replayed as an empty day");
    }

    @Test
    void aCorruptedGzipIsALossNotAShortDay(@TempDir Path dir) throws IOException {
        byte[] sample = Files.readAllBytes(shared("12302019-0930-1000.NASDAQ_ITCH50"));
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(packed)) {
            gz.write(sample);
        }
        byte[] bytes = packed.toByteArray();
        bytes[bytes.length / 2] ^= 0x5A;
        Path file = dir.resolve("broken.itch.gz");
        Files.write(file, bytes);
        Replay r = replay(file, 2, 4096, 64);
        assertTrue(r.router().messages() < 1000, "the damage loses messages: " + r.router().messages());
        assertTrue(r.drops().loss() > 0, "and the loss is counted: " + r.drops());
    }
}
