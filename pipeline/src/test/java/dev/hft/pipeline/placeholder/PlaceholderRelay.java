package dev.hft.pipeline.placeholder;

import java.util.List;

import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.RingGroup;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;

/**
 * Kind {@code placeholder-relay}: republishes each synthetic event as its own (producer = this role, its
 * own sequence, the same value) to every output ring, choosing the replica by value. Stands in for a middle
 * stage (book, strategy) of a layout whose real kinds are not installed.
 */
public final class PlaceholderRelay implements EventStage<SyntheticEvent> {

    private final String role;
    private final List<RingGroup<SyntheticEvent>> outputs;
    private long relayed;

    public PlaceholderRelay(StageContext context) {
        this.role = context.role();
        this.outputs = context.outputs().stream().map(name -> context.output(name, SyntheticEvent.class)).toList();
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public void onEvent(SyntheticEvent event, long sequence, boolean endOfBatch) {
        long mine = ++relayed;
        for (RingGroup<SyntheticEvent> group : outputs) {
            Ring<SyntheticEvent> ring = group.get((int) Long.remainderUnsigned(event.value, group.size()));
            long slot = ring.next();
            SyntheticEvent out = ring.get(slot);
            out.producer = role;
            out.sequence = mine;
            out.value = event.value;
            out.control = event.control;
            ring.publish(slot);
        }
    }

    public long relayed() {
        return relayed;
    }

    public static final class Factory implements StageFactory {
        @Override
        public String kind() {
            return "placeholder-relay";
        }

        @Override
        public String inputEvent() {
            return "synthetic";
        }

        @Override
        public Object create(StageContext context) {
            return new PlaceholderRelay(context);
        }
    }
}
