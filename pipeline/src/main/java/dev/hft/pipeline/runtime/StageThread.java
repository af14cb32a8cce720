package dev.hft.pipeline.runtime;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;

import dev.hft.pipeline.metrics.LatencyHistogram;
import dev.hft.pipeline.topology.WaitStrategy;

/**
 * One pipeline thread: pins itself, starts its stages (downstream first), waits until every thread has
 * started its stages, then steps its stages round-robin, applying its wait strategy after a round with no
 * work, until every stage is done (sources stopped, rings drained).
 */
final class StageThread implements Runnable {

    final String name;
    final Integer core;
    final WaitStrategy wait;
    final List<StageRunner> runners;
    /** {@link #runners} as an array: the loop's for-each over a List allocates an iterator per round when not inlined. */
    private final StageRunner[] stepped;
    private final PipelineControl control;
    private final CountDownLatch started;
    private final SequenceBarrier barrier;
    private volatile String placement = "not started";
    /** Per runner, the duration of each step that did work ({@link Pipeline#timeSteps()}); null: not timed. */
    private LatencyHistogram[] stepTimes;

    StageThread(String name, Integer core, WaitStrategy wait, List<StageRunner> runners, PipelineControl control,
            CountDownLatch started) {
        this.name = name;
        this.core = core;
        this.wait = wait;
        this.runners = runners;
        this.stepped = runners.toArray(StageRunner[]::new);
        this.control = control;
        this.started = started;
        this.barrier = wait == WaitStrategy.BLOCKING && runners.get(0) instanceof EventRunner<?> r
                ? r.input.buffer.newBarrier() : null;
        runners.forEach(r -> {
            r.thread = name;
            r.core = core;
        });
    }

    String placement() {
        return placement;
    }

    /** Before the thread starts: times each runner's steps that do work into {@code times[runner]}. */
    void timeSteps(LatencyHistogram[] times) {
        stepTimes = times;
    }

    @Override
    public void run() {
        placement = core == null ? "unpinned" : Pinning.pinCurrentThread(core).describe();
        for (int i = runners.size() - 1; i >= 0; i--) {
            StageRunner r = runners.get(i);
            try {
                r.start();
            } catch (Exception | LinkageError e) {
                r.onError(e, "onStart");
                r.halted = true;
                control.halt("stage " + r.role + " failed to start: " + e);
            }
        }
        started.countDown();
        try {
            started.await();
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.halt("thread " + name + " was interrupted");
        } catch (Throwable e) {
            control.halt("thread " + name + " died: " + e);
            throw e;
        }
    }

    private void loop() throws InterruptedException {
        IdleStrategy idle = switch (wait) {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case YIELD -> new YieldingIdleStrategy();
            case BACKOFF, BLOCKING -> new BackoffIdleStrategy();
        };
        LatencyHistogram[] times = stepTimes;
        while (true) {
            int work = 0;
            boolean allFinished = true;
            for (int i = 0; i < stepped.length; i++) {
                StageRunner r = stepped[i];
                if (r.finished) {
                    continue;
                }
                if (times == null) {
                    work += r.step();
                } else {
                    long began = System.nanoTime();
                    int done = r.step();
                    if (done > 0) {
                        times[i].record(System.nanoTime() - began);
                    }
                    work += done;
                }
                if (r.done()) {
                    r.finish();
                } else {
                    allFinished = false;
                }
            }
            if (allFinished) {
                return;
            }
            if (work > 0) {
                idle.reset();
            } else if (barrier != null) {
                awaitInput();
            } else {
                idle.idle();
            }
        }
    }

    /** Sleeps on the input ring's barrier until a producer publishes or the wait strategy's timeout passes. */
    private void awaitInput() throws InterruptedException {
        EventRunner<?> r = (EventRunner<?>) runners.get(0);
        try {
            barrier.waitFor(r.sequence().get() + 1);
        } catch (TimeoutException | AlertException e) {
            // the timeout is what lets a blocked thread notice a stop and run onIdle; nothing to handle
        }
    }
}
