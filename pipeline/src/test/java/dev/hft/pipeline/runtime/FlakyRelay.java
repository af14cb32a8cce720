package dev.hft.pipeline.runtime;

import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.placeholder.SyntheticEvent;

/** Test stage ({@code class:}): relays synthetic events but throws on every event whose sequence is a multiple of {@code fail_every}. */
public final class FlakyRelay implements EventStage<SyntheticEvent> {

    private final String role;
    private final long failEvery;
    private final Ring<SyntheticEvent> out;
    private long relayed;

    public FlakyRelay(StageContext context) {
        this.role = context.role();
        this.failEvery = context.params().longValue("fail_every", 10);
        this.out = context.output(context.outputs().get(0), SyntheticEvent.class).get(0);
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public void onEvent(SyntheticEvent event, long sequence, boolean endOfBatch) {
        if (event.sequence % failEvery == 0) {
            throw new IllegalStateException("synthetic failure on event " + event.sequence);
        }
        long slot = out.next();
        SyntheticEvent e = out.get(slot);
        e.producer = role;
        e.sequence = ++relayed;
        e.value = event.value;
        e.control = 0;
        out.publish(slot);
    }
}
