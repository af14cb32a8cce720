package dev.hft.ingress.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkTestSupport;
import dev.hft.ingress.IngressTestContext;
import dev.hft.ingress.source.PcapSource;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.Stage;
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
        IngressTestContext java = new IngressTestContext(Map.of("path", pcap.toString(), "via", "java"));
        Stage javaStage = assertInstanceOf(PcapSource.class, factory().create(java));
        drain(javaStage);
        javaStage.onStop();

        IngressTestContext dpdk = new IngressTestContext(Map.of("path", pcap.toString(), "via", "dpdk"));
        DpdkPcapReplay replay = assertInstanceOf(DpdkPcapReplay.class, factory().create(dpdk));
        replay.onStart();
        drain(replay);
        assertEquals(DpdkPcapReplay.scan(pcap).frames(), replay.receivedFrames(), "ended on the frame count, not the timeout");
        assertEquals(replay.port().pool().size(), replay.port().pool().availableCount(), "every mbuf back in the pool");
        replay.onStop();

        assertEquals(20_000, sum(dpdk, "messages."));
        assertEquals(0, sum(dpdk, "drop."));
        for (String prefix : List.of("messages.", "drop.")) {
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
        IngressTestContext auto = new IngressTestContext(Map.of("path", SAMPLES.resolve("sample.pcap").toString(), "via", "auto"));
        DpdkPcapReplay replay = assertInstanceOf(DpdkPcapReplay.class, factory().create(auto));
        replay.onStop();
    }

    @Test
    void aMissingOrUnreadableCaptureIsAClearStartError(@TempDir Path dir) throws Exception {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        Path notPcap = dir.resolve("not-a.pcap");
        Files.write(notPcap, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        TopologyException e = assertThrows(TopologyException.class,
                () -> factory().create(new IngressTestContext(Map.of("path", notPcap.toString(), "via", "dpdk"))));
        assertTrue(e.getMessage().contains("DPDK replays pcap files only"), e.getMessage());
        Path missing = notPcap.resolveSibling("missing-" + System.nanoTime() + ".pcap");
        assertThrows(java.io.IOException.class,
                () -> factory().create(new IngressTestContext(Map.of("path", missing.toString(), "via", "dpdk", "format", "pcap"))));
    }

    /** The sample's frames with one more record of {@code extra} bytes in the middle; the header's snaplen is {@code snaplen}. */
    private static Path withRecord(Path dir, String name, int extra, int snaplen, boolean cutLast) throws Exception {
        byte[] sample = Files.readAllBytes(SAMPLES.resolve("sample.pcap"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(sample, 0, 24).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.putInt(16, snaplen);
        out.write(sample, 0, 24);
        int middle = 24;
        for (int i = 0; i < 2_000; i++) {
            middle += 16 + java.nio.ByteBuffer.wrap(sample, middle + 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        }
        out.write(sample, 24, middle - 24);
        java.nio.ByteBuffer record = java.nio.ByteBuffer.allocate(16 + extra).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        record.putInt(0, 1).putInt(4, 0).putInt(8, extra).putInt(12, extra);
        out.write(record.array());
        out.write(sample, middle, sample.length - middle - (cutLast ? 7 : 0));
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void aCaptureNetPcapCannotReadWholeFallsBackToJavaOrIsRefused(@TempDir Path dir) throws Exception {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        Path jumbo = withRecord(dir, "jumbo.pcap", 9_000, 65_535, false);
        Path overSnaplen = withRecord(dir, "over-snaplen.pcap", 1_600, 1_514, false);
        Path cut = withRecord(dir, "cut.pcap", 60, 65_535, true);
        for (Path file : List.of(jumbo, overSnaplen, cut)) {
            String reason = DpdkPcapReplay.cannotReplay(DpdkPcapReplay.scan(file), dev.hft.dpdk.Mempool.defaultFrameRoom());
            assertTrue(reason != null, file + " must not go to net_pcap");
            IngressTestContext auto = new IngressTestContext(Map.of("path", file.toString(), "via", "auto"));
            Stage stage = assertInstanceOf(PcapSource.class, factory().create(auto), "auto falls back to Java: " + reason);
            drain(stage);
            stage.onStop();
            assertEquals(20_000, sum(auto, "messages."), file + ": the Java reader reads every genuine frame");
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> factory().create(new IngressTestContext(Map.of("path", file.toString(), "via", "dpdk"))));
            assertTrue(refused.getMessage().contains("via: java reads it whole"), refused.getMessage());
        }
        assertTrue(DpdkPcapReplay.cannotReplay(DpdkPcapReplay.scan(overSnaplen), 2048).contains("longer than the file's snaplen"));
        assertTrue(DpdkPcapReplay.cannotReplay(DpdkPcapReplay.scan(cut), 2048).contains("ends inside a record"));
        assertTrue(DpdkPcapReplay.cannotReplay(DpdkPcapReplay.scan(jumbo), 2048).contains("span several"));
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

    static long sum(IngressTestContext context, String prefix) {
        return counters(context, prefix).values().stream().mapToLong(Long::longValue).sum();
    }

    static Map<String, Long> counters(IngressTestContext context, String prefix) {
        Map<String, Long> out = new HashMap<>();
        context.byName.forEach((name, counter) -> {
            if (name.startsWith(prefix)) {
                out.put(name, counter.get());
            }
        });
        return out;
    }

}
