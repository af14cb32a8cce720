package dev.hft.wire.mold;

import java.lang.foreign.MemorySegment;

import dev.hft.wire.net.BigEndian;

/**
 * MoldUDP64 downstream packet (also the 20-byte request, same shape).
 * <pre>
 *  0         10         18              20
 *  | session | sequence | message count | (length u16, data)*
 * </pre>
 */
public final class MoldPacket {

    public static final int SESSION_OFFSET = 0;
    public static final int SESSION_LENGTH = 10;
    public static final int SEQUENCE_OFFSET = 10;
    public static final int MESSAGE_COUNT_OFFSET = 18;
    public static final int HEADER_LENGTH = 20;
    public static final int MESSAGE_LENGTH_LENGTH = 2;
    public static final int HEARTBEAT = 0;
    public static final int END_OF_SESSION = 0xFFFF;
    public static final int MAX_MESSAGE_COUNT = 0xFFFE;

    private MemorySegment segment;
    private long offset;

    public MoldPacket wrap(MemorySegment segment, long offset) {
        this.segment = segment;
        this.offset = offset;
        return this;
    }

    public long sequenceNumber() {
        return BigEndian.i64(segment, offset + SEQUENCE_OFFSET);
    }

    public int messageCount() {
        return BigEndian.u16(segment, offset + MESSAGE_COUNT_OFFSET);
    }

    /**
     * True when the 10 session bytes equal {@code session}[0, 10). Two word reads, not {@code MemorySegment.mismatch}:
     * on every packet of the feed, mismatch's set-up for a native packet against a heap session was a third of the
     * ingress stage's frame handling in the {@code bench t2t} profile.
     */
    public boolean sessionEquals(MemorySegment session) {
        return BigEndian.i64(segment, offset + SESSION_OFFSET) == BigEndian.i64(session, 0)
                && BigEndian.u16(segment, offset + SESSION_OFFSET + 8) == BigEndian.u16(session, 8);
    }

    public void copySession(MemorySegment destination) {
        MemorySegment.copy(segment, offset, destination, 0, SESSION_LENGTH);
    }

    /** Writes a header (downstream or request); {@code session} holds at least 10 bytes. */
    public static void writeHeader(MemorySegment segment, long offset, MemorySegment session, long sequence, int count) {
        MemorySegment.copy(session, 0, segment, offset + SESSION_OFFSET, SESSION_LENGTH);
        BigEndian.putI64(segment, offset + SEQUENCE_OFFSET, sequence);
        BigEndian.putU16(segment, offset + MESSAGE_COUNT_OFFSET, count);
    }

    /** A session name as the 10 bytes on the wire: ASCII, left-justified, space-padded. */
    public static MemorySegment session(String name) {
        byte[] bytes = new byte[SESSION_LENGTH];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] ascii = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, bytes, 0, Math.min(ascii.length, SESSION_LENGTH));
        return MemorySegment.ofArray(bytes);
    }
}
