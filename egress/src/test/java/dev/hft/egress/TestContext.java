package dev.hft.egress;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import com.lmax.disruptor.RingBuffer;

import dev.hft.events.OrderResponse;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.RingGroup;
import dev.hft.pipeline.StageContext;

/** A StageContext for stepping one egress stage on the test thread: one response ring, real agrona counters. */
final class TestContext implements StageContext {

    final Ring<OrderResponse> responses = new Ring<>("responses",
            RingBuffer.createSingleProducer(OrderResponse.TYPE.factory(64), 64));
    final Map<String, AtomicCounter> counters = new HashMap<>();
    /** A consumer position the test moves by hand, once {@link #gate()} has made the ring respect it. */
    final com.lmax.disruptor.Sequence consumed = new com.lmax.disruptor.Sequence(-1);
    private final CountersManager manager = new CountersManager(new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(64 * 1024)),
            new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(16 * 1024)));
    private final Params params;
    private final boolean withOutput;

    TestContext(Params params, boolean withOutput) {
        this.params = params;
        this.withOutput = withOutput;
    }

    void gate() {
        responses.buffer().addGatingSequences(consumed);
    }

    long value(String counter) {
        return counters.get(counter).get();
    }

    /** Responses published so far, oldest first. */
    List<OrderResponse> published() {
        long cursor = responses.buffer().getCursor();
        return java.util.stream.LongStream.rangeClosed(0, cursor).mapToObj(responses::get).toList();
    }

    @Override public String name() { return "egress"; }
    @Override public int instance() { return 0; }
    @Override public int instances() { return 1; }
    @Override public String role() { return "egress"; }
    @Override public Params params() { return params; }
    @Override public List<String> outputs() { return withOutput ? List.of("responses") : List.of(); }
    @Override public void requestHalt(String reason) { throw new AssertionError("halt requested: " + reason); }

    @Override
    public AtomicCounter counter(String name) {
        return counters.computeIfAbsent(name, n -> manager.newCounter("egress." + n));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> RingGroup<E> output(String ringName, Class<E> eventClass) {
        if (!"responses".equals(ringName) || eventClass != OrderResponse.class) {
            throw new AssertionError("unexpected output " + ringName);
        }
        return (RingGroup<E>) new RingGroup<OrderResponse>() {
            @Override public int size() { return 1; }
            @Override public Ring<OrderResponse> get(int index) { return responses; }
            @Override public String name() { return "responses"; }
        };
    }
}
