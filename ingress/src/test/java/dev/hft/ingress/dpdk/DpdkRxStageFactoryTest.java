package dev.hft.ingress.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkException;
import dev.hft.dpdk.DpdkTestSupport;
import dev.hft.dpdk.SharedPorts;
import dev.hft.ingress.IngressTestContext;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.topology.Problem;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;
import dev.hft.venue.gen.ChannelOutput;
import dev.hft.venue.gen.FeedGenerator;

/** {@code kind: dpdk-rx}: one stage per RX queue of a shared net_pcap port, each with its own decode chain. */
class DpdkRxStageFactoryTest {

    private static final int MAX_STEPS = 1_000_000;

    @Test
    void twoRxQueuesEachDecodeTheirOwnFeedExactlyOnceAndTheLastStopClosesThePort(@TempDir Path dir) throws Exception {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        FeedGenerator.Summary a = FeedGenerator.write(new FeedGenerator.Options(4000, 20, 7), dir, "a");
        FeedGenerator.Summary b = FeedGenerator.write(new FeedGenerator.Options(3000, 15, 8), dir, "b");
        List<FeedGenerator.Summary> feeds = List.of(a, b);
        long[] frames = {DpdkPcapReplay.scan(dir.resolve("a.pcap")).frames(), DpdkPcapReplay.scan(dir.resolve("b.pcap")).frames()};
        Map<String, Object> port = Map.of("name", "md2", "device",
                "net_pcap40,rx_pcap=" + dir.resolve("a.pcap") + ",rx_pcap=" + dir.resolve("b.pcap"), "rx_queues", 2, "mbufs", 4095);
        List<IngressTestContext> contexts = new ArrayList<>();
        List<DpdkRxStageFactory.QueueStage> stages = new ArrayList<>();
        for (int q = 0; q < 2; q++) {
            IngressTestContext context = new IngressTestContext(Map.of("dpdk_port", port, "tap", Map.of("file", dir.resolve("rx.pcap").toString())), q, 2);
            contexts.add(context);
            stages.add(assertInstanceOf(DpdkRxStageFactory.QueueStage.class, DpdkPcapReplayTest.factory("dpdk-rx").create(context)));
        }
        assertEquals(2, SharedPorts.users("md2"), "one port for both queues");
        stages.forEach(DpdkRxStageFactory.QueueStage::onStart);
        for (int i = 0; i < MAX_STEPS && !(received(stages.get(0)) == frames[0] && received(stages.get(1)) == frames[1]); i++) {
            if (stages.get(0).doWork() + stages.get(1).doWork() == 0) {
                Thread.yield();
            }
        }
        var pool = stages.get(0).port().pool();
        assertEquals(pool.size(), pool.availableCount(), "every mbuf back in the pool");
        stages.get(1).onStop();
        assertEquals(1, SharedPorts.users("md2"), "still open while queue 0 runs");
        stages.get(0).onStop();
        assertEquals(0, SharedPorts.users("md2"), "closed after the last queue stopped");
        for (int q = 0; q < 2; q++) {
            IngressTestContext context = contexts.get(q);
            assertEquals(frames[q], context.byName.get("rx_packets").get(), "queue " + q + " frames");
            assertEquals(0, DpdkPcapReplayTest.sum(context, "drop."), DpdkPcapReplayTest.counters(context, "drop.").toString());
            assertEquals(feeds.get(q).messages(), DpdkPcapReplayTest.sum(context, "messages."), "queue " + q + " messages");
            for (char type : new char[] {'A', 'E', 'D', 'R'}) {
                long expected = feeds.get(q).count(type);
                Long seen = DpdkPcapReplayTest.counters(context, "messages." + type).get("messages." + type);
                assertEquals(expected, seen == null ? 0 : seen, "queue " + q + " type " + type);
            }
            assertTrue(!context.rings.messages(0).isEmpty() || !context.rings.messages(1).isEmpty());
        }
        assertTrue(contexts.get(0).byName.containsKey("port.imissed") && !contexts.get(1).byName.containsKey("port.imissed"));
        for (int q = 0; q < 2; q++) {
            assertEquals(frames[q], DpdkPcapReplay.scan(dir.resolve("rx-" + q + ".pcap")).frames(), "RX tap of queue " + q);
        }
    }

    @Test
    void aFeedSplitIntoTwoChannelsOnTwoRxQueuesGivesEveryStockTheSameMessagesAsTheSingleChannelJavaReplay(@TempDir Path dir) throws Exception {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        FeedGenerator.Options options = new FeedGenerator.Options(6000, 24, 11);
        FeedGenerator.write(options, dir, "single");
        ChannelOutput channels = FeedGenerator.writeChannels(options, 2, dir, "split");
        IngressTestContext single = new IngressTestContext(Map.of("path", dir.resolve("single.pcap").toString(), "via", "java"));
        dev.hft.pipeline.Stage replay = (dev.hft.pipeline.Stage) DpdkPcapReplayTest.factory("itch-file").create(single);
        for (int i = 0; i < MAX_STEPS && !replay.isExhausted(); i++) {
            replay.doWork();
        }
        replay.onStop();

        Map<String, Object> port = Map.of("name", "md5", "device", "net_pcap42,rx_pcap=" + dir.resolve("split-0.pcap")
                + ",rx_pcap=" + dir.resolve("split-1.pcap"), "rx_queues", 2, "mbufs", 4095);
        long[] frames = {DpdkPcapReplay.scan(dir.resolve("split-0.pcap")).frames(), DpdkPcapReplay.scan(dir.resolve("split-1.pcap")).frames()};
        List<IngressTestContext> queues = new ArrayList<>();
        List<DpdkRxStageFactory.QueueStage> stages = new ArrayList<>();
        for (int q = 0; q < 2; q++) {
            IngressTestContext context = new IngressTestContext(Map.of("dpdk_port", port, "filter", ChannelOutput.groupPort(q)), q, 2);
            queues.add(context);
            stages.add((DpdkRxStageFactory.QueueStage) DpdkPcapReplayTest.factory("dpdk-rx").create(context));
        }
        stages.forEach(DpdkRxStageFactory.QueueStage::onStart);
        for (int i = 0; i < MAX_STEPS && !(received(stages.get(0)) == frames[0] && received(stages.get(1)) == frames[1]); i++) {
            if (stages.get(0).doWork() + stages.get(1).doWork() == 0) {
                Thread.yield();
            }
        }
        stages.forEach(DpdkRxStageFactory.QueueStage::onStop);
        for (int q = 0; q < 2; q++) {
            assertEquals(0, DpdkPcapReplayTest.sum(queues.get(q), "drop."), DpdkPcapReplayTest.counters(queues.get(q), "drop.").toString());
            long[] expected = channels.typeCounts(q);
            assertEquals(java.util.Arrays.stream(expected).sum(), DpdkPcapReplayTest.sum(queues.get(q), "messages."), "channel " + q);
        }
        for (int shard = 0; shard < 2; shard++) {
            Map<String, List<String>> reference = byStock(List.of(single.rings.messages(shard)));
            Map<String, List<String>> split = byStock(List.of(queues.get(0).rings.messages(shard), queues.get(1).rings.messages(shard)));
            assertTrue(reference.size() > 5, "stocks on shard " + shard);
            assertEquals(reference, split, "shard " + shard + ": each stock's messages, in order, exactly once");
        }
    }

    /** Message bytes per stock locate (locate 0, replicated on every channel, left out), sequence numbers dropped. */
    static Map<String, List<String>> byStock(List<List<String>> streams) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (List<String> stream : streams) {
            for (String event : stream) {
                String bytes = event.substring(event.indexOf(':') + 1);
                String locate = bytes.substring(2, 6);
                if (!locate.equals("0000")) {
                    out.computeIfAbsent(locate, l -> new ArrayList<>()).add(bytes);
                }
            }
        }
        return out;
    }

    @Test
    void aPortWithoutEnoughQueuesOrABadDeviceIsAClearStartError(@TempDir Path tmp) throws Exception {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        Path pcap = tmp.resolve("one.pcap");
        FeedGenerator.write(new FeedGenerator.Options(500, 5, 3), pcap.getParent(), "one");
        Map<String, Object> fourQueues = Map.of("name", "md3", "device", "net_pcap41,rx_pcap=" + pcap.resolveSibling("one.pcap"),
                "rx_queues", 4);
        DpdkException tooMany = assertThrows(DpdkException.class,
                () -> DpdkPcapReplayTest.factory("dpdk-rx").create(new IngressTestContext(Map.of("dpdk_port", fourQueues), 0, 4)));
        assertTrue(tooMany.getMessage().contains("md3") && tooMany.getMessage().contains("RX queue"), tooMany.getMessage());
        assertEquals(0, SharedPorts.users("md3"));
        Map<String, Object> unknown = Map.of("name", "md4", "device", "net_nosuchdriver0", "rx_queues", 1);
        DpdkException bad = assertThrows(DpdkException.class,
                () -> DpdkPcapReplayTest.factory("dpdk-rx").create(new IngressTestContext(Map.of("dpdk_port", unknown), 0, 1)));
        assertTrue(bad.getMessage().contains("md4"), bad.getMessage());
        DpdkException mismatch = assertThrows(DpdkException.class,
                () -> DpdkPcapReplayTest.factory("dpdk-rx").create(new IngressTestContext(Map.of("dpdk_port", fourQueues), 0, 2)));
        assertEquals("port md3: 4 RX queues but 2 stage instances", mismatch.getMessage());
    }

    @Test
    void topologyReplicatesTheStagePerRxQueueAndChecksThePortEntries() {
        String yaml = """
                dpdk:
                  eal: [--no-huge, --no-pci]
                  ports:
                    - {name: md, device: "net_pcap0,rx_pcap=a.pcap,rx_pcap=b.pcap", rx_queues: 2, mbufs: 4095, socket: auto}
                    - {name: bad, device: "pcap:a.pcap", rx_queues: 0, tx_queues: 0, rx_desc: 0}
                rings:
                  - {name: market, event: itch}
                stages:
                  - {name: rx, kind: dpdk-rx, per_rx_queue: md, outputs: [market]}
                  - {name: book, kind: book, input: market}
                  - {name: named, kind: dpdk-rx, params: {dpdk_port: md}, outputs: [market]}
                  - {name: unknown, kind: dpdk-rx, params: {dpdk_port: nosuch}, outputs: [market]}
                """;
        Topology topology = TopologyLoader.parse(yaml, "test", Path.of("."));
        Topology.StageSpec rx = topology.stages().get(0);
        assertEquals(2, rx.instances());
        assertEquals("net_pcap0,rx_pcap=a.pcap,rx_pcap=b.pcap", new Params("p", rx.params()).child("dpdk_port").string("device", ""));
        assertEquals(List.of("--no-huge", "--no-pci"), new Params("p", rx.params()).strings("dpdk_eal"));
        List<String> errors = topology.report().errors().stream().map(Problem::toString).toList();
        assertTrue(errors.stream().anyMatch(e -> e.contains("dpdk.ports[1].device") && e.contains("expected a PCI address")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("dpdk.ports[1].rx_desc") && e.contains("at least 1")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("zero RX and zero TX queues")), errors.toString());
        assertTrue(errors.stream().noneMatch(e -> e.contains("dpdk.ports[0]") || e.contains("stages[0]")), errors.toString());
        assertEquals("md", new Params("p", topology.stages().get(2).params()).child("dpdk_port").string("name", ""));
        assertTrue(errors.stream().anyMatch(e -> e.contains("stages[3].params.dpdk_port") && e.contains("no DPDK port named 'nosuch'")),
                errors.toString());
    }

    @Test
    void validationAsksForPerRxQueue() {
        List<String> problems = new ArrayList<>();
        DpdkPcapReplayTest.factory("dpdk-rx").validate(new Params("params", Map.of("burst", 0)), (k, m) -> problems.add(k + ": " + m));
        assertEquals(List.of("dpdk_port: dpdk-rx runs one instance per RX queue: give the stage 'per_rx_queue: <port>'",
                "burst: must be in 1..512"), problems);
    }

    private static long received(DpdkRxStageFactory.QueueStage stage) {
        return stage.rx().rxQueue().counters().get(dev.hft.dpdk.QueueCounter.RX_PACKETS);
    }
}
