package dev.hft.pipeline.runtime;

import java.util.List;

import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

import dev.hft.pipeline.BatchEventStage;
import dev.hft.pipeline.ErrorPolicy;
import dev.hft.pipeline.EventStage;

/**
 * Feeds an {@link EventStage} from its input ring without blocking, at most {@link #MAX_BATCH} events per step and
 * never more than its output rings have room for. {@code endOfBatch} is true on the last event of what one step hands
 * over. A {@link BatchEventStage} gets the run of available slots in one call and says how far it got; its
 * {@link BatchEventStage#flush()} runs before any more input.
 */
final class EventRunner<E> extends StageRunner implements EventPoller.Handler<E> {

    private final EventStage<E> eventStage;
    private final BatchEventStage<E> batchStage;
    final RingReplica<E> input;
    private final RingBuffer<E> buffer;
    private final boolean singleProducerInput;
    private final EventPoller<E> poller;
    private final Sequence sequence;
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
        this.batchStage = eventStage instanceof BatchEventStage<E> b ? b : null;
        this.input = input;
        this.buffer = input.buffer;
        this.singleProducerInput = input.producers == 1;
        this.poller = buffer.newPoller();
        this.sequence = poller.getSequence();
        buffer.addGatingSequences(sequence);
        this.consumed = counters.newCounter("ring." + input.name + ".consumed_by." + role);
        this.outputsPerEvent = Math.max(1, eventStage.outputsPerEvent());
        input.consumers.add(this);
    }

    Sequence sequence() {
        return sequence;
    }

    @Override
    void start() {
        eventStage.onStart();
    }

    @Override
    int step() {
        // a batch stage claims its outputs itself (tryNext) and stops when they do not fit
        limit = (int) (halted || batchStage != null ? MAX_BATCH : Math.min(MAX_BATCH, minimumOutputRoom() / outputsPerEvent));
        count = 0;
        boolean blocked = false;
        if (limit > 0) {
            try {
                if (batchStage == null) {
                    poller.poll(this);
                } else {
                    blocked = !pollBatch();
                }
            } catch (Exception e) {
                onError(e, "poll");
            }
        }
        int work = count;
        if (count > 0) {
            eventsIn.getAndAddRelease(count);
            batches.incrementRelease();
            consumed.setRelease(sequence.get() + 1);
            if (input.consumers.get(0) == this) {
                input.published.setRelease(input.publishedCount());
            }
        } else if (!halted && !blocked) {
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

    /** One batch into a {@link BatchEventStage}; false while it still holds outputs it could not publish. */
    private boolean pollBatch() throws Exception {
        if (!halted && !batchStage.flush()) {
            return false;
        }
        long next = sequence.get() + 1;
        long last = Math.min(highestPublished(next), next + limit - 1);
        if (last < next) {
            return true;
        }
        long done;
        if (halted) {
            done = last;
            discarded.getAndAddRelease(last - next + 1);
        } else {
            try {
                done = batchStage.onEvents(buffer, next, last);
            } catch (Exception e) {
                // the run is consumed: under on_error: skip the stage goes on after the events it failed on
                done = last;
                onError(e, "onEvents at sequences " + next + ".." + last);
            }
        }
        count = (int) (done - next + 1);
        sequence.set(done);
        return true;
    }

    private long highestPublished(long next) {
        long cursor = buffer.getCursor();
        if (singleProducerInput) {
            return cursor;
        }
        for (long s = next; s <= cursor; s++) {
            if (!buffer.isAvailable(s)) {
                return s - 1;
            }
        }
        return cursor;
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
        if (input.liveProducers.get() != 0 || sequence.get() < buffer.getCursor()) {
            return false;
        }
        if (halted || control.haltReason() != null) {
            return true;
        }
        if (batchStage != null && !batchStage.flush()) {
            return false;
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
