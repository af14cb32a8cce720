package dev.hft.pipeline.placeholder;

import org.agrona.collections.Object2LongHashMap;
import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.pipeline.Control;
import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;

/**
 * Kind {@code counting-sink}: counts synthetic events, checks that each producer's events arrive in order
 * with none missing (sequence = previous + 1), and keeps a checksum that depends on each producer's order
 * but not on how producers interleave, so two runs of one topology on different thread layouts compare.
 */
public final class CountingSink implements EventStage<SyntheticEvent> {

    private final String role;
    private final AtomicCounter received;
    private final AtomicCounter orderViolations;
    private final Object2LongHashMap<String> lastSequence = new Object2LongHashMap<>(0);
    private final Object2LongHashMap<String> streamHash = new Object2LongHashMap<>(0);
    private long controls;

    public CountingSink(StageContext context) {
        this.role = context.role();
        this.received = context.counter("received");
        this.orderViolations = context.counter("order-violations");
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public void onEvent(SyntheticEvent event, long sequence, boolean endOfBatch) {
        if (event.control != Control.NONE) {
            controls++;
            return;
        }
        received.incrementRelease();
        if (event.sequence != lastSequence.getValue(event.producer) + 1) {
            orderViolations.incrementRelease();
        }
        lastSequence.put(event.producer, event.sequence);
        streamHash.put(event.producer, streamHash.getValue(event.producer) * 31 + event.value);
    }

    public long received() {
        return received.get();
    }

    public long orderViolations() {
        return orderViolations.get();
    }

    public long controls() {
        return controls;
    }

    /** Events seen from one producer role. */
    public long receivedFrom(String producer) {
        return lastSequence.getValue(producer);
    }

    /** Sum over producers of each producer's order-dependent stream hash. */
    public long checksum() {
        long sum = 0;
        for (var it = streamHash.values().iterator(); it.hasNext(); ) {
            sum += it.nextLong();
        }
        return sum;
    }

    public static final class Factory implements StageFactory {
        @Override
        public String kind() {
            return "counting-sink";
        }

        @Override
        public String inputEvent() {
            return "synthetic";
        }

        @Override
        public Object create(StageContext context) {
            return new CountingSink(context);
        }
    }
}
