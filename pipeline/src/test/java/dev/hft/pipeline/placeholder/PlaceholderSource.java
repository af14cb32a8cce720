package dev.hft.pipeline.placeholder;

import java.util.List;
import java.util.function.BiConsumer;

import dev.hft.pipeline.Params;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.RingGroup;
import dev.hft.pipeline.Stage;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;

/**
 * Kind {@code placeholder-source}: emits {@code events} synthetic events (default 1,000,000), at most
 * {@code batch} per step (default 64), to every output ring, choosing the replica by sequence modulo the
 * ring's shard count. A stand-in for a real source until one is installed, and a test driver.
 */
public final class PlaceholderSource implements Stage {

    private final String role;
    private final long events;
    private final int batch;
    private final List<RingGroup<SyntheticEvent>> outputs;
    private long emitted;

    public PlaceholderSource(StageContext context) {
        this.role = context.role();
        this.events = context.params().longValue("events", 1_000_000);
        this.batch = context.params().intValue("batch", 64);
        this.outputs = context.outputs().stream().map(name -> context.output(name, SyntheticEvent.class)).toList();
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public int doWork() {
        int n = (int) Math.min(batch, events - emitted);
        for (int i = 0; i < n; i++) {
            long sequence = ++emitted;
            for (RingGroup<SyntheticEvent> group : outputs) {
                Ring<SyntheticEvent> ring = group.get((int) (sequence % group.size()));
                long slot = ring.next();
                SyntheticEvent e = ring.get(slot);
                e.producer = role;
                e.sequence = sequence;
                e.value = SyntheticEvent.valueOf(sequence);
                e.control = 0;
                ring.publish(slot);
            }
        }
        return n;
    }

    @Override
    public boolean isExhausted() {
        return emitted >= events;
    }

    public long emitted() {
        return emitted;
    }

    public static final class Factory implements StageFactory {
        @Override
        public String kind() {
            return "placeholder-source";
        }

        @Override
        public String inputEvent() {
            return null;
        }

        @Override
        public void validate(Params params, BiConsumer<String, String> problems) {
            if (params.longValue("events", 1) < 0) {
                problems.accept("events", "must be 0 or more");
            }
            int batch = params.intValue("batch", 64);
            if (batch < 1 || batch > 256) {
                problems.accept("batch", "must be between 1 and 256 (the runtime guarantees room for 256), found " + batch);
            }
        }

        @Override
        public Object create(StageContext context) {
            return new PlaceholderSource(context);
        }
    }
}
