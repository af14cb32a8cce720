package dev.hft.wire.itch;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Encoder → decoder round trips for all 23 types, and flyweights checked against hand-laid spec bytes. */
class ItchCodecTest {

    private static final int ROUND_TRIPS_PER_TYPE = 500;

    @Test
    void everyTypeRoundTripsWithEveryFieldIntact() {
        MemorySegment buffer = Arena.ofAuto().allocate(ItchMessages.MAX_LENGTH + 3);
        RecordingListener recorder = new RecordingListener();
        ItchDecoder decoder = new ItchDecoder(recorder);
        SplittableRandom random = new SplittableRandom(20191230L);
        for (char type : ItchMessages.TYPES.toCharArray()) {
            for (int i = 0; i < ROUND_TRIPS_PER_TYPE; i++) {
                long offset = i % 3;
                long[] expected = RandomMessages.write((byte) type, random, buffer, offset);
                int length = ItchMessages.length((byte) type);
                assertEquals(ItchDecoder.OK, decoder.decode(buffer, offset, length));
                assertArrayEquals(expected, recorder.messages.getLast(), "type " + type + " round trip " + i);
            }
            assertEquals(ROUND_TRIPS_PER_TYPE, decoder.count((byte) type), "count of " + type);
        }
        assertEquals(23L * ROUND_TRIPS_PER_TYPE, decoder.messages());
        assertEquals(0, decoder.badLengths() + decoder.unknownTypes());
    }

    @Test
    void encoderReturnsTheTableLength() {
        MemorySegment buffer = Arena.ofAuto().allocate(ItchMessages.MAX_LENGTH);
        assertEquals(36, ItchEncoder.addOrder(buffer, 0, 1, 2, 3, 4, (byte) 'B', 5, ItchAlpha.stock("AAPL"), 6));
        assertEquals(12, ItchEncoder.systemEvent(buffer, 0, 0, 0, 0, (byte) 'O'));
        assertEquals(50, ItchEncoder.netOrderImbalanceIndicator(buffer, 0, 1, 2, 3, 4, 5, (byte) 'B',
                ItchAlpha.stock("MSFT"), 6, 7, 8, (byte) 'O', (byte) 'A'));
    }

    @Test
    void addOrderReadsTheSpecificationsByteLayout() {
        MemorySegment m = bytes("41" + "000d" + "0007" + "0a1b2c3d4e5f" + "00000000000f4241" + "53" + "00000064"
                + "4141504c20202020" + "0016e360");
        AddOrder add = new AddOrder();
        add.wrap(m, 0);
        assertEquals('A', add.messageType());
        assertEquals(13, add.stockLocate());
        assertEquals(7, add.trackingNumber());
        assertEquals(0x0a1b2c3d4e5fL, add.timestamp());
        assertEquals(1_000_001L, add.orderReferenceNumber());
        assertEquals('S', add.buySellIndicator());
        assertEquals(100, add.shares());
        assertTrue(ItchAlpha.equals(add.stock(), ItchAlpha.STOCK, "AAPL"));
        assertEquals(150_0000, add.price());
    }

    @Test
    void directListingReadsTheSpecificationsByteLayout() {
        MemorySegment m = bytes("4f" + "ffff" + "8001" + "ffffffffffff" + "5a5a5a2020202020" + "59" + "80000001"
                + "00000002" + "00000003" + "0000000000000004" + "00000005" + "fffffffe");
        DirectListingWithCapitalRaisePriceDiscovery o = new DirectListingWithCapitalRaisePriceDiscovery();
        o.wrap(m, 0);
        assertEquals(48, m.byteSize());
        assertEquals(65535, o.stockLocate());
        assertEquals(0x8001, o.trackingNumber());
        assertEquals((1L << 48) - 1, o.timestamp());
        assertEquals("ZZZ", ItchAlpha.toString(o.stock(), ItchAlpha.STOCK));
        assertEquals('Y', o.openEligibilityStatus());
        assertEquals(0x80000001, o.minimumAllowablePrice());
        assertEquals(2, o.maximumAllowablePrice());
        assertEquals(3, o.nearExecutionPrice());
        assertEquals(4L, o.nearExecutionTime());
        assertEquals(5, o.lowerPriceRangeCollar());
        assertEquals(-2, o.upperPriceRangeCollar());
    }

    @Test
    void unsignedFieldsStayPositiveAtTheirMaximum() {
        MemorySegment m = Arena.ofAuto().allocate(OrderCancel.LENGTH);
        ItchEncoder.orderCancel(m, 0, 0xFFFF, 0xFFFF, (1L << 48) - 1, -1L, 0xFFFF_FFFFL);
        OrderCancel x = new OrderCancel();
        x.wrap(m, 0);
        assertEquals(0xFFFF, x.stockLocate());
        assertEquals(0xFFFF, x.trackingNumber());
        assertEquals((1L << 48) - 1, x.timestamp());
        assertEquals(0xFFFF_FFFFL, x.cancelledShares());
        assertEquals(-1L, x.orderReferenceNumber());
    }

    @Test
    void alphaHelpersPackCompareAndAppendWithoutPadding() {
        long aapl = ItchAlpha.stock("AAPL");
        assertEquals(0x4141504c20202020L, aapl);
        assertTrue(ItchAlpha.equals(aapl, 8, "AAPL"));
        assertFalse(ItchAlpha.equals(aapl, 8, "AAP"));
        assertFalse(ItchAlpha.equals(aapl, 8, "AAPLX"));
        assertEquals(4, ItchAlpha.length(aapl, 8));
        assertEquals("x:AAPL", ItchAlpha.appendTo(aapl, 8, new StringBuilder("x:")).toString());
        byte[] out = new byte[10];
        assertEquals(4, ItchAlpha.copyTo(aapl, 8, out, 1));
        assertEquals("AAPL", new String(out, 1, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("BRK A", ItchAlpha.toString(ItchAlpha.stock("BRK A"), 8));
        assertEquals("ABCDEFGH", ItchAlpha.toString(ItchAlpha.stock("ABCDEFGH"), 8));
        assertEquals("", ItchAlpha.toString(ItchAlpha.stock(""), 8));

        int mpid = (int) ItchAlpha.pack("GSCO", ItchAlpha.MPID);
        assertEquals(0x4753434f, mpid);
        assertEquals("GSCO", ItchAlpha.toString(mpid, ItchAlpha.MPID));
        int signBitSet = 0xC1202020;
        assertEquals(1, ItchAlpha.length(signBitSet, ItchAlpha.MPID));
        assertEquals((byte) 0xC1, ItchAlpha.byteAt(signBitSet, ItchAlpha.MPID, 0));

        assertThrows(IllegalArgumentException.class, () -> ItchAlpha.stock("TOOLONGXX"));
        assertThrows(IllegalArgumentException.class, () -> ItchAlpha.stock("\u00e9"));
    }

    private static MemorySegment bytes(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        MemorySegment segment = Arena.ofAuto().allocate(raw.length);
        for (int i = 0; i < raw.length; i++) {
            segment.set(JAVA_BYTE, i, raw[i]);
        }
        return segment;
    }
}
