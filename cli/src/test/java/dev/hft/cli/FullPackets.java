package dev.hft.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.hft.venue.gen.FeedGenerator;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.mold.MoldPacketWriter;
import dev.hft.wire.net.BigEndian;
import dev.hft.wire.net.Ipv4;
import dev.hft.wire.net.UdpFrames;
import dev.hft.wire.pcap.PcapWriter;

/**
 * Captures shaped like a real feed: a BinaryFILE's messages packed into MoldUDP64 packets filled to a payload size
 * (NASDAQ fills ~1,400 bytes: 35 to 65 messages), then an End of Session; and the worst case for a decode path, frames
 * of the shortest message that every book shard receives.
 */
final class FullPackets {

    private FullPackets() {
    }

    /** Writes {@code binaryFile}'s messages to {@code pcap} in packets of at most {@code maxPayload} bytes; returns the packets. */
    static long write(Path binaryFile, Path pcap, int maxPayload) throws IOException {
        MemorySegment in = MemorySegment.ofArray(Files.readAllBytes(binaryFile));
        MemorySegment frame = MemorySegment.ofArray(new byte[UdpFrames.HEADERS_LENGTH + maxPayload]);
        MemorySegment session = MoldPacket.session(FeedGenerator.SESSION);
        MoldPacketWriter packet = new MoldPacketWriter(frame.asSlice(UdpFrames.HEADERS_LENGTH), maxPayload);
        long packets = 0;
        try (OutputStream out = Files.newOutputStream(pcap); PcapWriter writer = new PcapWriter(out)) {
            long sequence = 1;
            packet.begin(session, sequence);
            for (long offset = 0; offset + 2 <= in.byteSize(); ) {
                int length = BigEndian.u16(in, offset);
                if (length == 0) {
                    break;
                }
                if (!packet.add(in, offset + 2, length)) {
                    sequence = emit(writer, frame, packet, packets++);
                    packet.begin(session, sequence);
                    packet.add(in, offset + 2, length);
                }
                offset += 2 + length;
            }
            sequence = emit(writer, frame, packet, packets++);
            MoldPacket.writeHeader(frame, UdpFrames.HEADERS_LENGTH, session, sequence, MoldPacket.END_OF_SESSION);
            writeFrame(writer, frame, MoldPacket.HEADER_LENGTH, packets++);
        }
        return packets;
    }

    /** {@code packets} frames of {@code frameBytes} bytes, each full of System Event messages (12 bytes, sent to every shard). */
    static long smallestMessages(Path pcap, int packets, int frameBytes) throws IOException {
        int maxPayload = frameBytes - UdpFrames.HEADERS_LENGTH;
        MemorySegment frame = MemorySegment.ofArray(new byte[frameBytes]);
        MemorySegment session = MoldPacket.session(FeedGenerator.SESSION);
        MoldPacketWriter packet = new MoldPacketWriter(frame.asSlice(UdpFrames.HEADERS_LENGTH), maxPayload);
        MemorySegment event = MemorySegment.ofArray(new byte[12]);
        BigEndian.putU8(event, 0, 'S');
        BigEndian.putU8(event, 11, 'Q');
        long sequence = 1;
        long messages = 0;
        try (OutputStream out = Files.newOutputStream(pcap); PcapWriter writer = new PcapWriter(out)) {
            for (int p = 0; p < packets; p++) {
                packet.begin(session, sequence);
                while (packet.add(event, 0, 12)) {
                    messages++;
                }
                sequence = emit(writer, frame, packet, p);
            }
        }
        return messages;
    }

    private static long emit(PcapWriter writer, MemorySegment frame, MoldPacketWriter packet, long index) {
        int payload = packet.finish();
        writeFrame(writer, frame, payload, index);
        return packet.nextSequence();
    }

    private static void writeFrame(PcapWriter writer, MemorySegment frame, int payload, long index) {
        int length = UdpFrames.writeHeaders(frame, 0x020000000001L, Ipv4.parse(FeedGenerator.SOURCE_IP), FeedGenerator.PORT,
                Ipv4.parse(FeedGenerator.GROUP), FeedGenerator.PORT, (int) index & 0xFFFF, payload);
        writer.writeFrame(frame, 0, length, 1_000_000_000L + index * 1_000);
    }
}
