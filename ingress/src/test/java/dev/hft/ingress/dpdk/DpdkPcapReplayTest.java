package dev.hft.ingress.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkTestSupport;
import dev.hft.ingress.route.RecordingRings;
import dev.hft.ingress.source.PcapSource;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.RingGroup;
import dev.hft.pipeline.Stage;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;
import dev.hft.pipeline.TopologyException;

/** {@code itch-file} with {@code via: dpdk}: net_pcap replay of the bundled capture against the pure-Java source. */
class DpdkPcapReplayTest {

    private static final Path SAMPLES = Path.of(System.getProperty("hft.root", "../.."), "samples");
    private static final int MAX_STEPS = 2_000_000;

    @Test
    void dpdkReplayPublishesTheSameMessagesToEveryShardAsThePureJavaSource() throws Exception {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        Path pcap = SAMPLES.resolve("sample.pcap");
        Context java = new Context(Map.of("path", pcap.toString(), "via", "java"));
        Stage javaStage = assertInstanceOf(PcapSource.class, factory().create(java));
        drain(javaStage);
        javaStage.onStop();

        Context dpdk = new Context(Map.of("path", pcap.toString(), "via", "dpdk"));
        DpdkPcapReplay replay = assertInstanceOf(DpdkPcapReplay.class, factory().create(dpdk));
        replay.onStart();
        drain(replay);
        assertEquals(DpdkPcapReplay.countFrames(pcap), replay.receivedFrames(), "ended on the frame count, not the timeout");
        assertEquals(replay.port().pool().size(), replay.port().pool().availableCount(), "every mbuf back in the pool");
        replay.onStop();

        assertEquals(20_000, sum(dpdk, "messages-"));
        assertEquals(0, sum(dpdk, "drop-"));
        for (String prefix : List.of("messages-", "drop-")) {
            assertEquals(counters(java, prefix), counters(dpdk, prefix), prefix + " counters");
        }
        for (int shard = 0; shard < 2; shard++) {
            assertTrue(!java.rings.messages(shard).isEmpty());
            assertEquals(java.rings.messages(shard), dpdk.rings.messages(shard), "shard " + shard);
        }
    }

    @Test
    void autoTakesDpdkWhenItIsUsable() throws Exception {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        Context auto = new Context(Map.of("path", SAMPLES.resolve("sample.pcap").toString(), "via", "auto"));
        DpdkPcapReplay replay = assertInstanceOf(DpdkPcapReplay.class, factory().create(auto));
        replay.onStop();
    }

    @Test
    void aMissingOrUnreadableCaptureIsAClearStartError() throws Exception {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        Path notPcap = Files.createTempFile("not-a", ".pcap");
        Files.write(notPcap, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        TopologyException e = assertThrows(TopologyException.class,
                () -> factory().create(new Context(Map.of("path", notPcap.toString(), "via", "dpdk"))));
        assertTrue(e.getMessage().contains("DPDK replays pcap files only"), e.getMessage());
        Path missing = notPcap.resolveSibling("missing-" + System.nanoTime() + ".pcap");
        assertThrows(java.io.IOException.class,
                () -> factory().create(new Context(Map.of("path", missing.toString(), "via", "dpdk", "format", "pcap"))));
    }

    @Test
    void validationNamesBadViaValues() {
        String path = SAMPLES.resolve("sample.pcap").toString();
        assertEquals(List.of("via: expected java, dpdk or auto, found 'xdp'"), problems(Map.of("path", path, "via", "xdp")));
        assertEquals(List.of("via: DPDK replays pcap files only; a BinaryFILE is read by the Java source (via: java)"),
                problems(Map.of("path", SAMPLES.resolve("sample.itch").toString(), "via", "dpdk", "format", "binaryfile")));
        assertEquals(List.of("idle_timeout_ms: must be positive"), problems(Map.of("path", path, "via", "dpdk", "idle_timeout_ms", 0)));
        assertEquals(List.of(), problems(Map.of("path", path, "via", "auto")));
    }

    private static void drain(Stage stage) {
        for (int i = 0; i < MAX_STEPS && !stage.isExhausted(); i++) {
            if (stage.doWork() == 0) {
                Thread.yield();
            }
        }
        assertTrue(stage.isExhausted(), "source ended by itself");
    }

    private static StageFactory factory() {
        return factory("itch-file");
    }

    static StageFactory factory(String kind) {
        return ServiceLoader.load(StageFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.kind().equals(kind)).findFirst().orElseThrow();
    }

    private static List<String> problems(Map<String, Object> params) {
        List<String> out = new ArrayList<>();
        factory().validate(new Params("params", params), (key, message) -> out.add(key + ": " + message));
        return out;
    }

    static long sum(Context context, String prefix) {
        return counters(context, prefix).values().stream().mapToLong(Long::longValue).sum();
    }

    static Map<String, Long> counters(Context context, String prefix) {
        Map<String, Long> out = new HashMap<>();
        context.byName.forEach((name, counter) -> {
            if (name.startsWith(prefix)) {
                out.put(name, counter.get());
            }
        });
        return out;
    }

    /** Two recording book shards and real agrona counters. */
    static final class Context implements StageContext {
        final RecordingRings rings = new RecordingRings(2, 1 << 16);
        final CountersManager counters = new CountersManager(
                new UnsafeBuffer(ByteBuffer.allocateDirect(256 * CountersReader.METADATA_LENGTH)),
                new UnsafeBuffer(ByteBuffer.allocateDirect(256 * CountersReader.COUNTER_LENGTH)), StandardCharsets.US_ASCII);
        final Map<String, AtomicCounter> byName = new HashMap<>();
        final Params params;
        final int instance;
        final int instances;

        Context(Map<String, Object> params) {
            this(params, 0, 1);
        }

        Context(Map<String, Object> params, int instance, int instances) {
            this.params = new Params("params", params);
            this.instance = instance;
            this.instances = instances;
        }

        public String name() {
            return "ingress";
        }

        public int instance() {
            return instance;
        }

        public int instances() {
            return instances;
        }

        public String role() {
            return instances == 1 ? "ingress" : "ingress-" + instance;
        }

        public Params params() {
            return params;
        }

        @SuppressWarnings("unchecked")
        public <E> RingGroup<E> output(String ringName, Class<E> eventClass) {
            return (RingGroup<E>) rings;
        }

        public List<String> outputs() {
            return List.of("market");
        }

        public AtomicCounter counter(String name) {
            return byName.computeIfAbsent(name, n -> counters.newCounter(role() + "." + n));
        }

        public void requestHalt(String reason) {
            throw new AssertionError("halt: " + reason);
        }
    }
}
