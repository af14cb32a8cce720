package dev.hft.pipeline.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.LiteTimeoutBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;

import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.EventType;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.Ring;
import dev.hft.pipeline.RingGroup;
import dev.hft.pipeline.Stage;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;
import dev.hft.pipeline.TopologyException;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.Topology.Instance;
import dev.hft.pipeline.topology.Topology.RingSpec;
import dev.hft.pipeline.topology.Topology.StageSpec;
import dev.hft.pipeline.topology.Topology.ThreadPlan;

/**
 * Turns a validated {@link Topology} into a {@link Pipeline}: rings (one replica per consumer shard, single-
 * or multi-producer by how many instances publish), stage instances built by their kind's factory or their
 * class, runners with counters, and threads as the topology places them. Nothing runs until
 * {@link Pipeline#start()}.
 */
public final class PipelineBuilder {

    /** How long a thread with wait {@code blocking} sleeps on its ring before it looks at stop flags and onIdle. */
    static final long BLOCKING_TIMEOUT_MICROS = 1_000;
    /** Counters a pipeline can allocate: 7 per stage instance and 1-2 per ring replica, plus each stage's own. */
    public static final int COUNTER_CAPACITY = 4096;

    private final Topology topology;
    private final Catalog catalog;
    private final Map<String, String> overrides;
    private final Counters counters;
    private final PipelineControl control = new PipelineControl();
    private final Map<String, List<RingReplica<?>>> rings = new LinkedHashMap<>();
    private final Map<String, StageRunner> runners = new LinkedHashMap<>();
    private final Map<String, String> kinds = new HashMap<>();

    private PipelineBuilder(Topology topology, Catalog catalog, Map<String, String> overrides, Counters counters) {
        this.topology = topology;
        this.catalog = catalog;
        this.overrides = overrides;
        this.counters = counters;
    }

    public static Pipeline build(Topology topology) {
        return build(topology, Map.of());
    }

    /**
     * @param overrides {@code stage.param -> value}, replacing or adding stage params (a replay's input path,
     *                  a test's event count); checked by the kind's own validation like the file's params
     * @throws TopologyException when the topology has validation errors or a stage cannot be built
     */
    public static Pipeline build(Topology topology, Map<String, String> overrides) {
        return build(topology, overrides, topology.catalog());
    }

    public static Pipeline build(Topology topology, Map<String, String> overrides, Catalog catalog) {
        return build(topology, overrides, catalog, new Counters(COUNTER_CAPACITY));
    }

    /** @param counters where the counters live, e.g. {@link Counters#mapped} over a file under /dev/shm */
    public static Pipeline build(Topology topology, Map<String, String> overrides, Catalog catalog, Counters counters) {
        if (topology.report() != null && topology.report().hasErrors()) {
            throw new TopologyException("(topology)", "cannot build a topology with errors:\n" + topology.report().format());
        }
        PipelineBuilder builder = new PipelineBuilder(topology, catalog, overrides, counters);
        // factories load user classes through the context loader; the stage threads made here inherit it
        return catalog.withContextLoader(builder::build);
    }

    private Pipeline build() {
        Map<String, Map<String, Object>> params = applyOverrides();
        topology.rings().forEach(this::buildRing);
        for (StageSpec spec : topology.stages()) {
            for (int i = 0; i < spec.instances(); i++) {
                buildStage(spec, i, params.get(spec.name()));
            }
        }
        List<StageThread> threads = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(topology.threads().size());
        for (ThreadPlan plan : topology.threads()) {
            List<StageRunner> onThread = plan.instances().stream().map(Instance::role).map(runners::get).toList();
            threads.add(new StageThread(plan.name(), plan.core(), plan.waitStrategy(), onThread, control, started));
        }
        List<RingReplica<?>> allRings = rings.values().stream().flatMap(List::stream).toList();
        return new Pipeline(topology, counters, allRings, List.copyOf(runners.values()), kinds, threads, control, started);
    }

    private Map<String, Map<String, Object>> applyOverrides() {
        Map<String, Map<String, Object>> params = new HashMap<>();
        topology.stages().forEach(s -> params.put(s.name(), new LinkedHashMap<>(s.params())));
        overrides.forEach((key, value) -> {
            int dot = key.indexOf('.');
            StageSpec spec = dot < 0 ? null : topology.stage(key.substring(0, dot));
            if (spec == null) {
                throw new TopologyException("--set " + key, "expected stage.param=value with a stage of the topology ("
                        + topology.stages().stream().map(StageSpec::name).toList() + ")");
            }
            params.get(spec.name()).put(key.substring(dot + 1), value);
        });
        for (StageSpec spec : topology.stages()) {
            StageFactory factory = spec.kind() != null ? catalog.kind(spec.kind()) : null;
            if (factory != null && !params.get(spec.name()).equals(spec.params())) {
                List<String> problems = new ArrayList<>();
                factory.validate(new Params(spec.path() + ".params", params.get(spec.name()), topology.baseDir()),
                        (k, m) -> problems.add(k + ": " + m));
                if (!problems.isEmpty()) {
                    throw new TopologyException(spec.path() + ".params", String.join("; ", problems));
                }
            }
        }
        return params;
    }

    private void buildRing(RingSpec spec) {
        EventType<?> type = catalog.event(spec.event());
        int replicas = topology.replicas(spec.name());
        boolean blocking = !topology.singleThread() && topology.consumersOf(spec.name()).stream()
                .anyMatch(s -> s.waitStrategy() == dev.hft.pipeline.topology.WaitStrategy.BLOCKING);
        List<RingReplica<?>> replicaList = new ArrayList<>();
        AtomicCounter published;
        for (int i = 0; i < replicas; i++) {
            String name = replicas == 1 ? spec.name() : spec.name() + "-" + i;
            published = counters.newCounter("ring." + name + ".published");
            replicaList.add(replica(type, name, spec, blocking, published));
        }
        rings.put(spec.name(), replicaList);
    }

    private <E> RingReplica<E> replica(EventType<E> type, String name, RingSpec spec, boolean blocking, AtomicCounter published) {
        // Pollers never wait on the strategy; only a 'blocking' consumer sleeps on it, through a barrier.
        WaitStrategy wait = blocking ? new LiteTimeoutBlockingWaitStrategy(BLOCKING_TIMEOUT_MICROS, TimeUnit.MICROSECONDS)
                : new BusySpinWaitStrategy();
        ProducerType producerType = topology.multiProducer(spec) ? ProducerType.MULTI : ProducerType.SINGLE;
        RingBuffer<E> buffer = RingBuffer.create(producerType, type.factory(spec.size()), spec.size(), wait);
        return new RingReplica<>(name, buffer, topology.producerInstances(spec.name()), published);
    }

    private void buildStage(StageSpec spec, int instance, Map<String, Object> params) {
        String role = spec.role(instance);
        AtomicCounter eventsOut = counters.newCounter(role + ".events_out");
        Context context = new Context(spec, instance, new Params(spec.path() + ".params", params, topology.baseDir()), eventsOut);
        Object built;
        try {
            built = create(spec, context);
        } catch (TopologyException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new TopologyException(spec.path(), "could not build " + role + " (" + spec.what() + "): " + e);
        }
        List<RingReplica<?>> outputs = spec.outputs().stream().flatMap(o -> rings.get(o).stream()).toList();
        StageRunner runner;
        if (spec.input() != null && built instanceof EventStage<?> eventStage) {
            runner = eventRunner(role, eventStage, spec, instance, outputs, eventsOut);
        } else if (spec.input() == null && built instanceof Stage source) {
            runner = new SourceRunner(role, source, spec.onError(), outputs, control, counters, eventsOut);
        } else {
            throw new TopologyException(spec.path(), spec.what() + " built a " + (built == null ? "null" : built.getClass().getName())
                    + ", which is not " + (spec.input() == null ? "a source Stage" : "an EventStage"));
        }
        runners.put(role, runner);
        kinds.put(role, spec.kind() != null ? spec.kind() : simpleName(spec.className()));
    }

    @SuppressWarnings("unchecked")
    private <E> EventRunner<E> eventRunner(String role, EventStage<?> stage, StageSpec spec, int instance,
            List<RingReplica<?>> outputs, AtomicCounter eventsOut) {
        RingReplica<E> input = (RingReplica<E>) rings.get(spec.input()).get(instance);
        List<RingReplica<?>> sideInputs = spec.sideInputs().stream().<RingReplica<?>>map(name -> rings.get(name).get(0))
                .filter(r -> r.sideReaders.containsKey(role)).toList();
        return new EventRunner<>(role, (EventStage<E>) stage, spec.onError(), input, outputs, sideInputs, control,
                counters, eventsOut);
    }

    private Object create(StageSpec spec, StageContext context) throws Exception {
        if (spec.kind() != null) {
            return catalog.kind(spec.kind()).create(context);
        }
        Catalog.ResolvedClass c = catalog.resolve(spec.className());
        if (c.shape() == Catalog.ClassShape.FACTORY) {
            return Catalog.newFactory(c.type()).create(context);
        }
        try {
            return c.type().getConstructor(StageContext.class).newInstance(context);
        } catch (NoSuchMethodException e) {
            return c.type().getConstructor().newInstance();
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private final class Context implements StageContext {
        private final StageSpec spec;
        private final int instance;
        private final Params params;
        private final AtomicCounter eventsOut;

        Context(StageSpec spec, int instance, Params params, AtomicCounter eventsOut) {
            this.spec = spec;
            this.instance = instance;
            this.params = params;
            this.eventsOut = eventsOut;
        }

        @Override
        public String name() {
            return spec.name();
        }

        @Override
        public int instance() {
            return instance;
        }

        @Override
        public int instances() {
            return spec.instances();
        }

        @Override
        public String role() {
            return spec.role(instance);
        }

        @Override
        public Params params() {
            return params;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <E> RingGroup<E> output(String ringName, Class<E> eventClass) {
            if (!spec.outputs().contains(ringName)) {
                throw new TopologyException(spec.path() + ".outputs", role() + " asked for ring '" + ringName
                        + "', which is not among its outputs " + spec.outputs());
            }
            RingSpec ringSpec = topology.ring(ringName);
            Class<?> carried = catalog.event(ringSpec.event()).eventClass();
            if (!eventClass.isAssignableFrom(carried)) {
                throw new TopologyException(ringSpec.path() + ".event", role() + " publishes " + eventClass.getSimpleName()
                        + " but ring '" + ringName + "' carries '" + ringSpec.event() + "' (" + carried.getSimpleName() + ")");
            }
            List<Ring<E>> views = new ArrayList<>();
            for (RingReplica<?> replica : rings.get(ringName)) {
                views.add(new Ring<>(replica.name, (RingBuffer<E>) replica.buffer, eventsOut, replica.producers));
            }
            return new Group<>(ringName, List.copyOf(views));
        }

        @Override
        public List<String> outputs() {
            return spec.outputs();
        }

        @Override
        public List<String> sideInputs() {
            return spec.sideInputs();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <E> EventPoller<E> sideInput(String ringName, Class<E> eventClass) {
            if (!spec.sideInputs().contains(ringName)) {
                throw new TopologyException(spec.path() + ".side_inputs", role() + " asked for ring '" + ringName
                        + "', which is not among its side_inputs " + spec.sideInputs());
            }
            RingSpec ringSpec = topology.ring(ringName);
            Class<?> carried = catalog.event(ringSpec.event()).eventClass();
            if (!eventClass.isAssignableFrom(carried)) {
                throw new TopologyException(ringSpec.path() + ".event", role() + " reads " + eventClass.getSimpleName()
                        + " but ring '" + ringName + "' carries '" + ringSpec.event() + "' (" + carried.getSimpleName() + ")");
            }
            RingReplica<?> replica = rings.get(ringName).get(0);
            if (replica.sideReaders.containsKey(role())) {
                throw new TopologyException(spec.path() + ".side_inputs", role() + " asked twice for side input '" + ringName + "'");
            }
            EventPoller<E> poller = ((RingBuffer<E>) replica.buffer).newPoller();
            replica.buffer.addGatingSequences(poller.getSequence());
            replica.sideReaders.put(role(), new RingReplica.SideReader(poller.getSequence()));
            return poller;
        }

        @Override
        public AtomicCounter counter(String name) {
            return counters.newCounter(role() + "." + name);
        }

        @Override
        public void requestHalt(String reason) {
            control.halt("stage " + role() + " asked to halt: " + reason);
        }
    }

    private record Group<E>(String name, List<Ring<E>> rings) implements RingGroup<E> {
        @Override
        public int size() {
            return rings.size();
        }

        @Override
        public Ring<E> get(int index) {
            return rings.get(index);
        }
    }
}
