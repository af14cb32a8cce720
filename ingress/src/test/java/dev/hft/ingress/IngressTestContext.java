package dev.hft.ingress;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import dev.hft.ingress.route.RecordingRings;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.RingGroup;
import dev.hft.pipeline.StageContext;

/** A stage context for ingress tests: two recording book rings, real agrona counters by name, params as given. */
public final class IngressTestContext implements StageContext {

    public final RecordingRings rings = new RecordingRings(2, 1 << 16);
    public final Map<String, AtomicCounter> byName = new HashMap<>();
    private final CountersManager counters = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(1024 * CountersReader.METADATA_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(1024 * CountersReader.COUNTER_LENGTH)), StandardCharsets.US_ASCII);
    private final Params params;
    private final int instance;
    private final int instances;

    public IngressTestContext(Map<String, Object> params) {
        this(params, 0, 1);
    }

    public IngressTestContext(Map<String, Object> params, int instance, int instances) {
        this.params = new Params("params", params);
        this.instance = instance;
        this.instances = instances;
    }

    @Override
    public String name() {
        return "ingress";
    }

    @Override
    public int instance() {
        return instance;
    }

    @Override
    public int instances() {
        return instances;
    }

    @Override
    public String role() {
        return instances == 1 ? "ingress" : "ingress-" + instance;
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> RingGroup<E> output(String ringName, Class<E> eventClass) {
        return (RingGroup<E>) rings;
    }

    @Override
    public List<String> outputs() {
        return List.of("market");
    }

    /** The counter's value, 0 when the stage never made it. */
    public long value(String name) {
        AtomicCounter c = byName.get(name);
        return c == null ? 0 : c.get();
    }

    @Override
    public AtomicCounter counter(String name) {
        return byName.computeIfAbsent(name, n -> counters.newCounter(role() + "." + n));
    }

    @Override
    public void requestHalt(String reason) {
        throw new AssertionError("halt: " + reason);
    }
}
