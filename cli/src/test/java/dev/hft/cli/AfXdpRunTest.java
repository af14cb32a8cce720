package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hft.cli.replay.BookSnapshot;
import dev.hft.cli.replay.ReplayOptions;
import dev.hft.cli.replay.ReplayRun;
import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkTestSupport;
import dev.hft.dpdk.VethNamespace;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;
import dev.hft.venue.gen.FeedGenerator;
import dev.hft.wire.pcap.PcapReader;

/**
 * AF_XDP as an ingress: a day split into {@value #CHANNELS} MoldUDP64 channels is sent as multicast from a network
 * namespace across a veth with N RX queues, one {@code net_af_xdp} port and one {@code dpdk-rx} stage per queue
 * (DPDK 22.11 opens one queue per port on a veth), both feeding two book shards. With 1 queue and with 2, the books
 * equal a replay of the single-channel day, every channel lands on exactly one queue (read back from each queue's RX
 * tap), nothing is lost, and with 2 queues both carry channels (the sender's transmit-queue hash spreads the 16
 * flows: all on one queue has odds 2^-15).
 */
class AfXdpRunTest {

    private static final int CHANNELS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    @Test
    void aMultiChannelFeedOverOneAndTwoVethQueuesGivesTheBooksOfAReplay(@TempDir Path dir) throws Exception {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        FeedGenerator.Options day = new FeedGenerator.Options(20_000, 48, 5);
        FeedGenerator.write(day, dir, "day");
        FeedGenerator.writeChannels(day, CHANNELS, dir, "ch").close();
        List<Datagram> feed = interleave(dir);
        JsonNode replay = JSON.readTree(ReplayRun.run(ReplayOptions.of(dir.resolve("day.itch")), n -> { }).snapshotJson());
        assertEquals(48, replay.get("books").size());
        for (int queues = 1; queues <= 2; queues++) {
            try (VethNamespace veth = VethNamespace.create("x" + queues, queues)) {
                Map<String, Long> counters = new TreeMap<>();
                JsonNode books = JSON.readTree(run(veth, feed, dir, counters));
                String layout = queues + " queue(s), " + veth.kernelCounters();
                counters.keySet().removeIf(name -> !name.startsWith("ingress") || counters.get(name) == 0 && !name.endsWith(".loss"));
                long decoded = 0;
                for (int q = 0; q < queues; q++) {
                    String role = "ingress" + q;
                    assertEquals(0, counters.getOrDefault(role + ".loss", -1L), layout + " " + counters);
                    assertEquals(0, counters.getOrDefault(role + ".mold.gaps", 0L), layout + " " + counters);
                    assertEquals(0, counters.getOrDefault(role + ".drop.mold_session_limit", 0L), layout + " " + counters);
                    decoded += counters.getOrDefault(role + ".frames.decoded", 0L);
                }
                assertEquals(feed.size(), decoded, layout + ": every datagram decoded once " + counters);
                assertTrue(replay.get("books").equals(books.get("books")), layout + ": books differ from the replay's");
                assertEquals(replay.get("live_orders"), books.get("live_orders"), layout);
                assertEquals(replay.get("type_counts").get("A"), books.get("type_counts").get("A"), layout + ": each add once");
                Map<String, Set<Integer>> queuesOfChannel = new TreeMap<>();
                int[] channelsOnQueue = new int[queues];
                for (int q = 0; q < queues; q++) {
                    for (String channel : channelsIn(dir.resolve("rx-" + queues + "-" + q + ".pcap"))) {
                        queuesOfChannel.computeIfAbsent(channel, c -> new TreeSet<>()).add(q);
                        channelsOnQueue[q]++;
                    }
                }
                assertEquals(CHANNELS, queuesOfChannel.size(), layout + ": every channel seen " + queuesOfChannel);
                for (Map.Entry<String, Set<Integer>> channel : queuesOfChannel.entrySet()) {
                    assertEquals(1, channel.getValue().size(), layout + ": channel " + channel.getKey() + " on one queue only");
                }
                for (int q = 0; q < queues; q++) {
                    assertTrue(channelsOnQueue[q] > 0, layout + ": queue " + q + " got channels " + queuesOfChannel);
                }
            }
        }
    }

    /** Runs the topology on {@code veth}, sends {@code feed} from its namespace, and returns the books once all decoded. */
    private static String run(VethNamespace veth, List<Datagram> feed, Path dir, Map<String, Long> counters) throws Exception {
        Topology t = TopologyLoader.parse(topology(veth, dir), "af_xdp " + veth.queues(), dir);
        assertTrue(!t.report().hasErrors(), t.report().format());
        Pipeline pipeline = PipelineBuilder.build(t, Map.of());
        try {
            pipeline.start();
            veth.startFromPeer(() -> send(feed)).finish();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (decoded(pipeline, veth.queues()) < feed.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            assertTrue(pipeline.stop(Duration.ofSeconds(30)), "pipeline stopped");
        }
        pipeline.counters().reader().forEach((value, id, label) -> counters.put(label, value));
        return BookSnapshot.json(pipeline, BookSnapshot.DEFAULT_DEPTH);
    }

    private static long decoded(Pipeline pipeline, int queues) {
        Map<String, Long> now = new HashMap<>();
        pipeline.counters().reader().forEach((value, id, label) -> now.put(label, value));
        long sum = 0;
        for (int q = 0; q < queues; q++) {
            sum += now.getOrDefault("ingress" + q + ".frames.decoded", 0L);
        }
        return sum;
    }

    private static String topology(VethNamespace veth, Path dir) {
        StringBuilder ports = new StringBuilder();
        StringBuilder stages = new StringBuilder();
        for (int q = 0; q < veth.queues(); q++) {
            ports.append("    - {name: md%d, device: \"net_af_xdp%d,iface=%s,start_queue=%d,queue_count=1\", rx_queues: 1, tx_queues: 1, rx_desc: 4096, mbufs: 8191}\n"
                    .formatted(q, 50 + 10 * veth.queues() + q, veth.local(), q));
            stages.append("  - {name: ingress%d, kind: dpdk-rx, per_rx_queue: md%d, outputs: [market], thread: t0,\n"
                    .formatted(q, q))
                    .append("     params: {mold_sessions: %d, max_frame: 1514, tap: {file: \"%s\"}}}\n"
                            .formatted(CHANNELS, dir.resolve("rx-" + veth.queues() + "-" + q + ".pcap")));
        }
        return """
                dpdk:
                  eal: [-l, "0", --no-huge, --no-pci, -m, "256", --no-shconf, "--log-level=lib.eal:warning"]
                  ports:
                %srings:
                  - {name: market, event: itch, size: 16384}
                stages:
                %s  - {name: book, kind: book, shards: 2, params: {publish: false}, input: market, thread: t1}
                """.formatted(ports, stages);
    }

    /** A UDP payload with its destination group and port. */
    private record Datagram(InetSocketAddress to, byte[] payload) {
    }

    /** Every channel's datagrams, one of each channel in turn (each channel keeps its own order). */
    private static List<Datagram> interleave(Path dir) throws IOException {
        List<List<Datagram>> channels = new ArrayList<>();
        for (int k = 0; k < CHANNELS; k++) {
            channels.add(datagrams(dir.resolve("ch-" + k + ".pcap")));
        }
        List<Datagram> all = new ArrayList<>();
        while (channels.stream().anyMatch(c -> !c.isEmpty())) {
            for (List<Datagram> channel : channels) {
                if (!channel.isEmpty()) {
                    all.add(channel.removeFirst());
                }
            }
        }
        return all;
    }

    /** The UDP datagrams of a capture, in order. */
    private static List<Datagram> datagrams(Path pcap) throws IOException {
        List<Datagram> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined(); FileChannel file = FileChannel.open(pcap, StandardOpenOption.READ)) {
            MemorySegment bytes = file.map(FileChannel.MapMode.READ_ONLY, 0, file.size(), arena);
            PcapReader reader = new PcapReader(bytes, skip -> { throw new IllegalStateException(pcap + ": " + skip); });
            while (reader.peek()) {
                MemorySegment frame = bytes.asSlice(reader.frameOffset(), reader.frameLength());
                int ip = 14;
                if (frame.get(U16, 12) != 0x0800 || frame.get(ValueLayout.JAVA_BYTE, ip + 9) != 17) {
                    reader.advance();
                    continue; // the taps also hold the link's other traffic (IPv6 neighbour discovery)
                }
                int udp = ip + (frame.get(ValueLayout.JAVA_BYTE, ip) & 0x0F) * 4;
                byte[] group = ByteBuffer.allocate(4).putInt(frame.get(U32, ip + 16)).array();
                int port = Short.toUnsignedInt(frame.get(U16, udp + 2));
                int length = Short.toUnsignedInt(frame.get(U16, udp + 4)) - 8;
                out.add(new Datagram(new InetSocketAddress(InetAddress.getByAddress(group), port),
                        frame.asSlice(udp + 8, length).toArray(ValueLayout.JAVA_BYTE)));
                reader.advance();
            }
        }
        return out;
    }

    /**
     * Sends the feed from the namespace, 8 datagrams per millisecond: each AF_XDP RX ring (rx_desc 4096) holds half a
     * second of it while the stage thread is descheduled on a loaded machine.
     */
    private static void send(List<Datagram> feed) throws IOException, InterruptedException {
        try (DatagramChannel tx = DatagramChannel.open(StandardProtocolFamily.INET)) {
            tx.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            for (int i = 0; i < feed.size(); i++) {
                tx.send(ByteBuffer.wrap(feed.get(i).payload()), feed.get(i).to());
                if (i % 8 == 7) {
                    Thread.sleep(1);
                }
            }
        }
    }

    /** The group:port of every UDP frame in a capture. */
    private static Set<String> channelsIn(Path pcap) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Datagram d : datagrams(pcap)) {
            out.add(d.to().getAddress().getHostAddress() + ":" + d.to().getPort());
        }
        return out;
    }
}
