package dev.hft.pipeline.metrics;

import java.util.List;

import org.HdrHistogram.Histogram;

/** Formats a snapshot and the latency histograms in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {

    static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 1.0};

    private PrometheusText() {
    }

    public static String format(Snapshot s, List<LatencyHistogram> histograms) {
        StringBuilder out = new StringBuilder(4096);
        family(out, "hft_stage_events_in_total", "counter", "Events a stage instance consumed from its input ring.");
        s.stages().values().forEach(st -> sample(out, "hft_stage_events_in_total", st.eventsIn(), "stage", st.role()));
        family(out, "hft_stage_events_out_total", "counter", "Events a stage instance published.");
        s.stages().values().forEach(st -> sample(out, "hft_stage_events_out_total", st.eventsOut(), "stage", st.role()));
        family(out, "hft_stage_batches_total", "counter", "Steps in which a stage instance did work.");
        s.stages().values().forEach(st -> sample(out, "hft_stage_batches_total", st.batches(), "stage", st.role()));
        family(out, "hft_stage_idle_cycles_total", "counter", "Steps in which a stage instance found nothing to do.");
        s.stages().values().forEach(st -> sample(out, "hft_stage_idle_cycles_total", st.idleCycles(), "stage", st.role()));
        family(out, "hft_stage_errors_total", "counter", "Exceptions a stage instance raised and its error policy handled.");
        s.stages().values().forEach(st -> sample(out, "hft_stage_errors_total", st.errors(), "stage", st.role()));
        family(out, "hft_drops_total", "counter", "Frames, packets or messages dropped by an RX/TX queue or decode stage, by reason.");
        s.stages().values().forEach(st -> st.drops().forEach((reason, v) ->
                sample(out, "hft_drops_total", v, "queue", st.role(), "reason", reason)));
        family(out, "hft_lost_total", "counter", "What a decode stage lost: drops that lose data, and sequence numbers never filled.");
        s.stages().values().forEach(st -> sample(out, "hft_lost_total", st.lost(), "stage", st.role()));
        family(out, "hft_ring_published_total", "counter", "Events published into a ring replica.");
        s.rings().values().forEach(r -> sample(out, "hft_ring_published_total", r.published(), "ring", r.name()));
        family(out, "hft_ring_consumed_total", "counter", "Events a consumer stage took from a ring replica.");
        s.rings().values().forEach(r -> r.consumedBy().forEach((role, v) ->
                sample(out, "hft_ring_consumed_total", v, "ring", r.name(), "stage", role)));
        family(out, "hft_ring_fill", "gauge", "Events published into a ring replica and not yet taken by its slowest consumer.");
        s.rings().values().forEach(r -> sample(out, "hft_ring_fill", r.fill(), "ring", r.name()));
        family(out, "hft_ring_capacity", "gauge", "Slots of a ring replica.");
        s.rings().values().forEach(r -> sample(out, "hft_ring_capacity", r.capacity(), "ring", r.name()));
        family(out, "hft_stage_counter", "untyped", "A stage's own counter, named by the stage.");
        s.others().forEach(c -> sample(out, "hft_stage_counter", c.value(), "stage", c.role(), "counter", c.name()));
        if (!histograms.isEmpty()) {
            family(out, "hft_latency_nanoseconds", "summary", "Latency histograms (HdrHistogram, 3 significant digits) since start.");
            for (LatencyHistogram h : histograms) {
                Histogram snap = h.snapshot();
                for (double q : QUANTILES) {
                    sample(out, "hft_latency_nanoseconds", snap.getTotalCount() == 0 ? 0 : snap.getValueAtPercentile(q * 100),
                            "histogram", h.name(), "quantile", Double.toString(q));
                }
                sample(out, "hft_latency_nanoseconds_sum", Math.round(snap.getMean() * snap.getTotalCount()), "histogram", h.name());
                sample(out, "hft_latency_nanoseconds_count", snap.getTotalCount(), "histogram", h.name());
            }
        }
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, long value, String... labels) {
        out.append(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(labels[i]).append("=\"");
            escape(out, labels[i + 1]);
            out.append('"');
        }
        out.append("} ").append(value).append('\n');
    }

    private static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
