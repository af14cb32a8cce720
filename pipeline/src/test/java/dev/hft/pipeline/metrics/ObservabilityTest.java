package dev.hft.pipeline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.pipeline.placeholder.CountingSink;
import dev.hft.pipeline.runtime.Counters;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;

class ObservabilityTest {

    /** One thread, sleeping when idle: the test never spins more threads than the machine has cores. */
    static final String CHAIN = """
            threading: single
            rings:
              - {name: a, event: synthetic, size: 256}
            stages:
              - {name: src, kind: placeholder-source, params: {events: %d}, outputs: [a]}
              - {name: sink, kind: counting-sink, input: a, wait: blocking}
            """;

    static Pipeline livePipeline(Counters counters, long events) {
        Topology t = TopologyLoader.parse(CHAIN.formatted(events), "test", Path.of("."));
        assertFalse(t.report().hasErrors(), t.report().format());
        return PipelineBuilder.build(t, Map.of(), Catalog.installed(), counters);
    }

    @Test
    void aLiveRunIsFoundThroughItsDescriptorAndReadFromItsMappedFile(@TempDir Path dir) throws Exception {
        Counters counters = RunFiles.mappedCounters(dir, null, "chain.yaml", PipelineBuilder.COUNTER_CAPACITY);
        long pid = ProcessHandle.current().pid();
        Pipeline p = livePipeline(counters, Long.MAX_VALUE);
        p.start();
        try {
            List<RunFiles.Run> runs = RunFiles.list(dir);
            assertEquals(1, runs.size());
            RunFiles.Run run = runs.get(0);
            assertEquals(pid, run.pid());
            assertEquals("chain.yaml", run.topology());
            assertEquals(dir.resolve(pid + ".counters").toAbsolutePath(), run.counters());
            assertTrue(run.alive());
            CountersReader reader = Counters.openReader(run.counters());
            assertEquals(256, Counters.value(reader, "ring.a.capacity"));
            CountingSink sink = p.stage("sink", CountingSink.class);
            while (sink.received() < 10_000) {
                Thread.sleep(2);
            }
            Snapshot s = Snapshot.read(reader, System.nanoTime());
            assertTrue(s.stages().get("src").eventsOut() >= 10_000, s.toString());
            assertTrue(s.rings().get("a").consumedBy().get("sink") > 0, s.toString());
        } finally {
            assertTrue(p.stop(Duration.ofSeconds(30)), p.summary());
        }
        assertFalse(Files.exists(dir.resolve(pid + ".run")), "descriptor removed when the run ends");
        assertTrue(Files.exists(dir.resolve(pid + ".counters")), "counters kept for a look after the run");
    }

    @Test
    void exporterAndStatusLoggerStartWithThePipelineAndStopWithIt() throws Exception {
        Pipeline p = livePipeline(new Counters(PipelineBuilder.COUNTER_CAPACITY), 5_000);
        try (Observability o = Observability.start(p, 0, Duration.ofMillis(20))) {
            assertTrue(o.metricsPort() > 0);
            String text = new String(new java.net.URL("http://127.0.0.1:" + o.metricsPort() + "/metrics").openStream().readAllBytes());
            PrometheusExporterTest.assertValid(text);
            assertTrue(text.contains("hft_ring_capacity{ring=\"a\"} 256\n"), text);
        }
    }

    @Test
    void theTopologyFileSwitchesTheExporterAndStatusLineOn() throws Exception {
        String yaml = "metrics_port: 0\nstatus_interval: 50ms\n" + CHAIN.formatted(Long.MAX_VALUE);
        Topology t = TopologyLoader.parse(yaml, "test", Path.of("."));
        assertFalse(t.report().hasErrors(), t.report().format());
        assertEquals(new Topology.Observe(0, Duration.ofMillis(50)), t.observe());
        Pipeline p = PipelineBuilder.build(t, Map.of(), Catalog.installed(), new Counters(PipelineBuilder.COUNTER_CAPACITY));
        p.start();
        try {
            int port = p.observability().metricsPort();
            assertTrue(port > 0, "an ephemeral port was bound");
            String text = new String(new java.net.URL("http://127.0.0.1:" + port + "/metrics").openStream().readAllBytes());
            assertTrue(text.contains("hft_ring_capacity{ring=\"a\"} 256\n"), text);
        } finally {
            assertTrue(p.stop(Duration.ofSeconds(30)), p.summary());
        }
    }

    @Test
    void badMetricsSettingsInTheTopologyAreReportedWithTheirKeys() {
        String yaml = "metrics_port: 70000\nstatus_interval: soon\n" + CHAIN.formatted(10);
        Topology t = TopologyLoader.parse(yaml, "test", Path.of("."));
        String report = t.report().format();
        assertTrue(report.contains("metrics_port (line 1): expected a TCP port 0 to 65535"), report);
        assertTrue(report.contains("status_interval (line 2): expected a positive interval such as 10s"), report);
    }

    @Test
    void statusLineSaysRateDropsFullestRingAndOrders() {
        Counters before = MetricsTestSupport.chain(1_000, 1_000);
        Counters after = MetricsTestSupport.chain(3_000, 2_996);
        after.newCounter("rx-0.drop.bad_ipv4_checksum").set(7);
        after.newCounter("rx-0.loss").set(7);
        after.newCounter("egress.sent.enter").set(5);
        after.newCounter("egress.sent.cancel").set(2);
        String line = StatusLine.format(Snapshot.read(before.reader(), 0), Snapshot.read(after.reader(), 2_000_000_000L));
        assertEquals("status: 1000 msg/s, drops 7, lost 7, ring max fill 50% (a), orders 7, errors 0", line);
    }

    @Test
    void intervalsParseOrSayWhatIsWrong() {
        assertEquals(Duration.ofSeconds(10), Observability.parseInterval("10s"));
        assertEquals(Duration.ofMillis(500), Observability.parseInterval("500ms"));
        assertEquals(Duration.ofMinutes(2), Observability.parseInterval("2m"));
        assertEquals(Duration.ofSeconds(3), Observability.parseInterval("3"));
        assertEquals(null, Observability.parseInterval(null));
        assertThrows(IllegalArgumentException.class, () -> Observability.parseInterval("0s"));
        assertThrows(IllegalArgumentException.class, () -> Observability.parseInterval("soon"));
    }
}
