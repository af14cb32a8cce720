package dev.hft.ingress.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.ingress.mold.MoldReceiver;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.ingress.net.UdpFrameHandler;
import dev.hft.ingress.route.RecordingRings;
import dev.hft.ingress.route.ShardRouter;
import dev.hft.venue.gen.FeedGenerator;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.net.BigEndian;
import dev.hft.wire.net.Ethernet;
import dev.hft.wire.net.Ipv4;
import dev.hft.wire.net.UdpFrames;
import dev.hft.wire.pcap.PcapReader;
import dev.hft.wire.pcap.PcapWriter;

class PcapSourceTest {

    static final int SHARDS = 3;
    static final int MESSAGES = 20_000;
    static final ValueLayout.OfInt LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    static Path dir;
    static RecordingRings fromBinaryFile;

    @BeforeAll
    static void generate() throws IOException {
        FeedGenerator.write(new FeedGenerator.Options(MESSAGES, 50, 11), dir, "day");
        fromBinaryFile = BinaryFileSourceTest.replay(dir.resolve("day.itch"), SHARDS, 1 << 16, 64).rings();
    }

    record Replay(RecordingRings rings, MoldReceiver receiver, DropCounters drops, PcapSource source) {
    }

    static Replay replayPcap(Path path) throws IOException {
        RecordingRings rings = new RecordingRings(SHARDS, 1 << 16);
        DropCounters drops = new DropCounters();
        MoldReceiver receiver = new MoldReceiver(MoldReceiver.Config.DEFAULTS, new ShardRouter(rings, drops), drops, null, null);
        UdpFrameHandler frames = new UdpFrameHandler(receiver, drops);
        frames.addLine(FeedGenerator.GROUP + ":" + FeedGenerator.PORT);
        try (PcapSource source = PcapSource.open("test", path, frames, drops, 32, false)) {
            BinaryFileSourceTest.drain(source);
            receiver.flush();
            return new Replay(rings, receiver, drops, source);
        }
    }

    /** The frames of a pcap written by {@link PcapWriter} (little-endian, nanoseconds). */
    static List<MemorySegment> frames(Path path) throws IOException {
        MemorySegment file = MemorySegment.ofArray(Files.readAllBytes(path));
        List<MemorySegment> frames = new ArrayList<>();
        for (long p = PcapReader.GLOBAL_HEADER_LENGTH; p < file.byteSize(); ) {
            int length = file.get(LE, p + PcapReader.INCL_LEN_OFFSET);
            frames.add(file.asSlice(p + PcapReader.RECORD_HEADER_LENGTH, length));
            p += PcapReader.RECORD_HEADER_LENGTH + length;
        }
        return frames;
    }

    static void assertSameMessages(RecordingRings expected, RecordingRings actual) {
        for (int shard = 0; shard < SHARDS; shard++) {
            assertEquals(expected.messages(shard), actual.messages(shard), "shard " + shard);
        }
    }

    @Test
    void pcapAndBinaryFileOfTheSameDayGiveTheSameShardStreams() throws IOException {
        Replay r = replayPcap(dir.resolve("day.pcap"));
        assertSameMessages(fromBinaryFile, r.rings());
        assertEquals(0, r.drops().total(), r.drops().toString());
        assertEquals(MESSAGES, r.receiver().delivered());
        assertTrue(r.receiver().isSessionEnded());
        assertTrue(r.receiver().heartbeats() > 0);
        assertTrue(r.receiver().packets() > MESSAGES / FeedGenerator.MESSAGES_PER_PACKET);
        assertEquals(r.receiver().packets() + 1, r.source().frames());
    }

    @Test
    void bigEndianMicrosecondCaptureReadsTheSame() throws IOException {
        Path big = dir.resolve("big-endian.pcap");
        MemorySegment file = MemorySegment.ofArray(Files.readAllBytes(dir.resolve("day.pcap")));
        MemorySegment out = MemorySegment.ofArray(new byte[(int) file.byteSize()]);
        MemorySegment.copy(file, 0, out, 0, file.byteSize());
        BigEndian.putI32(out, 0, PcapReader.MAGIC_MICROS);
        BigEndian.putU16(out, 4, 2);
        BigEndian.putU16(out, 6, 4);
        BigEndian.putI32(out, 16, 65535);
        BigEndian.putI32(out, PcapReader.NETWORK_OFFSET, PcapReader.LINKTYPE_ETHERNET);
        for (long p = PcapReader.GLOBAL_HEADER_LENGTH; p < file.byteSize(); ) {
            int length = file.get(LE, p + PcapReader.INCL_LEN_OFFSET);
            BigEndian.putI32(out, p, file.get(LE, p));
            BigEndian.putI32(out, p + 4, file.get(LE, p + 4) / 1000);
            BigEndian.putI32(out, p + 8, length);
            BigEndian.putI32(out, p + 12, length);
            p += PcapReader.RECORD_HEADER_LENGTH + length;
        }
        Files.write(big, out.toArray(ValueLayout.JAVA_BYTE));
        Replay r = replayPcap(big);
        assertSameMessages(fromBinaryFile, r.rings());
    }

    @Test
    void vlanTaggedFramesPassAndBadChecksumsAreCountedAsLoss() throws IOException {
        Path mixed = dir.resolve("mixed.pcap");
        int corrupted = 0;
        long lost = 0;
        List<MemorySegment> frames = frames(dir.resolve("day.pcap"));
        try (OutputStream stream = Files.newOutputStream(mixed); PcapWriter writer = new PcapWriter(stream)) {
            for (int i = 0; i < frames.size(); i++) {
                MemorySegment frame = frames.get(i);
                int count = BigEndian.u16(frame, UdpFrames.HEADERS_LENGTH + MoldPacket.MESSAGE_COUNT_OFFSET);
                if (i % 50 == 7 && count > 0 && count != MoldPacket.END_OF_SESSION) {
                    MemorySegment bad = MemorySegment.ofArray(frame.toArray(ValueLayout.JAVA_BYTE));
                    BigEndian.putU8(bad, Ethernet.HEADER_LENGTH + Ipv4.TTL_OFFSET, 1);
                    writer.writeFrame(bad, 0, (int) bad.byteSize(), i);
                    corrupted++;
                    lost += count;
                } else if (i % 5 == 0) {
                    MemorySegment tagged = MemorySegment.ofArray(new byte[(int) frame.byteSize() + 4]);
                    MemorySegment.copy(frame, 0, tagged, 0, 12);
                    BigEndian.putU16(tagged, 12, Ethernet.TYPE_VLAN);
                    BigEndian.putU16(tagged, 14, 42);
                    MemorySegment.copy(frame, 12, tagged, 16, frame.byteSize() - 12);
                    writer.writeFrame(tagged, 0, (int) tagged.byteSize(), i);
                } else {
                    writer.writeFrame(frame, 0, (int) frame.byteSize(), i);
                }
            }
        }
        Replay r = replayPcap(mixed);
        assertTrue(corrupted > 10);
        assertEquals(corrupted, r.drops().get(DropReason.BAD_IPV4_CHECKSUM));
        assertEquals(lost, r.receiver().lost());
        assertEquals(corrupted + lost, r.drops().loss(), "every corrupted frame and the messages it carried");
        assertEquals(MESSAGES - lost, r.receiver().delivered());
    }

    @Test
    void pacingHoldsAFrameUntilItsCaptureOffsetHasElapsed() throws IOException {
        Path paced = dir.resolve("paced.pcap");
        List<MemorySegment> frames = frames(dir.resolve("day.pcap"));
        try (OutputStream stream = Files.newOutputStream(paced); PcapWriter writer = new PcapWriter(stream)) {
            writer.writeFrame(frames.get(0), 0, (int) frames.get(0).byteSize(), 1_000_000_000L);
            writer.writeFrame(frames.get(1), 0, (int) frames.get(1).byteSize(), 1_000_000_000L);
            writer.writeFrame(frames.get(2), 0, (int) frames.get(2).byteSize(), 3_600_000_000_000L);
        }
        DropCounters drops = new DropCounters();
        List<Integer> lengths = new ArrayList<>();
        try (PcapSource source = PcapSource.open("paced", paced, (f, o, l, n) -> lengths.add(l), drops, 32, true)) {
            assertEquals(2, source.doWork());
            assertEquals(0, source.doWork());
            assertEquals(2, lengths.size());
            assertTrue(!source.isExhausted());
        }
    }

    @Test
    void truncatedCaptureIsCounted() throws IOException {
        byte[] whole = Files.readAllBytes(dir.resolve("day.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 3));
        Replay r = replayPcap(cut);
        assertEquals(1, r.drops().get(DropReason.FILE_TRUNCATED));
        assertEquals(MESSAGES, r.receiver().delivered());
    }

    /** pcapng: blocks written in either byte order, frames as EPBs (nanosecond interfaces) and one SPB. */
    static byte[] pcapng(List<MemorySegment> frames, ByteOrder order) {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(frames.stream().mapToInt(f -> (int) f.byteSize() + 40).sum() + 1024).order(order);
        out.putInt(PcapReader.PCAPNG_MAGIC).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        out.putInt(1).putInt(28).putShort((short) 1).putShort((short) 0).putInt(65535)
                .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).putInt(28);
        out.putInt(1).putInt(20).putShort((short) 113).putShort((short) 0).putInt(65535).putInt(20);
        out.putInt(6).putInt(36).putInt(1).putInt(0).putInt(0).putInt(4).putInt(4).putInt(0x01020304).putInt(36);
        out.putInt(0x00000BAD).putInt(16).putInt(7).putInt(16);
        for (int i = 0; i < frames.size(); i++) {
            MemorySegment frame = frames.get(i);
            int length = (int) frame.byteSize();
            int padded = (length + 3) & ~3;
            if (i == 1) {
                out.putInt(3).putInt(16 + padded).putInt(length).put(frame.toArray(ValueLayout.JAVA_BYTE)).put(new byte[padded - length]).putInt(16 + padded);
                continue;
            }
            long nanos = 1_577_700_000_000_000_000L + i * 1000L;
            out.putInt(6).putInt(32 + padded).putInt(0).putInt((int) (nanos >>> 32)).putInt((int) nanos).putInt(length).putInt(length)
                    .put(frame.toArray(ValueLayout.JAVA_BYTE)).put(new byte[padded - length]).putInt(32 + padded);
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    @Test
    void pcapngInEitherByteOrderReadsTheSame() throws IOException {
        List<MemorySegment> frames = frames(dir.resolve("day.pcap"));
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            Path ng = dir.resolve("day-" + order + ".pcapng");
            Files.write(ng, pcapng(frames, order));
            assertTrue(PcapReader.isPcap(ng));
            Replay r = replayPcap(ng);
            assertSameMessages(fromBinaryFile, r.rings());
            assertEquals(1, r.drops().get(DropReason.NOT_ETHERNET));
            assertEquals(1, r.drops().total(), r.drops().toString());
            assertEquals(frames.size(), r.source().frames());
        }
    }

    /** The frame re-addressed to {@code group} (headers rebuilt, so the checksum stays right). */
    static MemorySegment toGroup(MemorySegment frame, String group) {
        int payload = (int) frame.byteSize() - UdpFrames.HEADERS_LENGTH;
        MemorySegment out = MemorySegment.ofArray(new byte[(int) frame.byteSize()]);
        UdpFrames.writeHeaders(out, 2, Ipv4.parse(FeedGenerator.SOURCE_IP), FeedGenerator.PORT, Ipv4.parse(group),
                FeedGenerator.PORT, 0, payload);
        MemorySegment.copy(frame, UdpFrames.HEADERS_LENGTH, out, UdpFrames.HEADERS_LENGTH, payload);
        return out;
    }

    /** Line A loses every 50th frame, line B (3 frames behind) others; no frame is lost on both. */
    @Test
    void abLinesInOneCaptureDeliverEveryMessageOnceThroughTheItchFileStage() throws Exception {
        List<MemorySegment> frames = frames(dir.resolve("day.pcap"));
        Path ab = dir.resolve("ab.pcap");
        long lostOnA = 0;
        try (OutputStream stream = Files.newOutputStream(ab); PcapWriter writer = new PcapWriter(stream)) {
            for (int i = 0; i < frames.size() + 3; i++) {
                if (i < frames.size() && i % 50 != 5) {
                    writer.writeFrame(toGroup(frames.get(i), "233.54.12.111"), 0, (int) frames.get(i).byteSize(), i);
                } else if (i < frames.size()) {
                    lostOnA++;
                }
                int b = i - 3;
                if (b >= 0 && b % 50 != 30) {
                    writer.writeFrame(toGroup(frames.get(b), "233.49.196.111"), 0, (int) frames.get(b).byteSize(), i);
                }
            }
        }
        ItchStageFactoryTest.TestContext context = new ItchStageFactoryTest.TestContext(java.util.Map.of("path", ab.toString(),
                "filter", List.of("233.54.12.111:26477", "233.49.196.111:26477"), "gap_policy", "wait", "retry_ms", 1000));
        dev.hft.pipeline.Stage stage = (dev.hft.pipeline.Stage) ItchStageFactoryTest.factory("itch-file").create(context);
        BinaryFileSourceTest.drain(stage);
        assertTrue(lostOnA > 40);
        assertEquals(MESSAGES, context.byName.entrySet().stream().filter(e -> e.getKey().startsWith("messages."))
                .mapToLong(e -> e.getValue().get()).sum());
        assertEquals(0, context.byName.get("mold.lost").get());
        assertTrue(context.byName.get("line.0.lost").get() > 40, "line A lost what line B carried");
        assertEquals(0, context.byName.get("loss").get());
        assertTrue(context.byName.get("line.1.lost").get() > 0);
        assertTrue(context.byName.get("mold.duplicates").get() > MESSAGES / 2);
        for (int shard = 0; shard < 2; shard++) {
            assertEquals(BinaryFileSourceTest.replay(dir.resolve("day.itch"), 2, 1 << 16, 64).rings().messages(shard),
                    context.rings.messages(shard));
        }
    }
}
