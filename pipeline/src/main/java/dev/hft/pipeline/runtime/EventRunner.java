package dev.hft.pipeline.runtime;

import java.util.List;

import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.Sequence;

import dev.hft.pipeline.ErrorPolicy;
import dev.hft.pipeline.EventStage;

/**
 * Feeds an {@link EventStage} from its input ring with a non-blocking {@link EventPoller}, at most
 * {@link #MAX_BATCH} events per step and never more than its output rings have room for. {@code endOfBatch}
 * is true on the last event of what one step hands over.
 */
final class EventRunner<E> extends StageRunner implements EventPoller.Handler<E> {

    private final EventStage<E> eventStage;
    final RingReplica<E> input;
    private final EventPoller<E> poller;
    private final AtomicCounter consumed;
    private final int outputsPerEvent;
    private final List<RingReplica<?>> sideInputs;
    private int limit;
    private int count;

    EventRunner(String role, EventStage<E> eventStage, ErrorPolicy policy, RingReplica<E> input,
            List<RingReplica<?>> outputs, List<RingReplica<?>> sideInputs, PipelineControl control, Counters counters,
            AtomicCounter eventsOut) {
        super(role, eventStage, policy, outputs, control, counters, eventsOut);
        this.sideInputs = sideInputs;
        this.eventStage = eventStage;
        this.input = input;
        this.poller = input.buffer.newPoller();
        input.buffer.addGatingSequences(poller.getSequence());
        this.consumed = counters.newCounter("ring." + input.name + ".consumed-by." + role);
        this.outputsPerEvent = Math.max(1, eventStage.outputsPerEvent());
        input.consumers.add(this);
    }

    Sequence sequence() {
        return poller.getSequence();
    }

    @Override
    void start() {
        eventStage.onStart();
    }

    @Override
    int step() {
        limit = (int) Math.min(MAX_BATCH, halted ? MAX_BATCH : minimumOutputRoom() / outputsPerEvent);
        count = 0;
        if (limit > 0) {
            try {
                poller.poll(this);
            } catch (Exception e) {
                onError(e, "poll");
            }
        }
        int work = count;
        if (count > 0) {
            eventsIn.getAndAddRelease(count);
            batches.incrementRelease();
            consumed.setRelease(poller.getSequence().get() + 1);
            if (input.consumers.get(0) == this) {
                input.published.setRelease(input.publishedCount());
            }
        } else if (!halted) {
            try {
                work = eventStage.onIdle();
            } catch (Exception e) {
                onError(e, "onIdle");
            }
        }
        if (work == 0) {
            idleCycles.incrementRelease();
        }
        return work;
    }

    @Override
    public boolean onEvent(E event, long sequence, boolean endOfBatch) {
        count++;
        if (halted) {
            discarded.incrementRelease();
        } else {
            try {
                eventStage.onEvent(event, sequence, endOfBatch || count == limit);
            } catch (Exception e) {
                onError(e, "onEvent at sequence " + sequence);
            }
        }
        return count < limit;
    }

    /**
     * Drained: every producer has stopped (and so published its last event), this stage has consumed up to the
     * cursor, its side inputs hold nothing unread, and the stage itself is ready ({@link EventStage#readyToStop()}).
     * Side-input producers may still be running (they are often downstream, as egress is of a strategy).
     */
    @Override
    boolean done() {
        if (input.liveProducers.get() != 0 || poller.getSequence().get() < input.buffer.getCursor()) {
            return false;
        }
        if (halted || control.haltReason() != null) {
            return true;
        }
        for (RingReplica<?> side : sideInputs) {
            if (side.sideReaders.get(role).sequence.get() < side.buffer.getCursor()) {
                return false;
            }
        }
        try {
            return eventStage.readyToStop();
        } catch (Exception e) {
            onError(e, "readyToStop");
            return true;
        }
    }

    /** After onStop: this stage's side-input sequences stop gating their rings, so producers never wait on it. */
    @Override
    void stop() {
        try {
            eventStage.onStop();
        } finally {
            for (RingReplica<?> side : sideInputs) {
                RingReplica.SideReader reader = side.sideReaders.get(role);
                reader.cursorAtStop = side.buffer.getCursor();
                side.buffer.removeGatingSequence(reader.sequence);
            }
        }
    }
}
