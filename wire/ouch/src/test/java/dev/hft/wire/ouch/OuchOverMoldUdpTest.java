package dev.hft.wire.ouch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hft.wire.mold.MoldUdpFrame;
import dev.hft.wire.mold.MoldUdpFrameDecoder;
import dev.hft.wire.mold.MoldUdpFrameEncoder;
import dev.hft.wire.net.BigEndian;
import dev.hft.wire.net.Ipv4;

class OuchOverMoldUdpTest {

    static final byte[] SESSION = "OUCH000001".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TOKEN = "AB000000000001".getBytes(StandardCharsets.US_ASCII);

    final MemorySegment mbuf = Arena.ofAuto().allocate(2048);
    final List<String> delivered = new ArrayList<>();
    final MoldUdpFrameDecoder decoder = new MoldUdpFrameDecoder();
    final MoldUdpFrameDecoder.Handler handler = (sequence, segment, offset, length) -> delivered.add(
            sequence + ":" + HexFormat.of().formatHex(segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE)));

    static MoldUdpFrameEncoder encoder(int maxFrame) {
        return new MoldUdpFrameEncoder(0x020000000001L, 0x020000000002L, 0x0A000001, 0x0A000002, 40001, 50001,
                SESSION, maxFrame);
    }

    @Test
    void ipChecksumMatchesTheWellKnownExample() {
        MemorySegment header = MemorySegment.ofArray(HexFormat.of().parseHex("450000730000400040110000c0a80001c0a800c7"));
        assertEquals((short) 0xB861, (short) Ipv4.checksum(header, 0));
    }

    @Test
    void frameHeadersAreWrittenAtTheDocumentedOffsets() {
        MoldUdpFrameEncoder encoder = encoder(MoldUdpFrame.DEFAULT_MAX_FRAME);
        encoder.nextSequence(7);
        encoder.begin(mbuf, 128);
        long at = encoder.append(CancelOrder.LENGTH);
        new CancelOrder().wrapForEncode(mbuf, at).orderToken(TOKEN).shares(0);
        int length = encoder.finish();
        assertEquals(62 + 2 + 19, length);
        byte[] frame = mbuf.asSlice(128, length).toArray(ValueLayout.JAVA_BYTE);
        String hex = HexFormat.of().formatHex(frame);
        String expected = "020000000002" + "020000000001" + "0800"                 // Ethernet
                + "45" + "00" + "0045" + "0000" + "4000" + "40" + "11" + "xxxx"     // IPv4 up to checksum; 0x45 = 69 bytes
                + "0a000001" + "0a000002"
                + "9c41" + "c351" + "0031" + "0000"                                 // UDP 40001 -> 50001, 49 bytes
                + HexFormat.of().formatHex(SESSION) + "0000000000000007" + "0001"   // MoldUDP64
                + "0013" + "58" + HexFormat.of().formatHex(TOKEN) + "00000000";     // block: X Cancel Order
        String checksum = hex.substring(48, 52);
        assertEquals(expected.replace("xxxx", checksum), hex);
        assertEquals(0, Ipv4.checksum(mbuf, 128 + MoldUdpFrame.IP_OFFSET));
        assertEquals(8, encoder.nextSequence());
    }

    @Test
    void messagesRoundTripWithConsecutiveSequenceNumbersAndFramesFillUpToTheBudget() {
        MoldUdpFrameEncoder encoder = encoder(62 + 3 * 21);
        encoder.begin(mbuf, 0);
        for (int i = 0; i < 3; i++) {
            long at = encoder.append(CancelOrder.LENGTH);
            new CancelOrder().wrapForEncode(mbuf, at).orderToken(TOKEN).shares(i);
        }
        assertEquals(-1, encoder.append(CancelOrder.LENGTH));
        int length = encoder.finish();
        assertEquals(3, decoder.decode(mbuf, 0, length, handler));
        String cancel = "58" + HexFormat.of().formatHex(TOKEN);
        assertEquals(List.of("1:" + cancel + "00000000", "2:" + cancel + "00000001", "3:" + cancel + "00000002"), delivered);
        assertEquals(4, encoder.nextSequence());
    }

    @Test
    void damagedFramesAreDroppedWholeAndCounted() {
        MoldUdpFrameEncoder encoder = encoder(MoldUdpFrame.DEFAULT_MAX_FRAME);
        encoder.begin(mbuf, 0);
        for (int i = 0; i < 2; i++) {
            new CancelOrder().wrapForEncode(mbuf, encoder.append(CancelOrder.LENGTH)).orderToken(TOKEN).shares(i);
        }
        int length = encoder.finish();
        byte[] good = mbuf.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);

        assertEquals(MoldUdpFrameDecoder.TRUNCATED, decoder.decode(mbuf, 0, length - 1, handler));
        assertEquals(MoldUdpFrameDecoder.TRUNCATED, decoder.decode(mbuf, 0, 30, handler));
        assertEquals(MoldUdpFrameDecoder.TRUNCATED, decoder.decode(mbuf, 2040, length, handler));

        mbuf.set(ValueLayout.JAVA_BYTE, MoldUdpFrame.IP_TTL_OFFSET, (byte) 1);
        assertEquals(MoldUdpFrameDecoder.BAD_IP_HEADER, decoder.decode(mbuf, 0, length, handler));
        restore(good);

        mbuf.set(ValueLayout.JAVA_BYTE, MoldUdpFrame.IP_PROTOCOL_OFFSET, (byte) 6);
        assertEquals(MoldUdpFrameDecoder.NOT_IPV4_UDP, decoder.decode(mbuf, 0, length, handler));
        restore(good);

        BigEndian.putU16(mbuf, MoldUdpFrame.MOLD_COUNT_OFFSET, 3);
        assertEquals(MoldUdpFrameDecoder.BAD_BLOCKS, decoder.decode(mbuf, 0, length, handler));
        restore(good);

        BigEndian.putU16(mbuf, MoldUdpFrame.MESSAGES_OFFSET, 200);
        assertEquals(MoldUdpFrameDecoder.BAD_BLOCKS, decoder.decode(mbuf, 0, length, handler));
        restore(good);

        assertEquals(List.of(), delivered);
        assertEquals(7, decoder.dropped());
        assertEquals(2, decoder.decode(mbuf, 0, length, handler));
        assertEquals(1, decoder.frames());
    }

    @Test
    void heartbeatAndEndOfSessionCarryNoMessages() {
        MoldUdpFrameEncoder encoder = encoder(MoldUdpFrame.DEFAULT_MAX_FRAME);
        encoder.begin(mbuf, 0);
        int length = encoder.finish();
        assertEquals(MoldUdpFrame.MESSAGES_OFFSET, length);
        assertEquals(0, decoder.decode(mbuf, 0, length, handler));
        BigEndian.putU16(mbuf, MoldUdpFrame.MOLD_COUNT_OFFSET, 0xFFFF);
        assertEquals(0, decoder.decodeMold(mbuf, MoldUdpFrame.MOLD_OFFSET, MoldUdpFrame.MOLD_HEADER_LENGTH, handler));
        assertEquals(List.of(), delivered);
    }

    void restore(byte[] good) {
        MemorySegment.copy(good, 0, mbuf, ValueLayout.JAVA_BYTE, 0, good.length);
        assertArrayEquals(good, mbuf.asSlice(0, good.length).toArray(ValueLayout.JAVA_BYTE));
    }
}
