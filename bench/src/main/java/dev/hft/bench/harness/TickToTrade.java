package dev.hft.bench.harness;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.Mbuf;
import dev.hft.dpdk.MbufBurst;
import dev.hft.dpdk.Native;
import dev.hft.dpdk.Port;
import dev.hft.dpdk.PortConfig;
import dev.hft.dpdk.RxQueue;
import dev.hft.dpdk.SharedPorts;
import dev.hft.dpdk.TxQueue;
import dev.hft.egress.dpdk.DpdkOrderTransport;
import dev.hft.ingress.net.DropCounters;
import dev.hft.pipeline.metrics.LatencyHistogram;
import dev.hft.pipeline.metrics.Metrics;
import dev.hft.pipeline.runtime.Pinning;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;
import dev.hft.wire.itch.ItchEncoder;
import dev.hft.wire.mold.MoldUdpFrameDecoder;
import dev.hft.wire.mold.MoldUdpFrameEncoder;
import dev.hft.wire.ouch.EnterOrder;
import dev.hft.wire.ouch.OrderAccepted;
import dev.hft.wire.ouch.OrderCanceled;
import dev.hft.wire.ouch.OuchTypes;

/**
 * Software tick-to-trade through the real stages, with DPDK on both ends and no kernel in the path: an exchange
 * thread of this class puts ITCH 5.0 / MoldUDP64 frames into a {@code net_ring} port, a {@code dpdk-rx} stage takes
 * them with an RX burst, then one book shard, {@link TriggerTaker} (with its pre-trade risk) and egress
 * ({@code transport: dpdk}: OUCH 4.2 in MoldUDP64 frames built in TX mbufs) send the order with a TX burst into a
 * second {@code net_ring} port, where the exchange thread reads it and answers Accepted and Canceled (IOC) on the
 * queue egress reads. {@code net_ring} loops TX queue i back to RX queue i.
 *
 * <p>The figure is egress's tick-to-trade: {@code System.nanoTime()} right after the TX burst that sent the order
 * returns, minus the same clock read right after the RX burst that brought the trigger's frame returns, per order,
 * on the measured threads themselves. The exchange sends one packet per wake-up (parked in between, never
 * spinning) at {@code rate} packets per second, so a trigger normally arrives alone in its burst; every
 * {@code triggerEvery}-th packet moves the trigger stock's best bid and makes one order, the others move a filler
 * stock's book. A warm-up phase runs first; its orders are answered but left out of the histogram, the GC count and
 * the per-thread allocation. Each order is checked against its trigger (count, stock, side, shares, price).
 *
 * <p>Layouts: {@code single} steps every stage on one busy-spinning thread pinned to {@code cores[1]}, the exchange
 * pinned to {@code cores[0]}; {@code pair} puts ingress and book on a busy-spinning thread on {@code cores[0]} (shared
 * with the parked exchange thread) and strategy and egress on one on {@code cores[1]}: one ring hop (book events)
 * between cores on the measured path. {@code stages} gives each stage its own unpinned thread with backoff waits
 * (the per-thread allocation check).
 */
public final class TickToTrade {

    public enum Layout {
        SINGLE, PAIR, STAGES;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Layout parse(String text) {
            for (Layout l : values()) {
                if (l.yamlName().equals(text)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("layout must be single, pair or stages, not '" + text + "'");
        }
    }

    /**
     * @param warmup       packets sent before the measured ones (JIT, caches); not measured
     * @param packets      packets measured
     * @param rate         packets per second the exchange sends at most (one per wake-up)
     * @param triggerEvery every Nth packet is a trigger (makes one order)
     * @param cores        two cores for the layouts that pin ({@code single}, {@code pair}); ignored by {@code stages}
     * @param stepTimes    also time each stage's busy steps ({@link Pipeline#timeSteps()}); the stamps add to the figure
     */
    public record Options(Layout layout, int warmup, int packets, int rate, int triggerEvery, int[] cores, boolean stepTimes) {

        public Options {
            if (warmup < 0 || packets < 1 || rate < 1 || triggerEvery < 1) {
                throw new IllegalArgumentException("warm-up >= 0, packets >= 1, rate >= 1 and trigger-every >= 1 are needed");
            }
            if (layout != Layout.STAGES && (cores == null || cores.length != 2)) {
                throw new IllegalArgumentException("layout " + layout.yamlName() + " needs two cores");
            }
        }
    }

    /**
     * One run's measured phase.
     *
     * @param orders             orders the exchange received in the measured phase
     * @param orderMismatches    orders whose stock, side, shares or price were not those of their trigger
     * @param recorded           tick-to-trade values egress recorded in the measured phase (one per order)
     * @param threadAllocated    bytes each pipeline thread ({@code hft-*}) allocated in the measured phase
     * @param heldBack           packets the exchange held back until the pipeline had answered all but a window of triggers
     * @param placement          the pipeline's start report (threads, cores, pinning as the kernel shows it)
     * @param jitMillis          milliseconds the JIT compilers spent during the measured phase (the JVM's total): not 0
     *                           means code was still being (re)compiled, and a deoptimized frame's scalar-replaced
     *                           objects are materialised on the heap of the thread that ran it, so such a window is not
     *                           a steady one for the allocation check
     * @param stepTimes          per stage, the durations of its busy steps in the measured phase (empty unless asked)
     */
    public record Result(Layout layout, long packets, long triggers, long orders, long orderMismatches, long recorded,
                         long strategyRejects, long feedDrops, long gcCount, long elapsedNanos, long heldBack, Histogram tickToTrade,
                         Map<String, Long> threadAllocated, List<String> placement, long jitMillis, Map<String, Histogram> stepTimes) {

        public boolean complete() {
            return orders == triggers && recorded == triggers && orderMismatches == 0 && strategyRejects == 0 && feedDrops == 0;
        }

        public long percentile(double p) {
            return tickToTrade.getTotalCount() == 0 ? 0 : tickToTrade.getValueAtPercentile(p);
        }

        /**
         * The object {@code bench t2t --json} writes, with exactly these keys: layout, triggers, t2t_p50_ns, t2t_p99_ns,
         * t2t_p999_ns, t2t_max_ns, gc_count (the rest is on the printed line).
         */
        public String json() {
            return String.format(Locale.ROOT, "{\"layout\": \"%s\", \"triggers\": %d, \"t2t_p50_ns\": %d, \"t2t_p99_ns\": %d,"
                            + " \"t2t_p999_ns\": %d, \"t2t_max_ns\": %d, \"gc_count\": %d}",
                    layout.yamlName(), triggers, percentile(50), percentile(99), percentile(99.9), tickToTrade.getMaxValue(), gcCount);
        }
    }

    static final String GROUP = "239.201.0.2";
    static final int FEED_PORT = 26_502;
    private static final long TRIGGER_STOCK = 0x5452_4947_2020_2020L; // "TRIG    "
    private static final long FILLER_STOCK = 0x4649_4C4C_2020_2020L;  // "FILL    "
    private static final int BID = 100_000;
    private static final int ASK = 101_000;
    private static final int SHARES = 100;
    private static final int FEED_SOURCE = 0x0A09_0001;   // 10.9.0.1
    private static final int VENUE_IP = 0x0A09_0002;      // 10.9.0.2
    private static final int CLIENT_IP = 0x0A09_0003;     // 10.9.0.3
    private static final int VENUE_PORT = 26_600;
    private static final int CLIENT_PORT = 40_000;
    private static final long EXCHANGE_MAC = 0x02_00_00_00_00_0AL;
    private static final long CLIENT_MAC = 0x02_00_00_00_00_0BL;
    private static final int MBUFS = 4095;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration STOP = Duration.ofSeconds(10);
    /** Device names are never reused within a JVM: each run attaches fresh net_ring devices. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    private TickToTrade() {
    }

    /** One run: a fresh pipeline and ports, warm-up, then the measured packets; ends by itself. */
    public static Result run(Options options, Path workDir) throws Exception {
        if (!Dpdk.isAvailable()) {
            throw new IllegalStateException("bench t2t needs DPDK: " + Dpdk.unavailableReason());
        }
        int run = RUNS.getAndIncrement();
        Map<String, Object> md = Map.of("name", "md", "device", "net_ring" + (100 + 2 * run), "rx_queues", 1, "tx_queues", 1, "mbufs", MBUFS);
        Map<String, Object> oe = Map.of("name", "oe", "device", "net_ring" + (101 + 2 * run), "rx_queues", 2, "tx_queues", 2, "mbufs", MBUFS);
        Topology t = TopologyLoader.parse(topology(options, md, oe), "bench t2t " + options.layout().yamlName(), workDir,
                Catalog.installed(List.of()), null);
        if (t.report().hasErrors()) {
            throw new IllegalStateException(t.report().format());
        }
        LatencyHistogram exported = Metrics.histogram("tick_to_trade");
        Pipeline pipeline = PipelineBuilder.build(t, Map.of());
        if (options.stepTimes()) {
            pipeline.timeSteps();
        }
        // the stages opened both ports while being built; these handles keep them open until the exchange is done
        Port mdPort = SharedPorts.acquire(PortConfig.fromTopology(md, 1, 0), new boolean[1]);
        Port oePort = null;
        Exchange exchange = null;
        try {
            oePort = SharedPorts.acquire(PortConfig.fromTopology(oe, 1, 1), new boolean[1]);
            List<String> placement = pipeline.start();
            exchange = new Exchange(options, mdPort.txQueue(0), oePort.rxQueue(0), oePort.txQueue(1), exported);
            exchange.thread.start();
            exchange.thread.join();
            if (exchange.failure != null) {
                pipeline.stop(STOP);
                throw new IllegalStateException("t2t exchange: " + exchange.failure.getMessage() + "\n" + pipeline.summary(),
                        exchange.failure);
            }
            pipeline.stop(STOP);
            Map<String, Long> counters = new HashMap<>();
            pipeline.counters().reader().forEach((value, id, label) -> counters.put(label, value));
            long drops = 0;
            for (Map.Entry<String, Long> e : counters.entrySet()) {
                if (e.getKey().startsWith("ingress") && e.getKey().endsWith("." + DropCounters.LOSS)) {
                    drops += e.getValue();
                }
            }
            Exchange x = exchange;
            return new Result(options.layout(), options.packets(), x.measuredTriggers, x.measuredOrders, x.mismatches,
                    x.measured.getTotalCount(), counters.getOrDefault("taker.rejected", -1L), drops, x.gcCount,
                    x.elapsedNanos, x.heldBack, x.measured, x.allocated, placement, x.jitMillis, x.stepTimes);
        } finally {
            if (exchange != null && exchange.thread.isAlive()) {
                exchange.stop = true;
                exchange.thread.join(STOP.toMillis());
            }
            if (!pipeline.isComplete()) {
                pipeline.stop(STOP);
            }
            if (oePort != null) {
                SharedPorts.release(oePort);
            }
            SharedPorts.release(mdPort);
        }
    }

    /** The run's topology: DPDK ports, four rings, four stages placed as the layout says. */
    static String topology(Options o, Map<String, Object> md, Map<String, Object> oe) {
        String[] place = switch (o.layout()) {
            case SINGLE -> new String[] {spin("t0", o.cores()[1]), spin("t0", o.cores()[1]), spin("t0", o.cores()[1]), spin("t0", o.cores()[1])};
            case PAIR -> new String[] {spin("t0", o.cores()[0]), spin("t0", o.cores()[0]), spin("t1", o.cores()[1]), spin("t1", o.cores()[1])};
            case STAGES -> new String[] {backoff("ingress"), backoff("book"), backoff("strategy"), backoff("egress")};
        };
        return """
                dpdk:
                  eal: [-l, "0", --no-huge, --no-pci, -m, "256", --no-shconf, --no-telemetry, "--log-level=lib.eal:warning"]
                  ports:
                    - {name: md, device: "%s", rx_queues: 1, tx_queues: 1, mbufs: %d}
                    - {name: oe, device: "%s", rx_queues: 2, tx_queues: 2, mbufs: %d}
                rings:
                  - {name: market, event: itch, size: 512}
                  - {name: book-events, event: book, size: 256}
                  - {name: orders, event: order, size: 256}
                  - {name: responses, event: order-response, size: 256}
                stages:
                  - name: ingress
                    kind: dpdk-rx
                    per_rx_queue: md
                    params: {filter: "%s:%d", max_frame: 1514}
                    outputs: [market]
                    %s
                  - name: book
                    kind: book
                    params: {order_capacity: 4096}
                    input: market
                    outputs: [book-events]
                    %s
                  - name: taker
                    kind: strategy
                    params:
                      class: dev.hft.bench.harness.TriggerTaker
                      locate: 1
                      shares: %d
                      token_prefix: TT
                      risk: {max_order_shares: 1000, max_notional: 100000000, max_open_orders: 1000, max_position: 1000000000,
                             orders_per_second: 100000000, burst: 1000000, allow_without_bbo: true, collar_percent: 50}
                    input: book-events
                    side_inputs: [responses]
                    outputs: [orders]
                    %s
                  - name: egress
                    kind: egress
                    params: {transport: dpdk, dpdk_port: oe, tx_queue: 0, rx_queue: 1, host: "%s", port: %d,
                             local_ip: "%s", local_port: %d, src_mac: "%s", dst_mac: "%s", session: T2T}
                    input: orders
                    outputs: [responses]
                    %s
                """.formatted(md.get("device"), MBUFS, oe.get("device"), MBUFS, GROUP, FEED_PORT, place[0], place[1],
                SHARES, place[2], dotted(VENUE_IP), VENUE_PORT, dotted(CLIENT_IP), CLIENT_PORT, colons(CLIENT_MAC),
                colons(EXCHANGE_MAC), place[3]);
    }

    private static String spin(String thread, int core) {
        return "thread: " + thread + "\n    core: " + core + "\n    wait: busy-spin";
    }

    private static String backoff(String thread) {
        return "thread: " + thread + "\n    wait: backoff";
    }

    private static String dotted(int ip) {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xFF) + "." + (ip >>> 8 & 0xFF) + "." + (ip & 0xFF);
    }

    private static String colons(long mac) {
        StringBuilder b = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            b.append(String.format("%02x", mac >>> shift & 0xFF)).append(shift > 0 ? ":" : "");
        }
        return b.toString();
    }

    /**
     * The other side of the wire, on its own thread: sends the feed at planned times (parked between packets), reads
     * each order, checks it against its trigger and answers it. Measures the phase boundaries: after the warm-up's
     * orders are all in and recorded, and after the measured ones are.
     */
    private static final class Exchange implements MoldUdpFrameDecoder.Handler {

        final Thread thread;
        private final Options options;
        private final TxQueue feed;
        private final RxQueue ordersIn;
        private final TxQueue answers;
        private final LatencyHistogram exported;
        private final MoldUdpFrameEncoder feedEncoder = new MoldUdpFrameEncoder(EXCHANGE_MAC, 0x01_00_5E_49_00_02L,
                FEED_SOURCE, DpdkOrderTransport.ipv4(GROUP), FEED_PORT, FEED_PORT, "HFTT2T0001".getBytes(StandardCharsets.US_ASCII), 1514);
        private final MoldUdpFrameEncoder answerEncoder = new MoldUdpFrameEncoder(EXCHANGE_MAC, CLIENT_MAC, VENUE_IP,
                CLIENT_IP, VENUE_PORT, CLIENT_PORT, "T2T       ".getBytes(StandardCharsets.US_ASCII), 1514);
        private final MoldUdpFrameDecoder orderDecoder = new MoldUdpFrameDecoder();
        private final MbufBurst burst = new MbufBurst(32);
        private final Mbuf mbuf = new Mbuf();
        private final EnterOrder enter = new EnterOrder();
        private final OrderAccepted accepted = new OrderAccepted();
        private final OrderCanceled canceled = new OrderCanceled();
        private final byte[] token = new byte[OuchTypes.TOKEN_LENGTH];
        private final MemorySegment message = Arena.ofAuto().allocate(64);
        /** Price of the k-th trigger's order, per trigger in send order. */
        private final int[] expectedPrice;
        private final long[] lastRef = new long[3];
        private long ordersSeen;
        private long orderReference;
        long heldBack;
        volatile boolean stop;
        volatile Throwable failure;
        long measuredTriggers;
        long measuredOrders;
        long mismatches;
        long gcCount;
        long elapsedNanos;
        long jitMillis;
        Histogram measured;
        Map<String, Long> allocated = Map.of();
        Map<String, Histogram> stepTimes = Map.of();

        Exchange(Options options, TxQueue feed, RxQueue ordersIn, TxQueue answers, LatencyHistogram exported) {
            this.options = options;
            this.feed = feed;
            this.ordersIn = ordersIn;
            this.answers = answers;
            this.exported = exported;
            this.expectedPrice = new int[(options.warmup() + options.packets()) / options.triggerEvery() + 1];
            this.thread = Thread.ofPlatform().name("t2t-exchange").unstarted(this::run);
        }

        private void run() {
            try {
                if (options.layout() != Layout.STAGES) {
                    Pinning.pinCurrentThread(options.cores()[0]);
                }
                Dpdk.registerThread();
                long before = exported.snapshot().getTotalCount();
                sendSetup();
                int warmupTriggers = sendPackets(1, options.warmup(), 0);
                awaitOrders(warmupTriggers);
                Histogram baseline = awaitRecorded(before + warmupTriggers);
                Map<String, Long> allocatedBefore = pipelineThreadAllocation();
                long gcBefore = LoopbackFeed.gcCount();
                long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                Map<String, Histogram> stepsBefore = options.stepTimes() ? stepTimeTotals() : Map.of();
                long started = System.nanoTime();
                int allTriggers = sendPackets(options.warmup() + 1, options.warmup() + options.packets(), warmupTriggers);
                awaitOrders(allTriggers);
                elapsedNanos = System.nanoTime() - started;
                gcCount = LoopbackFeed.gcCount() - gcBefore;
                Map<String, Long> allocatedAfter = pipelineThreadAllocation();
                jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
                Histogram end = awaitRecorded(before + allTriggers);
                end.subtract(baseline);
                measured = end;
                if (options.stepTimes()) {
                    stepTimes = since(stepsBefore, stepTimeTotals());
                }
                measuredTriggers = allTriggers - warmupTriggers;
                measuredOrders = ordersSeen - warmupTriggers;
                Map<String, Long> diff = new TreeMap<>();
                allocatedAfter.forEach((name, bytes) -> diff.put(name, bytes - allocatedBefore.getOrDefault(name, 0L)));
                allocated = diff;
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** Stock directory for both stocks and a resting ask on the trigger stock. */
        private void sendSetup() {
            beginFeedFrame();
            addMessage(ItchEncoder.stockDirectory(message, 0, 1, 0, 0, TRIGGER_STOCK, (byte) 'Q', (byte) 'N', 100,
                    (byte) 'N', (byte) 'C', (short) 0x2020, (byte) 'P', (byte) 'N', (byte) 'N', (byte) '1', (byte) 'N', 0, (byte) 'N'));
            addMessage(ItchEncoder.stockDirectory(message, 0, 2, 0, 0, FILLER_STOCK, (byte) 'Q', (byte) 'N', 100,
                    (byte) 'N', (byte) 'C', (short) 0x2020, (byte) 'P', (byte) 'N', (byte) 'N', (byte) '1', (byte) 'N', 0, (byte) 'N'));
            addMessage(ItchEncoder.addOrder(message, 0, 1, 0, 0, 1, (byte) 'S', SHARES, TRIGGER_STOCK, ASK));
            finishFeedFrame();
        }

        /**
         * Packets {@code first..last}, one per wake-up, at most {@code rate} per second, answering orders in between;
         * each adds a bid and deletes the previous one of its stock. Returns the triggers sent so far.
         */
        private int sendPackets(int first, int last, int triggers) {
            long interval = TimeUnit.SECONDS.toNanos(1) / options.rate();
            // at most this many triggers unanswered, so a pipeline that falls behind (cold JIT, descheduled) is waited
            // for instead of overrunning the feed port's 1024-slot ring
            int window = Math.max(1, 512 / options.triggerEvery());
            long due = System.nanoTime();
            for (int i = first; i <= last; i++) {
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                answerOrders();
                checkStop();
                if (triggers - ordersSeen >= window) {
                    heldBack++;
                    awaitOrders(triggers - window + 1);
                }
                int locate = i % options.triggerEvery() == 0 ? 1 : 2;
                long stock = locate == 1 ? TRIGGER_STOCK : FILLER_STOCK;
                int price = BID + (i / options.triggerEvery() % 2) * 100;
                long ref = 1L + i;
                beginFeedFrame();
                addMessage(ItchEncoder.addOrder(message, 0, locate, 0, 0, ref, (byte) 'B', SHARES, stock, price));
                if (lastRef[locate] != 0) {
                    addMessage(ItchEncoder.orderDelete(message, 0, locate, 0, 0, lastRef[locate]));
                }
                lastRef[locate] = ref;
                if (locate == 1) {
                    expectedPrice[triggers++] = price;
                }
                finishFeedFrame();
                // the next packet is due an interval after this one went out, so a late wake-up never sends a burst
                due = System.nanoTime() + interval;
            }
            return triggers;
        }

        private void beginFeedFrame() {
            long at = feed.claim(1514);
            if (at < 0) {
                throw new IllegalStateException("no mbuf for a feed frame");
            }
            feedEncoder.begin(feed.memory(), at);
        }

        private void addMessage(int length) {
            long at = feedEncoder.append(length);
            MemorySegment.copy(message, 0, feed.memory(), at, length);
        }

        private void finishFeedFrame() {
            feed.trimLast(feedEncoder.finish());
            if (feed.flush() != 1) {
                throw new IllegalStateException("the feed ring did not take a frame");
            }
        }

        /** Waits, parked and answering, until {@code orders} orders are in; fails after 10 s without one. */
        private void awaitOrders(long orders) {
            long progressAt = System.nanoTime();
            long seen = ordersSeen;
            while (ordersSeen < orders) {
                if (answerOrders() == 0) {
                    LockSupport.parkNanos(20_000);
                }
                checkStop();
                if (ordersSeen != seen) {
                    seen = ordersSeen;
                    progressAt = System.nanoTime();
                } else if (System.nanoTime() - progressAt > STALL_NANOS) {
                    throw new IllegalStateException("stalled: " + ordersSeen + " of " + orders + " orders in");
                }
            }
        }

        /**
         * Waits until egress has recorded {@code recorded} tick-to-trade values in all: it records right after the TX
         * burst returns, so an order can reach this side a moment before its value is in. Snapshots allocate: only at
         * phase ends, outside the measured window.
         */
        private Histogram awaitRecorded(long recorded) {
            long deadline = System.nanoTime() + STALL_NANOS;
            Histogram snapshot;
            while ((snapshot = exported.snapshot()).getTotalCount() < recorded) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("stalled: " + snapshot.getTotalCount() + " of " + recorded
                            + " tick-to-trade values recorded");
                }
                LockSupport.parkNanos(1_000_000);
            }
            return snapshot;
        }

        private void checkStop() {
            if (stop) {
                throw new IllegalStateException("stopped");
            }
        }

        /** One RX burst of order frames: each Enter Order is checked and answered; returns the frames read. */
        private int answerOrders() {
            int count = ordersIn.poll(burst);
            try {
                for (int i = 0; i < count; i++) {
                    mbuf.wrap(burst.mbuf(i));
                    orderDecoder.decode(Native.EVERYTHING, mbuf.dataAddress(), mbuf.dataLen(), this);
                }
            } finally {
                ordersIn.free(burst);
            }
            if (answers.pending() > 0) {
                answers.flush();
            }
            return count;
        }

        @Override
        public void onMessage(long sequence, MemorySegment segment, long offset, int length) {
            if (length != EnterOrder.LENGTH || segment.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset) != EnterOrder.MESSAGE_TYPE) {
                mismatches++;
                return;
            }
            enter.wrap(segment, offset);
            long k = ordersSeen++;
            if (k >= expectedPrice.length || enter.price() != expectedPrice[(int) k] || enter.stock() != TRIGGER_STOCK
                    || enter.buySellIndicator() != OuchTypes.BUY || enter.shares() != SHARES) {
                mismatches++;
            }
            enter.copyOrderToken(token);
            long at = answers.claim(1514);
            if (at < 0) {
                throw new IllegalStateException("no mbuf for an answer frame");
            }
            answerEncoder.begin(answers.memory(), at);
            long timestamp = System.nanoTime();
            accepted.wrapForEncode(answers.memory(), answerEncoder.append(OrderAccepted.LENGTH)).timestamp(timestamp)
                    .orderToken(token).buySellIndicator(enter.buySellIndicator()).shares(enter.shares()).stock(enter.stock())
                    .price(enter.price()).timeInForce(enter.timeInForce()).firm(enter.firm()).display(enter.display())
                    .orderReferenceNumber(++orderReference).capacity(enter.capacity())
                    .intermarketSweepEligibility(enter.intermarketSweepEligibility()).minimumQuantity(0)
                    .crossType((byte) 'N').orderState(OuchTypes.ORDER_STATE_LIVE).bboWeightIndicator((byte) ' ');
            canceled.wrapForEncode(answers.memory(), answerEncoder.append(OrderCanceled.LENGTH)).timestamp(timestamp)
                    .orderToken(token).decrementShares(enter.shares()).reason((byte) 'I');
            answers.trimLast(answerEncoder.finish());
        }
    }

    /**
     * Bytes allocated so far by each pipeline thread ({@code hft-*}) of this JVM. The threads are listed through their
     * thread group, not {@code Thread.getAllStackTraces()}: a stack trace of a running thread is built in a handshake
     * that the thread itself may run, and its strings would count as that thread's allocation.
     */
    public static Map<String, Long> pipelineThreadAllocation() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 16];
        int n = root.enumerate(all, true);
        Map<String, Long> bytes = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (all[i].getName().startsWith("hft-") && all[i].isAlive()) {
                bytes.put(all[i].getName(), threads.getThreadAllocatedBytes(all[i].threadId()));
            }
        }
        return bytes;
    }

    /** Every stage's step-time histogram so far ({@link Pipeline#STEP_TIMES}), by role. */
    private static Map<String, Histogram> stepTimeTotals() {
        Map<String, Histogram> totals = new TreeMap<>();
        for (LatencyHistogram h : Metrics.histograms()) {
            if (h.name().startsWith(Pipeline.STEP_TIMES)) {
                totals.put(h.name().substring(Pipeline.STEP_TIMES.length()), h.snapshot());
            }
        }
        return totals;
    }

    /** What was recorded between two {@link #stepTimeTotals()}, for the stages that recorded anything. */
    private static Map<String, Histogram> since(Map<String, Histogram> before, Map<String, Histogram> after) {
        Map<String, Histogram> diff = new TreeMap<>();
        after.forEach((role, h) -> {
            Histogram earlier = before.get(role);
            if (earlier != null) {
                h.subtract(earlier);
            }
            if (h.getTotalCount() > 0) {
                diff.put(role, h);
            }
        });
        return diff;
    }

    /** The load average line of {@code /proc/loadavg} (first three fields), or "unknown". */
    public static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A run's one-line summary: percentiles in ns, counts, checks. */
    public static String line(Result r) {
        return String.format(Locale.ROOT, "%-6s packets %d in %.2f s, triggers %d, orders %d, recorded %d | t2t ns p50 %d p99 %d p99.9 %d max %d | gc %d | held back %d | jit ms %d | allocated B %s%s",
                r.layout().yamlName(), r.packets(), r.elapsedNanos() / 1e9, r.triggers(), r.orders(), r.recorded(), r.percentile(50),
                r.percentile(99), r.percentile(99.9), r.tickToTrade().getMaxValue(), r.gcCount(), r.heldBack(), r.jitMillis(), r.threadAllocated(),
                r.complete() ? "" : String.format(Locale.ROOT, " INCOMPLETE (mismatches %d, risk rejects %d, feed drops %d)",
                        r.orderMismatches(), r.strategyRejects(), r.feedDrops()))
                + (r.stepTimes().isEmpty() ? "" : " | busy step ns p50/p99 (steps): " + stepLine(r.stepTimes()));
    }

    private static String stepLine(Map<String, Histogram> steps) {
        StringBuilder b = new StringBuilder();
        steps.forEach((role, h) -> b.append(b.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %d/%d (%d)", role,
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getTotalCount())));
        return b.toString();
    }
}
