package dev.hft.venue.gen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Writes messages as NASDAQ BinaryFILE: a 2-byte big-endian length, then the message. */
public final class BinaryFileWriter implements MessageOutput {

    private final OutputStream out;
    private final byte[] record = new byte[2 + 65535];
    private final MemorySegment recordSegment = MemorySegment.ofArray(record);

    public BinaryFileWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    @Override
    public void message(MemorySegment message, int length, long timestampNanos) throws IOException {
        record[0] = (byte) (length >>> 8);
        record[1] = (byte) length;
        MemorySegment.copy(message, ValueLayout.JAVA_BYTE, 0, recordSegment, ValueLayout.JAVA_BYTE, 2, length);
        out.write(record, 0, 2 + length);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
