package dev.hft.egress.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkTestSupport;
import dev.hft.dpdk.Port;
import dev.hft.dpdk.PortConfig;
import dev.hft.dpdk.QueueCounter;
import dev.hft.dpdk.SharedPorts;
import dev.hft.pipeline.Params;
import dev.hft.wire.mold.MoldUdpFrame;
import dev.hft.wire.mold.MoldUdpFrameDecoder;
import dev.hft.wire.mold.MoldUdpFrameEncoder;
import dev.hft.wire.ouch.EnterOrder;

/** OUCH frames built in mbufs and sent through net_pcap's tx_pcap, decoded back; venue frames read from rx_pcap. */
public class DpdkOrderTransportTest {

    private static final byte[] SESSION = "OUCHDPDK01".getBytes(StandardCharsets.US_ASCII);

    @Test
    void ordersLeaveAsMoldUdpFramesAndVenueMessagesComeBackWithoutLeakingMbufs(@TempDir Path dir) throws IOException {
        requireEal();
        List<String> venueSent = new ArrayList<>();
        Path responses = dir.resolve("responses.pcap");
        writePcap(responses, venueFrames(venueSent));
        Path out = dir.resolve("orders.pcap");
        List<String> ordersSent = new ArrayList<>();
        List<String> venueSeen = new ArrayList<>();
        try (Port port = Port.open(PortConfig.of("oe", "net_pcap50,rx_pcap=" + responses + ",tx_pcap=" + out, 1, 1)
                .withMbufs(1023, 32))) {
            DpdkOrderTransport transport = transportOn(port);
            int token = 0;
            for (int batch : new int[] {1, 5, 0, 40, 3}) {
                assertTrue(transport.beginFrame());
                for (int i = 0; i < batch; i++) {
                    long at = transport.append(EnterOrder.LENGTH);
                    if (at < 0) {
                        assertTrue(transport.flush() > 0);
                        assertTrue(transport.beginFrame());
                        at = transport.append(EnterOrder.LENGTH);
                    }
                    MemorySegment memory = transport.segment();
                    memory.set(ValueLayout.JAVA_BYTE, at, EnterOrder.MESSAGE_TYPE);
                    for (int b = 1; b < EnterOrder.LENGTH; b++) {
                        memory.set(ValueLayout.JAVA_BYTE, at + b, (byte) (token * 7 + b));
                    }
                    ordersSent.add((ordersSent.size() + 1) + ":" + HexFormat.of().formatHex(memory.asSlice(at, EnterOrder.LENGTH)
                            .toArray(ValueLayout.JAVA_BYTE)));
                    token++;
                }
                transport.flush();
            }
            for (int i = 0; i < 10_000 && venueSeen.size() < venueSent.size(); i++) {
                if (transport.poll((sequence, segment, offset, length) -> venueSeen.add(sequence + ":"
                        + HexFormat.of().formatHex(segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE))), 64) == 0) {
                    Thread.yield();
                }
            }
            transport.close();
            assertEquals(0, transport.sendFailures());
            assertEquals(0, port.txQueue(0).counters().get(QueueCounter.TX_DROP_FULL));
            assertEquals(port.pool().size(), port.pool().availableCount(), "every mbuf back in the pool");
            assertEquals(49, transport.nextSequence() - 1, "one sequence number per order");
        }
        assertEquals(venueSent, venueSeen);
        List<String> ordersOnWire = new ArrayList<>();
        MoldUdpFrameDecoder decoder = new MoldUdpFrameDecoder();
        int frames = 0;
        for (byte[] frame : readPcap(out)) {
            MemorySegment segment = MemorySegment.ofArray(frame);
            int n = decoder.decode(segment, 0, frame.length, (sequence, s, offset, length) -> ordersOnWire.add(sequence + ":"
                    + HexFormat.of().formatHex(s.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE))));
            assertTrue(n > 0, "frame " + frames + " decodes with its IPv4 checksum");
            frames++;
        }
        assertEquals(ordersSent, ordersOnWire);
        assertTrue(frames >= 5, "the 40-order batch spilled into a second frame: " + frames);
    }

    @Test
    void openFromEgressParamsSharesThePortAndReleasesItOnClose(@TempDir Path dir) throws IOException {
        requireEal();
        Path responses = dir.resolve("responses.pcap");
        writePcap(responses, venueFrames(new ArrayList<>()));
        Path out = dir.resolve("orders.pcap");
        Map<String, Object> port = Map.of("name", "oe2", "device", "net_pcap52,rx_pcap=" + responses + ",tx_pcap=" + out,
                "rx_queues", 1, "tx_queues", 1, "mbufs", 1023);
        Map<String, Object> params = new java.util.HashMap<>(Map.of("dpdk_port", port, "host", "10.0.0.2", "port", 26400,
                "local_ip", "10.0.0.1", "session", "OUCH2", "src_mac", "02:00:00:00:00:0a"));
        params.put("src_mac", "nonsense");
        assertThrows(IllegalArgumentException.class, () -> DpdkOrderTransport.open(new Params("params", params)));
        assertEquals(0, SharedPorts.users("oe2"), "nothing left open after a refused build");
        params.put("src_mac", "02:00:00:00:00:0a");
        DpdkOrderTransport transport = DpdkOrderTransport.open(new Params("params", params));
        assertEquals(1, SharedPorts.users("oe2"));
        assertTrue(transport.beginFrame());
        for (int i = 0; i < 3; i++) {
            long at = transport.append(EnterOrder.LENGTH);
            transport.segment().set(ValueLayout.JAVA_BYTE, at, EnterOrder.MESSAGE_TYPE);
            transport.segment().asSlice(at + 1, EnterOrder.LENGTH - 1).fill((byte) i);
        }
        assertTrue(transport.flush() > 0);
        transport.close();
        assertEquals(0, SharedPorts.users("oe2"), "the port is closed with the transport");
        List<byte[]> frames = readPcap(out);
        assertEquals(1, frames.size());
        ByteBuffer frame = ByteBuffer.wrap(frames.get(0));
        assertEquals(0x0A000001, frame.getInt(MoldUdpFrame.IP_OFFSET + 12), "source address");
        assertEquals(0x0A000002, frame.getInt(MoldUdpFrame.IP_OFFSET + 16), "destination address");
        assertEquals(26400, Short.toUnsignedInt(frame.getShort(MoldUdpFrame.UDP_OFFSET + 2)));
        assertEquals("OUCH2     ", new String(frames.get(0), MoldUdpFrame.MOLD_OFFSET, 10, StandardCharsets.US_ASCII));
        List<Long> sequences = new ArrayList<>();
        new MoldUdpFrameDecoder().decode(MemorySegment.ofArray(frames.get(0)), 0, frames.get(0).length,
                (sequence, segment, offset, length) -> sequences.add(sequence));
        assertEquals(List.of(1L, 2L, 3L), sequences);
    }

    /**
     * A poll with no frame open begins the next one ahead (its mbuf claimed while idle): an order sent after it goes out
     * in that frame with the next sequence number, and a frame begun but never used is neither sent nor leaked.
     */
    @Test
    void aFrameBegunWhileIdleCarriesTheNextOrderAndIsReturnedUnsentAtClose(@TempDir Path dir) throws IOException {
        requireEal();
        Path responses = dir.resolve("responses.pcap");
        writePcap(responses, List.of());
        Path out = dir.resolve("orders.pcap");
        try (Port port = Port.open(PortConfig.of("oe3", "net_pcap53,rx_pcap=" + responses + ",tx_pcap=" + out, 1, 1)
                .withMbufs(1023, 32))) {
            DpdkOrderTransport transport = transportOn(port);
            int idle = port.pool().availableCount();
            assertEquals(0, transport.poll((sequence, segment, offset, length) -> { }, 64));
            assertTrue(port.pool().availableCount() < idle, "the idle poll claimed the next frame's mbuf");
            assertEquals(0, port.txQueue(0).counters().get(QueueCounter.TX_PACKETS), "and sent nothing");
            assertTrue(transport.beginFrame());
            long at = transport.append(EnterOrder.LENGTH);
            transport.segment().set(ValueLayout.JAVA_BYTE, at, EnterOrder.MESSAGE_TYPE);
            transport.segment().asSlice(at + 1, EnterOrder.LENGTH - 1).fill((byte) 7);
            assertTrue(transport.flush() > 0);
            transport.poll((sequence, segment, offset, length) -> { }, 64);
            transport.poll((sequence, segment, offset, length) -> { }, 64);
            transport.close();
            assertEquals(1, port.txQueue(0).counters().get(QueueCounter.TX_PACKETS), "one frame: the order's");
            assertEquals(port.pool().size(), port.pool().availableCount(), "the frame begun after it went back to the pool");
        }
        List<byte[]> frames = readPcap(out);
        assertEquals(1, frames.size());
        List<Long> sequences = new ArrayList<>();
        new MoldUdpFrameDecoder().decode(MemorySegment.ofArray(frames.get(0)), 0, frames.get(0).length,
                (sequence, segment, offset, length) -> sequences.add(sequence));
        assertEquals(List.of(1L), sequences);
    }

    /** OUCH from 10.0.0.1:40000 to 10.0.0.2:26400 on queue 0 of {@code port}, venue frames read from its RX queue 0. */
    private static DpdkOrderTransport transportOn(Port port) {
        MoldUdpFrameEncoder encoder = new MoldUdpFrameEncoder(0x020000000001L, 0x020000000002L, 0x0A000001, 0x0A000002,
                40000, 26400, SESSION, MoldUdpFrame.DEFAULT_MAX_FRAME);
        return new DpdkOrderTransport(port.txQueue(0), port.rxQueue(0), encoder, DpdkOrderTransport.DEFAULT_MAX_FRAME, 32);
    }

    /** Three venue frames of two 66-byte messages each, sequenced 1..6. */
    private static List<byte[]> venueFrames(List<String> sent) {
        MoldUdpFrameEncoder encoder = new MoldUdpFrameEncoder(0x020000000002L, 0x020000000001L, 0x0A000002, 0x0A000001,
                26400, 40000, SESSION, MoldUdpFrame.DEFAULT_MAX_FRAME);
        List<byte[]> frames = new ArrayList<>();
        MemorySegment buffer = Arena.ofAuto().allocate(MoldUdpFrame.DEFAULT_MAX_FRAME);
        long sequence = 1;
        for (int f = 0; f < 3; f++) {
            encoder.begin(buffer, 0);
            for (int m = 0; m < 2; m++) {
                long at = encoder.append(66);
                buffer.set(ValueLayout.JAVA_BYTE, at, (byte) 'A');
                for (int b = 1; b < 66; b++) {
                    buffer.set(ValueLayout.JAVA_BYTE, at + b, (byte) (f * 13 + m * 5 + b));
                }
                sent.add(sequence++ + ":" + HexFormat.of().formatHex(buffer.asSlice(at, 66).toArray(ValueLayout.JAVA_BYTE)));
            }
            int length = encoder.finish();
            frames.add(buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE));
        }
        return frames;
    }

    public static void writePcap(Path path, List<byte[]> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.write(header.array());
        for (byte[] frame : frames) {
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt(1).putInt(0).putInt(frame.length).putInt(frame.length);
            out.write(record.array());
            out.write(frame);
        }
        Files.write(path, out.toByteArray());
    }

    public static List<byte[]> readPcap(Path path) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        assertTrue(magic == 0xA1B2C3D4 || magic == 0xA1B23C4D, "pcap magic " + Integer.toHexString(magic));
        List<byte[]> frames = new ArrayList<>();
        in.position(24);
        while (in.remaining() >= 16) {
            in.getInt();
            in.getInt();
            int length = in.getInt();
            in.getInt();
            byte[] frame = new byte[length];
            in.get(frame);
            frames.add(frame);
        }
        return frames;
    }

    public static void requireEal() {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
    }
}
