package dev.hft.wire.mold;

import java.lang.foreign.MemorySegment;

import dev.hft.wire.net.BigEndian;

/** Packs messages into one MoldUDP64 downstream packet in a caller-owned buffer, up to a payload limit. */
public final class MoldPacketWriter {

    private final MemorySegment buffer;
    private final int maxPacketLength;
    private MemorySegment session;
    private long sequence;
    private int count;
    private int length;

    public MoldPacketWriter(MemorySegment buffer, int maxPacketLength) {
        if (maxPacketLength > buffer.byteSize() || maxPacketLength < MoldPacket.HEADER_LENGTH) {
            throw new IllegalArgumentException("maxPacketLength " + maxPacketLength + " does not fit the buffer");
        }
        this.buffer = buffer;
        this.maxPacketLength = maxPacketLength;
    }

    public MoldPacketWriter begin(MemorySegment session, long sequence) {
        this.session = session;
        this.sequence = sequence;
        this.count = 0;
        this.length = MoldPacket.HEADER_LENGTH;
        return this;
    }

    /** Appends one message; false (and nothing written) when it would pass the packet limit or the count limit. */
    public boolean add(MemorySegment source, long offset, int messageLength) {
        if (count == MoldPacket.MAX_MESSAGE_COUNT
                || length + MoldPacket.MESSAGE_LENGTH_LENGTH + messageLength > maxPacketLength) {
            return false;
        }
        BigEndian.putU16(buffer, length, messageLength);
        MemorySegment.copy(source, offset, buffer, length + MoldPacket.MESSAGE_LENGTH_LENGTH, messageLength);
        length += MoldPacket.MESSAGE_LENGTH_LENGTH + messageLength;
        count++;
        return true;
    }

    /** Writes the header; returns the packet length. A packet with no message is a heartbeat. */
    public int finish() {
        MoldPacket.writeHeader(buffer, 0, session, sequence, count);
        return length;
    }

    public int count() {
        return count;
    }

    public long nextSequence() {
        return sequence + count;
    }

    public MemorySegment buffer() {
        return buffer;
    }
}
