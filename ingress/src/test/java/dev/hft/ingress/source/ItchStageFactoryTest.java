package dev.hft.ingress.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.io.TempDir;

import dev.hft.ingress.route.RecordingRings;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.RingGroup;
import dev.hft.pipeline.Stage;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;
import dev.hft.pipeline.topology.Problem;
import dev.hft.pipeline.topology.TopologyLoader;

/** The itch-file and itch-udp kinds, found through ServiceLoader as the runtime finds them. */
class ItchStageFactoryTest {

    static final Path SAMPLES = Path.of(System.getProperty("hft.root", "../.."), "samples");

    static StageFactory factory(String kind) {
        return ServiceLoader.load(StageFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.kind().equals(kind)).findFirst().orElseThrow();
    }

    static List<String> problems(String kind, Map<String, Object> params) {
        List<String> out = new ArrayList<>();
        factory(kind).validate(new Params("params", params), (key, message) -> out.add(key + ": " + message));
        return out;
    }

    /** A context over recording rings with real agrona counters. */
    static final class TestContext implements StageContext {
        final RecordingRings rings = new RecordingRings(2, 1 << 16);
        final CountersManager counters = new CountersManager(
                new UnsafeBuffer(ByteBuffer.allocateDirect(256 * CountersReader.METADATA_LENGTH)),
                new UnsafeBuffer(ByteBuffer.allocateDirect(256 * CountersReader.COUNTER_LENGTH)), StandardCharsets.US_ASCII);
        final Map<String, AtomicCounter> byName = new HashMap<>();
        final List<String> halts = new ArrayList<>();
        final Params params;

        TestContext(Map<String, Object> params) {
            this.params = new Params("params", params);
        }

        public String name() {
            return "ingress";
        }

        public int instance() {
            return 0;
        }

        public int instances() {
            return 1;
        }

        public String role() {
            return "ingress";
        }

        public Params params() {
            return params;
        }

        @SuppressWarnings("unchecked")
        public <E> RingGroup<E> output(String ringName, Class<E> eventClass) {
            assertEquals("market", ringName);
            return (RingGroup<E>) rings;
        }

        public List<String> outputs() {
            return List.of("market");
        }

        public AtomicCounter counter(String name) {
            return byName.computeIfAbsent(name, n -> counters.newCounter("ingress." + n));
        }

        public void requestHalt(String reason) {
            halts.add(reason);
        }
    }

    @Test
    void itchFileReplaysTheBundledSampleAsPcapAndAsBinaryFileAlike() throws Exception {
        List<List<String>> streams = new ArrayList<>();
        for (String file : List.of("sample.pcap", "sample.itch")) {
            TestContext context = new TestContext(Map.of("path", SAMPLES.resolve(file).toString(), "batch", 50));
            Stage stage = assertInstanceOf(Stage.class, factory("itch-file").create(context));
            BinaryFileSourceTest.drain(stage);
            stage.onStop();
            assertEquals(20_000, context.byName.entrySet().stream().filter(e -> e.getKey().startsWith("messages."))
                    .mapToLong(e -> e.getValue().get()).sum());
            assertEquals(0, context.byName.entrySet().stream().filter(e -> e.getKey().startsWith("drop."))
                    .mapToLong(e -> e.getValue().get()).sum());
            streams.add(context.rings.messages(0));
            streams.add(context.rings.messages(1));
        }
        assertEquals(streams.get(0), streams.get(2));
        assertEquals(streams.get(1), streams.get(3));
    }

    @Test
    void filterThatMatchesNothingCountsEveryFrame() throws Exception {
        TestContext context = new TestContext(Map.of("path", SAMPLES.resolve("sample.pcap").toString(), "format", "pcap",
                "filter", List.of("233.1.1.1:1000")));
        Stage stage = (Stage) factory("itch-file").create(context);
        BinaryFileSourceTest.drain(stage);
        assertTrue(context.byName.get("drop.filtered_out").get() > 1000);
        assertEquals(0, context.byName.get("messages.A").get());
    }

    @Test
    void rxTapWritesEverySampledFrameToAPcapThatReadsBack(@TempDir Path dir) throws Exception {
        Path every = dir.resolve("every.pcap");
        Path third = dir.resolve("third.pcap");
        long frames = 0;
        for (Path tap : List.of(every, third)) {
            TestContext context = new TestContext(Map.of("path", SAMPLES.resolve("sample.pcap").toString(), "format", "pcap",
                    "via", "java", "tap", Map.of("file", tap.toString(), "sample", tap == every ? 1 : 3)));
            PcapSource stage = (PcapSource) factory("itch-file").create(context);
            BinaryFileSourceTest.drain(stage);
            stage.onStop();
            frames = stage.frames();
            assertEquals(20_000, context.byName.entrySet().stream().filter(e -> e.getKey().startsWith("messages."))
                    .mapToLong(e -> e.getValue().get()).sum(), "the tap passes every frame on to the decoder");
        }
        assertTrue(frames > 100);
        assertEquals(frames, countFrames(every));
        assertEquals(frames / 3, countFrames(third));
        assertEquals(List.of("tap.file: required: the pcap file to write", "tap.sample: must be at least 1",
                        "tap.max_bytes: must be a whole number, found 'lots'"),
                problems("itch-file", Map.of("path", SAMPLES.resolve("sample.pcap").toString(),
                        "tap", Map.of("sample", 0, "max_bytes", "lots"))));
        assertEquals(List.of("tap: a BinaryFILE has no frames to capture: tap a pcap replay"),
                problems("itch-file", Map.of("path", SAMPLES.resolve("sample.itch").toString(),
                        "tap", Map.of("file", dir.resolve("x.pcap").toString()))));
        assertEquals(List.of("tap.snaplen: unknown key; expected one of [file, max_bytes, max_packets, sample]"),
                problems("itch-file", Map.of("path", SAMPLES.resolve("sample.pcap").toString(),
                        "tap", Map.of("file", dir.resolve("x.pcap").toString(), "snaplen", 64))));
    }

    /** Frames PcapSource reads from a capture (all of them decode as well-formed pcap records). */
    static long countFrames(Path pcap) throws Exception {
        long[] count = new long[1];
        dev.hft.ingress.net.DropCounters drops = new dev.hft.ingress.net.DropCounters();
        try (PcapSource source = PcapSource.open("check", pcap, (f, o, l, n) -> count[0]++, drops, 64, false)) {
            BinaryFileSourceTest.drain(source);
        }
        return count[0];
    }

    @Test
    void validationNamesEachBadParameter() {
        assertEquals(List.of("path: required: the BinaryFILE or pcap file to replay"), problems("itch-file", Map.of()));
        assertEquals(List.of("format: expected binaryfile, pcap or auto, found 'csv'",
                        "gap_policy: retransmit needs a live source (itch-udp)",
                        "request_server: required by gap_policy retransmit (host:port)",
                        "filter: expected group:port, found 'nonsense'"),
                problems("itch-file", Map.of("path", SAMPLES.resolve("sample.itch").toString(), "format", "csv",
                        "gap_policy", "retransmit", "filter", "nonsense")));
        assertEquals(List.of("group: '10.0.0.1:26477' is not a multicast address", "retransmit_buffer: must be a power of two, found 1000"),
                problems("itch-udp", Map.of("group", "10.0.0.1:26477", "retransmit_buffer", 1000)));
        assertEquals(List.of(), problems("itch-udp", Map.of("group", List.of("233.54.12.111:26477", "233.49.196.111:26477"),
                "gap_policy", "retransmit", "request_server", "127.0.0.1:26478")));
    }

    @Test
    void unknownParamsAreReportedWithTheirSnakeCaseSpelling() {
        List<String> problems = problems("itch-file", Map.of("path", SAMPLES.resolve("sample.pcap").toString(),
                "gap-policy", "halt", "colour", "blue"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("colour: unknown param (known: ") || problems.get(1).startsWith("colour: unknown param (known: "),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("gap-policy: unknown param, did you mean 'gap_policy'?")),
                problems.toString());
        assertTrue(problems("itch-udp", Map.of("group", "233.54.12.111:26477", "max-retries", 3)).get(0)
                .startsWith("max-retries: unknown param, did you mean 'max_retries'?"));
        assertEquals(List.of(), problems("itch-file", Map.of("path", SAMPLES.resolve("sample.pcap").toString(),
                "gap_policy", "halt", "give_up", "halt", "retry_ms", 10, "max_retries", 2, "first_sequence", 1,
                "mold_sessions", 2, "shard_symbols", Map.of("0", List.of("AAPL")), "idle_timeout_ms", 100)));
    }

    @Test
    void topologyValidationReportsParameterProblemsAtTheirPath() {
        String yaml = """
                rings:
                  - {name: market, event: itch}
                stages:
                  - name: ingress
                    kind: itch-file
                    params: {path: no-such-file.itch, gap_policy: sometimes}
                    outputs: [market]
                """;
        List<Problem> errors = TopologyLoader.parse(yaml, "test", Path.of(".")).report().errors();
        assertTrue(errors.stream().anyMatch(p -> p.path().equals("stages[0].params.path")), errors.toString());
        assertTrue(errors.stream().anyMatch(p -> p.path().equals("stages[0].params.gap_policy")
                && p.message().contains("expected continue, halt, retransmit or wait")), errors.toString());
    }
}
