package dev.hft.wire.pcap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Writes a classic libpcap file (little-endian, nanosecond timestamps, Ethernet) to a stream. Used by the
 * feed generator and by capture taps; buffered by the caller's stream.
 */
public final class PcapWriter implements AutoCloseable {

    private static final ValueLayout.OfInt LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int SNAPLEN = 65535;

    private final OutputStream out;
    private final byte[] header = new byte[PcapReader.GLOBAL_HEADER_LENGTH];
    private final MemorySegment headerSegment = MemorySegment.ofArray(header);
    private final byte[] frame = new byte[SNAPLEN];
    private final MemorySegment frameSegment = MemorySegment.ofArray(frame);

    public PcapWriter(OutputStream out) {
        this.out = out;
        headerSegment.set(LE, 0, PcapReader.MAGIC_NANOS);
        headerSegment.set(LE16, 4, (short) 2);
        headerSegment.set(LE16, 6, (short) 4);
        headerSegment.set(LE, 16, SNAPLEN);
        headerSegment.set(LE, PcapReader.NETWORK_OFFSET, PcapReader.LINKTYPE_ETHERNET);
        write(header, PcapReader.GLOBAL_HEADER_LENGTH);
    }

    /** Appends one frame captured at {@code epochNanos}. */
    public void writeFrame(MemorySegment source, long offset, int length, long epochNanos) {
        if (length > SNAPLEN) {
            throw new IllegalArgumentException("frame of " + length + " bytes exceeds the snap length " + SNAPLEN);
        }
        headerSegment.set(LE, PcapReader.TS_SEC_OFFSET, (int) (epochNanos / 1_000_000_000L));
        headerSegment.set(LE, PcapReader.TS_FRAC_OFFSET, (int) (epochNanos % 1_000_000_000L));
        headerSegment.set(LE, PcapReader.INCL_LEN_OFFSET, length);
        headerSegment.set(LE, PcapReader.INCL_LEN_OFFSET + 4, length);
        write(header, PcapReader.RECORD_HEADER_LENGTH);
        MemorySegment.copy(source, offset, frameSegment, 0, length);
        write(frame, length);
    }

    private void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
