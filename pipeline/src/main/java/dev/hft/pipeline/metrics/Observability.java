package dev.hft.pipeline.metrics;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.topology.Topology;

/**
 * What a running pipeline exposes besides its counters: ring capacities written into the counters (so a reader
 * can tell fill % and a full ring), the Prometheus exporter and the periodic status line, both off by default.
 * Settings come from the topology ({@code metrics_port}, {@code status_interval}); system properties override
 * them, e.g. {@code HFT_JAVA_OPTS="-Dhft.metrics_port=9464 -Dhft.status_interval=10s" ./hft run}.
 */
public final class Observability implements AutoCloseable {

    public static final String METRICS_PORT = "hft.metrics_port";
    public static final String STATUS_INTERVAL = "hft.status_interval";

    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

    private final Pipeline pipeline;
    private final PrometheusExporter exporter;
    private final StatusLogger status;

    private Observability(Pipeline pipeline, PrometheusExporter exporter, StatusLogger status) {
        this.pipeline = pipeline;
        this.exporter = exporter;
        this.status = status;
    }

    /** Call once before the stage threads start: ring capacity counters are allocated here. */
    public static Observability start(Pipeline pipeline) {
        Topology.Observe declared = pipeline.topology().observe();
        Integer port = Integer.getInteger(METRICS_PORT, declared.metricsPort());
        Duration interval = System.getProperty(STATUS_INTERVAL) != null
                ? parseInterval(System.getProperty(STATUS_INTERVAL)) : declared.statusInterval();
        return start(pipeline, port == null ? -1 : port, interval);
    }

    /** @param metricsPort -1 for no exporter, 0 for any free port; statusInterval null for no status line */
    public static Observability start(Pipeline pipeline, int metricsPort, Duration statusInterval) {
        for (Pipeline.RingStats ring : pipeline.ringStats()) {
            pipeline.counters().newCounter("ring." + ring.name() + ".capacity").setRelease(ring.size());
        }
        PrometheusExporter exporter = null;
        if (metricsPort >= 0) {
            exporter = new PrometheusExporter(pipeline.counters().reader(), metricsPort);
            LOG.info("metrics: http://127.0.0.1:{}/metrics", exporter.port());
        }
        StatusLogger status = statusInterval == null ? null : new StatusLogger(pipeline.counters().reader(), statusInterval);
        return new Observability(pipeline, exporter, status);
    }

    /** "10s", "500ms", "2m" or a number of seconds; null or empty for none. */
    public static Duration parseInterval(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            Duration d;
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(t));
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(STATUS_INTERVAL + " must be positive, got '" + text + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(STATUS_INTERVAL + ": expected e.g. 10s, 500ms or 2m, got '" + text + "'");
        }
    }

    /** The exporter's port, or -1 when it is off. */
    public int metricsPort() {
        return exporter == null ? -1 : exporter.port();
    }

    @Override
    public void close() {
        if (exporter != null) {
            exporter.close();
        }
        if (status != null) {
            status.close();
        }
        RunFiles.release(pipeline.counters());
    }
}
