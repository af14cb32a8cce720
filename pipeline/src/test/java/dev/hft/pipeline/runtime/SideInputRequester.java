package dev.hft.pipeline.runtime;

import com.lmax.disruptor.EventPoller;

import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.placeholder.SyntheticEvent;

/**
 * Test stage ({@code class:}): sends one request per input event and reads the replies from its side input on
 * its own thread, like a strategy reading venue responses. With {@code wait_for_replies: true} it only stops
 * once every request has its reply (bounded by 10 s).
 */
public final class SideInputRequester implements EventStage<SyntheticEvent> {

    private final String role;
    private final Ring<SyntheticEvent> requests;
    private final EventPoller<SyntheticEvent> replies;
    private final boolean waitForReplies;
    private long sent;
    private long received;
    private long outOfOrder;
    private long deadline;

    public SideInputRequester(StageContext context) {
        this.role = context.role();
        this.requests = context.output(context.outputs().get(0), SyntheticEvent.class).get(0);
        this.replies = context.sideInput(context.sideInputs().get(0), SyntheticEvent.class);
        this.waitForReplies = context.params().bool("wait_for_replies", true);
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public void onEvent(SyntheticEvent event, long sequence, boolean endOfBatch) throws Exception {
        long slot = requests.next();
        SyntheticEvent e = requests.get(slot);
        e.producer = role;
        e.sequence = ++sent;
        e.value = event.value;
        e.control = 0;
        requests.publish(slot);
        poll();
    }

    @Override
    public int onIdle() {
        try {
            return poll();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int poll() throws Exception {
        long before = received;
        replies.poll((reply, sequence, end) -> {
            received++;
            if (reply.sequence != received) {
                outOfOrder++;
            }
            return true;
        });
        return (int) (received - before);
    }

    @Override
    public boolean readyToStop() {
        if (!waitForReplies) {
            return true;
        }
        if (deadline == 0) {
            deadline = System.nanoTime() + 10_000_000_000L;
        }
        return received == sent || System.nanoTime() - deadline > 0;
    }

    public long sent() {
        return sent;
    }

    public long received() {
        return received;
    }

    public long outOfOrder() {
        return outOfOrder;
    }
}
