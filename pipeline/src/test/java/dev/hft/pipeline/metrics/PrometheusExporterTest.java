package dev.hft.pipeline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.hft.pipeline.runtime.Counters;

class PrometheusExporterTest {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\")*)?\\})? (-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|NaN|[+-]Inf)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "summary", "histogram", "untyped");

    @AfterEach
    void forgetHistogram() {
        Metrics.remove("test_latency");
    }

    @Test
    void everyLineIsValidExpositionFormatAndScrapesFollowTheCounters() throws Exception {
        Counters c = MetricsTestSupport.chain(10, 4);
        AtomicCounter drops = c.newCounter("rx-0.drop.bad_ipv4_checksum");
        c.newCounter("egress.sent.enter").set(2);
        LatencyHistogram h = Metrics.histogram("test_latency");
        for (int i = 1; i <= 100; i++) {
            h.record(i * 1_000L);
        }
        try (PrometheusExporter exporter = new PrometheusExporter(c.reader(), 0)) {
            String first = scrape(exporter.port());
            assertValid(first);
            assertTrue(first.contains("hft_ring_fill{ring=\"a\"} 6\n"), first);
            assertTrue(first.contains("hft_ring_capacity{ring=\"a\"} 8\n"), first);
            assertTrue(first.contains("hft_drops_total{queue=\"rx-0\",reason=\"bad_ipv4_checksum\"} 0\n"), first);
            assertTrue(first.contains("hft_stage_counter{stage=\"egress\",counter=\"sent.enter\"} 2\n"), first);
            assertTrue(first.contains("hft_latency_nanoseconds_count{histogram=\"test_latency\"} 100\n"), first);
            assertTrue(first.contains("hft_latency_nanoseconds{histogram=\"test_latency\",quantile=\"1.0\"} 100"), first);

            drops.increment();
            h.record(5_000_000);
            String second = scrape(exporter.port());
            assertValid(second);
            assertTrue(second.contains("hft_drops_total{queue=\"rx-0\",reason=\"bad_ipv4_checksum\"} 1\n"), second);
            assertTrue(second.contains("hft_latency_nanoseconds_count{histogram=\"test_latency\"} 101\n"), second);
        }
    }

    @Test
    void labelValuesAreEscaped() {
        Counters c = new Counters(8);
        c.newCounter("odd\"role\\.events_in").set(1);
        String text = PrometheusText.format(Snapshot.read(c.reader(), 0), java.util.List.of());
        assertValid(text);
        assertTrue(text.contains("hft_stage_events_in_total{stage=\"odd\\\"role\\\\\"} 1\n"), text);
    }

    private static String scrape(int port) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(PrometheusExporter.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(""));
            return r.body();
        }
    }

    /** Every line a HELP, a TYPE (declared once, before its samples) or a sample of a declared family. */
    static void assertValid(String text) {
        assertTrue(text.endsWith("\n"), "exposition ends with a newline");
        Set<String> typed = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String[] p = line.split(" ", 4);
                assertTrue(p.length == 4 && NAME.matcher(p[2]).matches(), line);
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                assertTrue(p.length == 4 && NAME.matcher(p[2]).matches() && TYPES.contains(p[3]), line);
                assertTrue(typed.add(p[2]), "TYPE declared twice: " + line);
            } else {
                var m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "not a valid sample line: " + line);
                String family = m.group(1).replaceAll("_(sum|count)$", "");
                assertTrue(typed.contains(m.group(1)) || typed.contains(family), "sample before its TYPE: " + line);
            }
        }
    }
}
