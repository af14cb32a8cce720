package dev.hft.pipeline.metrics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The process-wide registry of latency histograms. A stage asks for its histogram while it is built
 * ({@code Metrics.histogram("tick_to_trade")}), keeps the reference and records on its own thread; the
 * Prometheus exporter and the status logger read every histogram by snapshot.
 */
public final class Metrics {

    private static final ConcurrentMap<String, LatencyHistogram> HISTOGRAMS = new ConcurrentHashMap<>();

    private Metrics() {
    }

    /**
     * The histogram with this name, created on first use. Names are snake_case ({@code [a-z_][a-z0-9_]*}) so
     * they can appear as a Prometheus label value and in the status line as they are.
     */
    public static LatencyHistogram histogram(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("histogram name '" + name + "' is not snake_case");
        }
        return HISTOGRAMS.computeIfAbsent(name, LatencyHistogram::new);
    }

    /** Every registered histogram, sorted by name. */
    public static List<LatencyHistogram> histograms() {
        return HISTOGRAMS.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** Forgets one histogram (a test that registers its own removes it afterwards). */
    public static void remove(String name) {
        HISTOGRAMS.remove(name);
    }
}
