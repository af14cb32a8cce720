package dev.hft.bench.harness;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;

import dev.hft.egress.EgressStage;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;
import dev.hft.venue.Venue;
import dev.hft.venue.VenueConfig;
import dev.hft.wire.itch.ItchEncoder;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.mold.MoldPacketWriter;
import dev.hft.wire.net.UdpFrames;
import dev.hft.wire.pcap.PcapWriter;

/**
 * Tick-to-trade and wire-to-wire through the real pipeline at one rate. A sender thread in the {@link VethPair}'s
 * namespace (parked between sends, never spinning) sends MoldUDP64 packets to a multicast group at planned times;
 * they cross the pair to the topology's ingress ({@code itch-udp} on the kernel socket, or {@code dpdk-rx} on a
 * {@code net_af_packet} or {@code net_af_xdp} port over the host end), then one book shard, {@link TriggerTaker} and egress (OUCH 4.2 over
 * SoupBinTCP on loopback) to a {@link Venue} polled by a thread of this class.
 *
 * <p>Every packet adds a bid and deletes the previous one, so the best bid moves in every packet. Packets
 * {@code i % triggerEvery == 0} are on the trigger stock (locate 1), the others on a filler stock (locate 2);
 * the strategy sends one IOC buy (below the venue's prices: it never fills) per trigger packet.
 * Tick-to-trade is egress's histogram (packet receipt at ingress to the order's flush). Wire-to-wire is the
 * venue's receipt of the k-th order (the clock read that starts the venue's duty cycle that read it) minus the
 * planned send time of the k-th trigger packet: one JVM, one {@code System.nanoTime} clock, no coordinated omission.
 */
public final class PipelineE2e {

    static final String GROUP = "239.201.0.1";
    static final int PORT = 26_501;
    private static final long TRIGGER_STOCK = 0x5452_4947_2020_2020L; // "TRIG    "
    private static final long FILLER_STOCK = 0x4649_4C4C_2020_2020L;  // "FILL    "
    private static final int BID = 100_000;      // $10.00; every other packet $10.01
    private static final int ASK = 101_000;      // $10.10, resting all run
    private static final Duration STOP = Duration.ofSeconds(10);
    /** What else crosses the veth (IPv6 neighbour discovery, IGMP): seen by DPDK, not a loss of the feed. */
    /** A drop counter whose reason loses data (frames of other traffic on the link do not). */
    private static boolean isLoss(String counter) {
        for (DropReason reason : DropReason.values()) {
            if (reason.counterName().equals(counter)) {
                return reason.loss();
            }
        }
        return false;
    }

    /**
     * The ingresses a step can take: the kernel socket ({@code itch-udp}), DPDK on the veth through AF_PACKET or
     * AF_XDP (the PMD's defaults, or {@code busy_budget=0}: no busy-poll syscall when the ring is empty), and DPDK
     * replaying the same packets from a file ({@code net_pcap}, unpaced). {@code dpdk} is the former name of af_packet.
     */
    public static final List<String> INGRESSES = List.of("udp", "af_packet", "af_xdp", "af_xdp_nobusy", "pcap");

    /** {@code ingress} by its current name ({@code dpdk} was af_packet's), or IllegalArgumentException. */
    public static String ingress(String name) {
        String current = name.equals("dpdk") ? "af_packet" : name;
        if (!INGRESSES.contains(current)) {
            throw new IllegalArgumentException("ingress must be one of " + String.join(", ", INGRESSES) + ", not " + name);
        }
        return current;
    }

    /**
     * CPU time used during a step, from the pipeline's start to the venue's last order: the ingress thread {@code t0}
     * (ingress and book), the sender thread (its send calls, and the kernel's receive path for the veth, which runs in
     * the sender's softirq), and the whole process (every thread, backoff spinning included).
     */
    public record Cpu(long ingressThreadNanos, long senderThreadNanos, long processNanos) {
        /** Microseconds of {@code nanos} per packet. */
        public static double perPacketMicros(long nanos, long packets) {
            return packets == 0 ? 0 : nanos / 1000.0 / packets;
        }
    }

    /** One step's outcome; {@code triggers} trigger packets were sent, each must give one order at the venue. */
    public record Result(String ingress, int rate, long packets, long triggers, long ordersSent, long strategyRejects,
                         long venueOrders, long feedDrops, String dropDetail, long elapsedNanos, long gcCount, Histogram tickToTrade, PlannedLatency wireToWire,
                         Cpu cpu) {
        /** Packets per second from the pipeline's start to the venue's last order: what a replay achieved. */
        public long achievedRate() {
            return elapsedNanos <= 0 ? 0 : Math.round(packets * 1e9 / elapsedNanos);
        }

        public boolean lossless() {
            return ordersSent == triggers && venueOrders == triggers && strategyRejects == 0 && feedDrops == 0;
        }
    }

    private PipelineE2e() {
    }

    /** The strategy every step runs unless told otherwise. */
    public static final String DEFAULT_STRATEGY = "dev.hft.bench.harness.TriggerTaker";

    /** Runs one step: {@code packets} packets at {@code rate} per second through a fresh pipeline and venue. */
    public static Result run(VethPair veth, String ingress, int rate, int packets, int triggerEvery, Path workDir)
            throws IOException, InterruptedException {
        return run(veth, ingress, rate, packets, triggerEvery, workDir, DEFAULT_STRATEGY, List.of());
    }

    /**
     * As {@link #run(VethPair, String, int, int, int, Path)} with another strategy class in the taker stage (it must
     * behave as {@link TriggerTaker} does: one order per trigger packet), loaded from {@code classpath} when given:
     * the same strategy from inside and from outside the repository, side by side.
     */
    public static Result run(VethPair veth, String ingress, int rate, int packets, int triggerEvery, Path workDir,
                             String strategyClass, List<Path> classpath) throws IOException, InterruptedException {
        return run(veth, ingress, rate, packets, triggerEvery, workDir, strategyClass, classpath, DEFAULT_PLACEMENT);
    }

    /**
     * Where one of the harness's four stages runs: its thread, core and wait strategy, as a topology file's stage
     * says them ({@code --topology FILE}).
     */
    public record Placement(String thread, Integer core, String waitStrategy) {
        String yaml() {
            return "thread: " + thread + (core == null ? "" : "\n    core: " + core) + (waitStrategy == null ? "" : "\n    wait: " + waitStrategy);
        }
    }

    /** The harness's own placement: ingress and book on thread t0, strategy and egress on t1, backoff waits. */
    public static final Map<String, Placement> DEFAULT_PLACEMENT = Map.of("ingress", new Placement("t0", null, null),
            "book", new Placement("t0", null, null), "taker", new Placement("t1", null, null), "egress", new Placement("t1", null, null));

    /**
     * The placement of a topology file's stages, by the harness's role: its ingress stage (kind {@code dpdk-rx},
     * {@code itch-udp} or {@code itch-file}), {@code book}, {@code strategy} (the harness's taker) and {@code egress}
     * each give their {@code thread} (the stage's name when absent), first core and {@code wait}. The file must
     * validate; a role it lacks keeps the harness's default. Devices, addresses and the strategy stay the harness's.
     */
    public static Map<String, Placement> placementFrom(Path file) {
        dev.hft.pipeline.topology.Topology t = TopologyLoader.load(file);
        if (t.report().hasErrors()) {
            throw new IllegalArgumentException(t.report().format());
        }
        Map<String, Placement> placement = new HashMap<>(DEFAULT_PLACEMENT);
        for (Topology.StageSpec s : t.stages()) {
            String role = switch (s.kind()) {
                case "dpdk-rx", "itch-udp", "itch-file" -> "ingress";
                case "book" -> "book";
                case "strategy" -> "taker";
                case "egress" -> "egress";
                default -> null;
            };
            if (role != null) {
                placement.put(role, new Placement(s.thread(0) != null ? s.thread(0) : s.role(0), s.core(0),
                        s.waitStrategy() == null ? null : s.waitStrategy().yamlName()));
            }
        }
        return placement;
    }

    /** As {@link #run(VethPair, String, int, int, int, Path, String, List)} with the stages placed as {@code placement} says. */
    public static Result run(VethPair veth, String ingress, int rate, int packets, int triggerEvery, Path workDir,
                             String strategyClass, List<Path> classpath, Map<String, Placement> placement)
            throws IOException, InterruptedException {
        ingress = ingress(ingress);
        boolean replay = ingress.equals("pcap");
        int triggers = packets / triggerEvery;
        AtomicLongArray plannedTrigger = new AtomicLongArray(triggers);
        PlannedLatency wireToWire = new PlannedLatency(TimeUnit.SECONDS.toNanos(10));
        VenueRunner venue = new VenueRunner(plannedTrigger, wireToWire);
        Pipeline pipeline = null;
        Path pcap = replay ? Files.createTempFile("hft-e2e-", ".pcap") : null;
        try {
            if (replay) {
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(pcap), 1 << 16);
                     PcapWriter writer = new PcapWriter(file)) {
                    send(null, writer, plannedTrigger, rate, packets, triggerEvery);
                }
            }
            Topology t = TopologyLoader.parse(topology(replay ? pcap.toString() : veth.hostInterface(), ingress,
                    venue.venue.soupPort(0), strategyClass, placement), "bench e2e " + ingress, workDir, Catalog.installed(classpath), null);
            if (t.report().hasErrors()) {
                throw new IllegalStateException(t.report().format());
            }
            pipeline = PipelineBuilder.build(t, Map.of());
            // every step builds a fresh pipeline and venue (rings, books, order tables: tens of MB on the main
            // thread); collected here, before the step, so the step's GC count is the step's own allocation and
            // not the young generation the setup left nearly full. Before start: a replay begins reading at start.
            System.gc();
            long gcBefore = LoopbackFeed.gcCount();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long processCpuBefore = processCpuNanos();
            long started = System.nanoTime();
            pipeline.start();
            long ingressThread = threadId("hft-" + placement.get("ingress").thread()); // new at start: its CPU counts from 0
            long[] senderCpu = new long[1];
            if (!replay) {
                Throwable[] failure = new Throwable[1];
                Thread sender = new Thread(() -> {
                    veth.enterOnThisThread();
                    try (DatagramChannel tx = DatagramChannel.open(StandardProtocolFamily.INET)) {
                        tx.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
                        send(tx, null, plannedTrigger, rate, packets, triggerEvery);
                    } catch (IOException | RuntimeException e) {
                        failure[0] = e;
                    } finally {
                        senderCpu[0] = threads.getCurrentThreadCpuTime();
                    }
                }, "bench-tx");
                sender.start();
                sender.join();
                if (failure[0] != null) {
                    throw new IOException("sender failed", failure[0]);
                }
            }
            // everything sent: wait until the venue has every order, or nothing has arrived for a second
            long seen = -1;
            long quietSince = System.nanoTime();
            // sampled while waiting: a replay's ingress thread ends on its own once the capture is read (-1 then)
            long ingressCpu = threads.getThreadCpuTime(ingressThread);
            while (venue.orders < triggers && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(1)) {
                if (venue.orders != seen) {
                    seen = venue.orders;
                    quietSince = System.nanoTime();
                }
                Thread.sleep(5);
                ingressCpu = Math.max(ingressCpu, threads.getThreadCpuTime(ingressThread));
            }
            ingressCpu = Math.max(ingressCpu, threads.getThreadCpuTime(ingressThread));
            long elapsed = venue.lastOrderNanos - started;
            Cpu cpu = new Cpu(Math.max(0, ingressCpu), senderCpu[0],
                    processCpuNanos() - processCpuBefore);
            long gc = LoopbackFeed.gcCount() - gcBefore;
            pipeline.stop(STOP);
            Map<String, Long> counters = new HashMap<>();
            pipeline.counters().reader().forEach((value, id, label) -> counters.put(label, value));
            long drops = 0;
            StringBuilder dropDetail = new StringBuilder();
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(counters).entrySet()) {
                String name = e.getKey().substring(e.getKey().indexOf('.') + 1);
                if (!e.getKey().startsWith("ingress")) {
                    continue;
                }
                if (name.equals(DropCounters.LOSS)) {
                    drops += e.getValue();
                } else if (e.getValue() > 0 && (name.equals("mold.lost") || isLoss(name))) {
                    dropDetail.append(' ').append(e.getKey()).append('=').append(e.getValue());
                }
            }
            venue.stop();
            Histogram t2t = pipeline.stage("egress", EgressStage.class).tickToTrade().copy();
            return new Result(ingress, rate, packets, triggers, counters.getOrDefault("taker.sent", -1L),
                    counters.getOrDefault("taker.rejected", -1L), venue.venue.ordersReceived(), drops, dropDetail.toString().trim(), elapsed, gc, t2t, wireToWire,
                    cpu);
        } finally {
            if (pipeline != null && !pipeline.isComplete()) {
                pipeline.stop(STOP);
            }
            venue.stop();
            if (pcap != null) {
                Files.deleteIfExists(pcap);
            }
        }
    }

    /** The id of this process's live thread named {@code name}. */
    private static long threadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.threadId();
            }
        }
        throw new IllegalStateException("no thread " + name + " in the pipeline");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * {@code link} is the host end of the veth pair, or for {@code pcap} the file net_pcap replays. dpdk-rx keeps only
     * the feed's group: the net_af_packet port also delivered other traffic (the venue's own ITCH on 127.0.0.1 was seen
     * in a capture tap), and a first packet of another session would lock the Mold receiver onto it.
     */
    static String topology(String link, String ingress, int venuePort, String strategyClass) {
        return topology(link, ingress, venuePort, strategyClass, DEFAULT_PLACEMENT);
    }

    static String topology(String link, String ingress, int venuePort, String strategyClass, Map<String, Placement> placement) {
        String source = ingress.equals("udp")
                ? """
                  - name: ingress
                    kind: itch-udp
                    params: {group: "%s:%d", interface: %s}
                    outputs: [market]
                    %s
                """.formatted(GROUP, PORT, link, placement.get("ingress").yaml())
                : """
                  - name: ingress
                    kind: dpdk-rx
                    per_rx_queue: md
                    params: {idle_end_ms: %d, filter: "%s:%d"}
                    outputs: [market]
                    %s
                """.formatted(ingress.equals("pcap") ? 500 : 0, GROUP, PORT, placement.get("ingress").yaml());
        // Each kernel-side ring holds 4096 frames: af_packet's framecnt, AF_XDP's RX ring (rx_desc; the pool then holds
        // the 2048-frame fill ring as well, and the PMD pairs the RX queue with a TX queue).
        String port = switch (ingress) {
            case "pcap" -> "device: \"net_pcap0,rx_pcap=" + link + ",infinite_rx=0\", rx_queues: 1, tx_queues: 0, mbufs: 4095";
            case "af_packet" -> "device: \"net_af_packet0,iface=" + link + ",framecnt=4096\", rx_queues: 1, tx_queues: 0, mbufs: 4095";
            default -> "device: \"net_af_xdp0,iface=" + link + ",start_queue=0,queue_count=1" + (ingress.equals("af_xdp_nobusy")
                    ? ",busy_budget=0" : "") + "\", rx_queues: 1, tx_queues: 1, rx_desc: 4096, mbufs: 8191";
        };
        String dpdk = ingress.equals("udp") ? "" : """
                dpdk:
                  eal: [-l, "0", --no-huge, --no-pci, -m, "256", --no-shconf, "--log-level=lib.eal:warning"]
                  ports:
                    - {name: md, %s}
                """.formatted(port);
        return dpdk + """
                rings:
                  - {name: market, event: itch, size: 16384}
                  - {name: book-events, event: book, size: 16384}
                  - {name: orders, event: order, size: 16384}
                  - {name: responses, event: order-response, size: 16384}
                stages:
                """ + source + """
                  - name: book
                    kind: book
                    params: {order_capacity: 4096}
                    input: market
                    outputs: [book-events]
                    %s
                  - name: taker
                    kind: strategy
                    params:
                      class: %s
                      locate: 1
                      shares: 100
                      token_prefix: BT
                      risk: {max_order_shares: 1000, max_notional: 100000000, max_open_orders: 100000, max_position: 1000000000,
                             orders_per_second: 100000000, burst: 1000000, allow_without_bbo: true, collar_percent: 50}
                    input: book-events
                    side_inputs: [responses]
                    outputs: [orders]
                    %s
                  - name: egress
                    kind: egress
                    params: {transport: soup, host: 127.0.0.1, port: %d, username: TRADER, password_ref: bench-venue, session: OUCH,
                             login_timeout_ms: 5000}
                    input: orders
                    outputs: [responses]
                    %s
                """.formatted(placement.get("book").yaml(), strategyClass, placement.get("taker").yaml(), venuePort,
                placement.get("egress").yaml());
    }

    /**
     * Sends the setup packet, then {@code packets} packets at planned times, recording each trigger's planned time;
     * or, with {@code pcap}, writes the same packets as Ethernet/IPv4/UDP frames without waiting or recording.
     */
    private static void send(DatagramChannel tx, PcapWriter pcap, AtomicLongArray plannedTrigger, int rate, int packets,
                             int triggerEvery) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(GROUP), PORT);
            int group = ByteBuffer.wrap(target.getAddress().getAddress()).getInt();
            int source = ByteBuffer.wrap(InetAddress.getByName(VethPair.PEER_IP).getAddress()).getInt();
            MemorySegment frame = arena.allocate(UdpFrames.HEADERS_LENGTH + 256);
            MemorySegment packet = frame.asSlice(UdpFrames.HEADERS_LENGTH);
            MemorySegment message = arena.allocate(64);
            MoldPacketWriter writer = new MoldPacketWriter(packet, 256);
            MemorySegment session = MoldPacket.session("HFTE2E0001");
            ByteBuffer buffer = packet.asByteBuffer();
            int[] identification = {0};
            Emitter emit = (length, due) -> {
                if (pcap != null) {
                    int frameLength = UdpFrames.writeHeaders(frame, 0x02_00_00_00_00_02L, source, PORT, group, PORT,
                            identification[0]++ & 0xFFFF, length);
                    pcap.writeFrame(frame, 0, frameLength, due);
                } else {
                    tx.send(buffer.clear().limit(length), target);
                }
            };
            writer.begin(session, 1);
            add(writer, message, ItchEncoder.stockDirectory(message, 0, 1, 0, 0, TRIGGER_STOCK, (byte) 'Q', (byte) 'N', 100,
                    (byte) 'N', (byte) 'C', (short) 0x2020, (byte) 'P', (byte) 'N', (byte) 'N', (byte) '1', (byte) 'N', 0, (byte) 'N'));
            add(writer, message, ItchEncoder.stockDirectory(message, 0, 2, 0, 0, FILLER_STOCK, (byte) 'Q', (byte) 'N', 100,
                    (byte) 'N', (byte) 'C', (short) 0x2020, (byte) 'P', (byte) 'N', (byte) 'N', (byte) '1', (byte) 'N', 0, (byte) 'N'));
            add(writer, message, ItchEncoder.addOrder(message, 0, 1, 0, 0, 1, (byte) 'S', 100, TRIGGER_STOCK, ASK));
            emit.packet(writer.finish(), System.nanoTime());
            long moldSequence = writer.nextSequence();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            long[] lastRef = {0, 0, 0}; // per locate: the bid order the next packet deletes
            int trigger = 0;
            for (int i = 1; i <= packets; i++) {
                long due = start + (i - 1) * interval;
                int locate = i % triggerEvery == 0 ? 1 : 2;
                long stock = locate == 1 ? TRIGGER_STOCK : FILLER_STOCK;
                long ref = 1L + i;
                writer.begin(session, moldSequence);
                add(writer, message, ItchEncoder.addOrder(message, 0, locate, 0, 0, ref, (byte) 'B', 100, stock, BID + (i / triggerEvery % 2) * 100));
                if (lastRef[locate] != 0) {
                    add(writer, message, ItchEncoder.orderDelete(message, 0, locate, 0, 0, lastRef[locate]));
                }
                lastRef[locate] = ref;
                int length = writer.finish();
                moldSequence = writer.nextSequence();
                if (pcap == null) {
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (locate == 1 && trigger < plannedTrigger.length()) {
                        plannedTrigger.set(trigger++, due);
                    }
                }
                emit.packet(length, due);
            }
        }
    }

    /** Where a finished packet goes: the socket now, or the pcap file. */
    private interface Emitter {
        void packet(int payloadLength, long dueNanos) throws IOException;
    }

    private static void add(MoldPacketWriter writer, MemorySegment message, int length) {
        writer.add(message, 0, length);
    }

    /**
     * The venue on its own thread with the pipeline's backoff (spin, yield, then park up to 1 ms). Before each duty
     * cycle it reads the clock; orders the cycle received are stamped with it and matched to their trigger by count.
     */
    private static final class VenueRunner {
        final Venue venue;
        private final Thread thread;
        private final AtomicLongArray plannedTrigger;
        private final PlannedLatency wireToWire;
        private volatile boolean running = true;
        volatile long orders;
        volatile long lastOrderNanos;
        private volatile Throwable failure;

        VenueRunner(AtomicLongArray plannedTrigger, PlannedLatency wireToWire) throws IOException {
            this.plannedTrigger = plannedTrigger;
            this.wireToWire = wireToWire;
            VenueConfig config = VenueConfig.loopback(List.of(new VenueConfig.Symbol("TRIG", 500_000, 100),
                            new VenueConfig.Symbol("FILL", 500_000, 100)), new InetSocketAddress("127.0.0.1", 26_477));
            venue = Venue.start(config, new OffsetEpochNanoClock());
            dev.hft.egress.Credentials.register("bench-venue", config.soup().get(0).password());
            thread = new Thread(this::run, "bench-venue");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            IdleStrategy idle = new BackoffIdleStrategy();
            try {
                while (running) {
                    long now = System.nanoTime();
                    int work = venue.pollOnce();
                    long received = venue.ordersReceived();
                    for (long k = orders; k < received; k++) {
                        if (k < plannedTrigger.length() && plannedTrigger.get((int) k) != 0) {
                            wireToWire.record(plannedTrigger.get((int) k), now);
                        }
                    }
                    if (received != orders) {
                        lastOrderNanos = now;
                    }
                    orders = received;
                    idle.idle(work);
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                venue.stop();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
            Throwable f = failure;
            failure = null; // reported once, not again by the second stop in run's finally
            if (f != null) {
                throw new IllegalStateException("venue failed", f);
            }
        }
    }
}
