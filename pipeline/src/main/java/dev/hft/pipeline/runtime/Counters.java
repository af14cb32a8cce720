package dev.hft.pipeline.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * Every counter of one pipeline in an agrona {@link CountersManager}: labelled 64-bit values readable from
 * any thread while the pipeline runs. The two buffers are plain direct memory here; the same layout over a
 * memory-mapped file (metadata then values) lets another process read them.
 */
public final class Counters {

    private final CountersManager manager;

    public Counters(int capacity) {
        ByteBuffer values = ByteBuffer.allocateDirect(capacity * CountersReader.COUNTER_LENGTH);
        ByteBuffer metadata = ByteBuffer.allocateDirect(capacity * CountersReader.METADATA_LENGTH);
        manager = new CountersManager(new UnsafeBuffer(metadata), new UnsafeBuffer(values), StandardCharsets.US_ASCII);
    }

    /** Allocates a counter; call while building, never on the hot path. */
    public AtomicCounter newCounter(String label) {
        return manager.newCounter(label);
    }

    public CountersReader reader() {
        return manager;
    }

    /** The value of the counter with this exact label, or -1 when there is none (for reports and tests). */
    public long value(String label) {
        long[] found = {-1};
        manager.forEach((long value, int id, String l) -> {
            if (l.equals(label)) {
                found[0] = value;
            }
        });
        return found[0];
    }
}
