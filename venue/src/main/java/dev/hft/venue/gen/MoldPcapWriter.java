package dev.hft.venue.gen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;

import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.mold.MoldPacketWriter;
import dev.hft.wire.net.UdpFrames;
import dev.hft.wire.pcap.PcapWriter;

/**
 * Writes messages as a pcap of MoldUDP64 / UDP / IPv4 / Ethernet frames: one session, sequence numbers from 1,
 * up to {@code messagesPerPacket} messages (and {@code maxPayload} bytes) per packet within 50 µs of its first
 * message, one heartbeat after a second or more of silence, and an end-of-session packet at the close. Timestamps are {@code dayEpochNanos} plus
 * the message's ITCH timestamp.
 */
public final class MoldPcapWriter implements MessageOutput {

    private static final long HEARTBEAT_INTERVAL_NANOS = 1_000_000_000L;
    /** A packet goes out once its first message is this old: the sender does not hold messages back longer. */
    private static final long PACKET_WINDOW_NANOS = 50_000L;
    private static final long SOURCE_MAC = 0x02_00_00_00_00_01L;

    private final PcapWriter pcap;
    private final MemorySegment session;
    private final int sourceIp;
    private final int group;
    private final int port;
    private final long dayEpochNanos;
    private final int messagesPerPacket;
    private final MemorySegment frame = MemorySegment.ofArray(new byte[65536]);
    private final MoldPacketWriter packet;
    private long nextSequence = 1;
    private long lastTimestamp = -1;
    private long packetTimestamp;
    private int identification;
    private long packets;

    public MoldPcapWriter(OutputStream out, MemorySegment session, int sourceIp, int group, int port,
                          long dayEpochNanos, int messagesPerPacket, int maxPayload) {
        this.pcap = new PcapWriter(new BufferedOutputStream(out, 1 << 16));
        this.session = session;
        this.sourceIp = sourceIp;
        this.group = group;
        this.port = port;
        this.dayEpochNanos = dayEpochNanos;
        this.messagesPerPacket = messagesPerPacket;
        this.packet = new MoldPacketWriter(frame.asSlice(UdpFrames.HEADERS_LENGTH), maxPayload);
        packet.begin(session, nextSequence);
    }

    @Override
    public void message(MemorySegment message, int length, long timestampNanos) {
        if (lastTimestamp >= 0 && timestampNanos - lastTimestamp > HEARTBEAT_INTERVAL_NANOS) {
            flush();
            writePacket(lastTimestamp + HEARTBEAT_INTERVAL_NANOS);
        }
        if (packet.count() > 0 && timestampNanos - packetTimestamp > PACKET_WINDOW_NANOS) {
            flush();
        }
        if (packet.count() == messagesPerPacket || !packet.add(message, 0, length)) {
            flush();
            packet.add(message, 0, length);
        }
        if (packet.count() == 1) {
            packetTimestamp = timestampNanos;
        }
        lastTimestamp = timestampNanos;
    }

    /** Sends the messages packed so far as one packet. */
    public void flush() {
        if (packet.count() > 0) {
            writePacket(lastTimestamp);
            nextSequence = packet.nextSequence();
            packet.begin(session, nextSequence);
        }
    }

    private void writePacket(long timestampNanos) {
        int payload = packet.finish();
        int length = UdpFrames.writeHeaders(frame, SOURCE_MAC, sourceIp, port, group, port, identification++ & 0xFFFF, payload);
        pcap.writeFrame(frame, 0, length, dayEpochNanos + timestampNanos);
        packets++;
    }

    public long packets() {
        return packets;
    }

    @Override
    public void close() throws IOException {
        flush();
        MoldPacket.writeHeader(frame, UdpFrames.HEADERS_LENGTH, session, nextSequence, MoldPacket.END_OF_SESSION);
        int length = UdpFrames.writeHeaders(frame, SOURCE_MAC, sourceIp, port, group, port, identification++ & 0xFFFF,
                MoldPacket.HEADER_LENGTH);
        pcap.writeFrame(frame, 0, length, dayEpochNanos + Math.max(lastTimestamp, 0));
        packets++;
        pcap.close();
    }
}
