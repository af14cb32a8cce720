package dev.hft.pipeline.placeholder;

import com.lmax.disruptor.EventFactory;

import dev.hft.pipeline.Control;
import dev.hft.pipeline.EventType;

/**
 * The event of the placeholder kinds ({@code event: synthetic}): who published it, its 1-based position in
 * that producer's stream, and a value derived from the position, so a consumer can check order and content.
 */
public final class SyntheticEvent {

    /** Role of the stage instance that published the event (a shared String, never allocated per event). */
    public String producer;
    public long sequence;
    public long value;
    /** {@link Control#NONE} for data, else a control code. */
    public int control;

    /** The value a placeholder source gives its {@code sequence}-th event. */
    public static long valueOf(long sequence) {
        return sequence * 0x9E3779B97F4A7C15L;
    }

    public static final class Type implements EventType<SyntheticEvent> {
        @Override
        public String name() {
            return "synthetic";
        }

        @Override
        public Class<SyntheticEvent> eventClass() {
            return SyntheticEvent.class;
        }

        @Override
        public EventFactory<SyntheticEvent> factory(int ringSize) {
            return SyntheticEvent::new;
        }
    }
}
