package dev.hft.ingress.net;

import java.util.function.Function;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * Drop counts per {@link DropReason}, owned by one stage, and what the stage lost: the drops that are losses plus the
 * sequence numbers its Mold receivers gave up on. Plain longs for the owner; when published, each count is mirrored
 * into an {@link AtomicCounter} that summaries and health checks read from another thread, the losses into one
 * counter named {@value #LOSS}.
 */
public final class DropCounters {

    /** Name of the published loss total: what a run reports and exits non-zero for, and what health checks alarm on. */
    public static final String LOSS = "loss";

    private final long[] counts = new long[DropReason.values().length];
    private final AtomicCounter[] published = new AtomicCounter[counts.length];
    private long lostSequences;
    private long loss;
    private AtomicCounter lossCounter;

    /** Mirrors every reason and the loss total into counters made by {@code factory} (while building). */
    public DropCounters publishTo(Function<String, AtomicCounter> factory) {
        for (DropReason reason : DropReason.values()) {
            published[reason.ordinal()] = factory.apply(reason.counterName());
        }
        lossCounter = factory.apply(LOSS);
        return this;
    }

    /** {@code n} sequence numbers a Mold receiver skipped for good (a gap never filled). */
    public void lostSequences(long n) {
        lostSequences += n;
        addLoss(n);
    }

    private void addLoss(long n) {
        loss += n;
        if (lossCounter != null) {
            lossCounter.setRelease(loss);
        }
    }

    /** Everything lost: drops that are losses, and sequence numbers given up on. */
    public long loss() {
        return loss;
    }

    public void add(DropReason reason) {
        add(reason, 1);
    }

    public void add(DropReason reason, long n) {
        int i = reason.ordinal();
        counts[i] += n;
        AtomicCounter counter = published[i];
        if (counter != null) {
            counter.getAndAddRelease(n);
        }
        if (reason.loss()) {
            addLoss(n);
        }
    }

    public long get(DropReason reason) {
        return counts[reason.ordinal()];
    }

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** Frames dropped before they reached the MoldUDP64 receiver: frames read = frames decoded + these. */
    public long frameDrops() {
        long sum = 0;
        for (DropReason reason : DropReason.values()) {
            if (reason.level() == DropReason.Level.FRAME) {
                sum += counts[reason.ordinal()];
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("drops{");
        for (DropReason reason : DropReason.values()) {
            if (counts[reason.ordinal()] != 0) {
                sb.append(' ').append(reason.counterName()).append('=').append(counts[reason.ordinal()]);
            }
        }
        return sb.append(" }").toString();
    }
}
