package dev.hft.ingress.dpdk;

import java.util.function.BiConsumer;

import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkException;
import dev.hft.dpdk.Port;
import dev.hft.dpdk.PortConfig;
import dev.hft.dpdk.PortStatsReader;
import dev.hft.dpdk.QueueCounter;
import dev.hft.dpdk.QueueCounters;
import dev.hft.dpdk.SharedPorts;
import dev.hft.ingress.stage.IngressChain;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;

/**
 * {@code kind: dpdk-rx} with {@code per_rx_queue: <port>}: one instance per RX queue of a {@code dpdk.ports[]} entry,
 * each a {@link DpdkRxStage} on queue {@code instance} feeding its own {@link IngressChain} (parse in place, route to
 * the book shards). The topology hands the port's entry and {@code dpdk.eal} over as {@code dpdk_port} and
 * {@code dpdk_eal}. The EAL is initialised once per process; the port is opened by the first instance built (before
 * any stage starts) and closed by the last one stopped.
 *
 * <pre>
 *  burst: 32               frames per rx_burst
 *  stats_interval_ms: 100  how often port stats (imissed, rx_nombuf, ierrors) are read, off the hot path
 *  idle_end_ms: 0          0: a live queue that never ends; else the stage ends after this long without a frame
 *                          once it has received one (pcap-driven runs)
 * </pre>
 * plus the common ingress params of {@link IngressChain}. Counters ({@code <role>.<name>}): {@code rx_packets},
 * {@code rx_bytes}, {@code drop.multi_segment} per queue; {@code port.imissed}, {@code port.rx_nombuf},
 * {@code port.ierrors} on instance 0; and the chain's drop and message counters.
 */
public final class DpdkRxStageFactory implements StageFactory {

    @Override
    public String kind() {
        return "dpdk-rx";
    }

    @Override
    public String inputEvent() {
        return null;
    }

    @Override
    public void validate(Params params, BiConsumer<String, String> problems) {
        if (!params.has("dpdk_port")) {
            problems.accept("dpdk_port", "dpdk-rx runs one instance per RX queue: give the stage 'per_rx_queue: <port>'");
        }
        if (params.intValue("burst", DpdkRxStage.DEFAULT_BURST) <= 0 || params.intValue("burst", 1) > 512) {
            problems.accept("burst", "must be in 1..512");
        }
        if (params.longValue("stats_interval_ms", 100) <= 0) {
            problems.accept("stats_interval_ms", "must be positive");
        }
        if (params.longValue("idle_end_ms", 0) < 0) {
            problems.accept("idle_end_ms", "must be 0 (live) or positive");
        }
        IngressChain.validate(params, problems, false, KEYS);
    }

    private static final java.util.Set<String> KEYS = java.util.Set.of("burst", "stats_interval_ms", "idle_end_ms");

    @Override
    public Object create(StageContext context) throws Exception {
        if (!Dpdk.isAvailable()) {
            throw new DpdkException("DPDK not installed: " + Dpdk.unavailableReason()
                    + "; stage " + context.name() + " (dpdk-rx) needs it (itch-file and itch-udp are the pure-Java sources)");
        }
        Params params = context.params();
        Dpdk.initIfNeeded(params.has("dpdk_eal") ? params.strings("dpdk_eal") : Dpdk.SMALL_MACHINE_EAL);
        PortConfig config = portConfig(params.child("dpdk_port"), context.instances());
        boolean[] opened = new boolean[1];
        Port port = SharedPorts.acquire(config, opened);
        try {
            if (opened[0]) {
                System.out.println("DPDK via FFM: port " + config.name() + " = " + config.device() + " ("
                        + port.rxQueueCount() + " RX queue(s)" + (port.rxQueueCount() > 1 ? ", RSS hf 0x" + Long.toHexString(port.rssHf()) : "")
                        + ", driver " + port.driverName() + ", pool " + port.pool().size() + " mbufs)");
            }
            IngressChain chain = IngressChain.build(context);
            DpdkRxStage rx = new DpdkRxStage(context.role(), port.rxQueue(context.instance()), chain.frames(),
                    params.intValue("burst", DpdkRxStage.DEFAULT_BURST));
            return new QueueStage(context, port, rx, chain, params.longValue("stats_interval_ms", 100) * 1_000_000L,
                    params.longValue("idle_end_ms", 0) * 1_000_000L);
        } catch (RuntimeException e) {
            SharedPorts.release(port);
            throw e;
        }
    }

    /** The port's topology entry as a {@link PortConfig}; its RX queue count must be the number of instances. */
    static PortConfig portConfig(Params port, int instances) {
        PortConfig config = PortConfig.fromTopology(port.asMap(), instances, 0);
        if (config.rxQueues() != instances) {
            throw new DpdkException("port " + config.name() + ": " + config.rxQueues() + " RX queues but " + instances
                    + " stage instances");
        }
        return config;
    }

    /** One RX queue's poller: the frames, the chain's timers, and the queue and port counters published now and then. */
    static final class QueueStage extends DpdkSourceStage {

        private final IngressChain chain;
        private final QueueCounters queue;
        private final AtomicCounter packets;
        private final AtomicCounter bytes;
        private final AtomicCounter multiSegment;
        private final AtomicCounter imissed;
        private final AtomicCounter rxNombuf;
        private final AtomicCounter ierrors;
        private final PortStatsReader portStats;
        private final long statsIntervalNanos;
        private final long idleEndNanos;
        private long nextStatsNanos;
        private boolean released;

        QueueStage(StageContext context, Port port, DpdkRxStage rx, IngressChain chain, long statsIntervalNanos,
                   long idleEndNanos) {
            super(port, rx);
            this.chain = chain;
            this.queue = rx.rxQueue().counters();
            this.packets = context.counter("rx_packets");
            this.bytes = context.counter("rx_bytes");
            this.multiSegment = context.counter("drop.multi_segment");
            boolean portCounters = context.instance() == 0;
            this.imissed = portCounters ? context.counter("port.imissed") : null;
            this.rxNombuf = portCounters ? context.counter("port.rx_nombuf") : null;
            this.ierrors = portCounters ? context.counter("port.ierrors") : null;
            this.portStats = portCounters ? new PortStatsReader(port) : null;
            this.statsIntervalNanos = statsIntervalNanos;
            this.idleEndNanos = idleEndNanos;
        }

        @Override
        protected int afterPoll(long now) {
            if (now - nextStatsNanos >= 0) {
                nextStatsNanos = now + statsIntervalNanos;
                publishCounters();
            }
            return chain.poll(now);
        }

        /** Queue counters to the stage's counters, and the port's stats on instance 0. */
        void publishCounters() {
            packets.setOrdered(queue.get(QueueCounter.RX_PACKETS));
            bytes.setOrdered(queue.get(QueueCounter.RX_BYTES));
            multiSegment.setOrdered(queue.get(QueueCounter.RX_DROP_MULTI_SEGMENT));
            if (imissed != null && !released) {
                portStats.read();
                imissed.setOrdered(portStats.imissed());
                rxNombuf.setOrdered(portStats.rxNombuf());
                ierrors.setOrdered(portStats.ierrors());
            }
        }

        @Override
        public boolean isExhausted() {
            boolean idle = idleEndNanos > 0 && idleLongerThan(idleEndNanos);
            if (idle) {
                chain.endOfInput();
            }
            return idle && !chain.pending();
        }

        /** Final counters, then the port goes back to {@link SharedPorts} (the last queue's stop closes it). */
        @Override
        public void onStop() {
            if (!released) {
                rx.release();
                publishCounters();
                released = true;
                try {
                    chain.close();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    SharedPorts.release(port);
                }
            }
        }
    }
}
