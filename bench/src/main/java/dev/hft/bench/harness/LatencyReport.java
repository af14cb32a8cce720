package dev.hft.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/** The text summary and the self-contained HTML percentile chart (inline SVG) of a list of steps. */
public final class LatencyReport {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};
    private static final String[] AXIS = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

    private LatencyReport() {
    }

    /** One line per step: rate, counts, p50/p99/p99.9/max in microseconds, GC count. */
    public static String text(List<LoopbackFeed.Step> steps) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%10s %9s %9s %6s %9s %9s %9s %9s %4s%n", "rate/s", "sent", "received", "lost",
                "p50 us", "p99 us", "p99.9 us", "max us", "gc"));
        for (LoopbackFeed.Step s : steps) {
            Histogram h = s.latency().histogram();
            b.append(String.format(Locale.ROOT, "%10d %9d %9d %6d %9.1f %9.1f %9.1f %9.1f %4d%n", s.rate(), s.sent(), s.received(),
                    s.lost() + s.gapMessages(), us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(99)),
                    us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()), s.gcCount()));
        }
        return b.toString();
    }

    /** One line of the chart: a label and the latencies it plots. */
    public record Curve(String label, Histogram histogram) {
    }

    /** Writes the chart and a table of the steps. */
    public static void html(Path file, String title, String caption, List<LoopbackFeed.Step> steps) throws IOException {
        StringBuilder table = new StringBuilder("<table border='1' cellpadding='3'><tr><th>rate/s</th><th>sent</th><th>received</th><th>lost</th>");
        for (double p : PERCENTILES) {
            table.append("<th>p").append(trim(p)).append(" us</th>");
        }
        table.append("<th>GC</th></tr>\n");
        for (LoopbackFeed.Step s : steps) {
            Histogram h = s.latency().histogram();
            table.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td>", s.rate(), s.sent(), s.received(),
                    s.lost() + s.gapMessages()));
            for (double p : PERCENTILES) {
                table.append(String.format(Locale.ROOT, "<td>%.1f</td>", us(h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p))));
            }
            table.append("<td>").append(s.gcCount()).append("</td></tr>\n");
        }
        table.append("</table>\n");
        page(file, title, caption, steps.stream().map(s -> new Curve(s.rate() + "/s" + (s.lossless() ? "" : " (loss)"),
                s.latency().histogram())).toList(), table.toString());
    }

    /** Writes a self-contained page: the percentile chart of {@code curves}, then {@code tableHtml}. */
    public static void page(Path file, String title, String caption, List<Curve> curves, String tableHtml) throws IOException {
        String page = "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>" + title + "</title></head><body>\n<h2>" + title
                + "</h2>\n<p>" + caption + "</p>\n" + svg(curves) + tableHtml + "</body></html>\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, page);
    }

    /** The chart: latency (log scale) against percentile (x = log10(1/(1-p)), as HdrHistogram plots do). */
    static String svg(List<Curve> curves) {
        int width = 900;
        int height = 420;
        int left = 70;
        int bottom = 50;
        int maxX = 5; // 99.999%
        double minY = 0;
        double maxY = 1;
        for (Curve c : curves) {
            if (c.histogram().getTotalCount() > 0) {
                maxY = Math.max(maxY, Math.log10(Math.max(1, us(c.histogram().getMaxValue()))) + 0.2);
            }
        }
        maxY = Math.ceil(maxY);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>%n",
                width, height));
        int plotW = width - left - 260;
        int plotH = height - bottom - 20;
        for (int x = 0; x <= maxX; x++) {
            double px = left + plotW * (double) x / maxX;
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='20' x2='%.1f' y2='%d' stroke='#ddd'/><text x='%.1f' y='%d' text-anchor='middle'>%s</text>%n",
                    px, px, 20 + plotH, px, 20 + plotH + 18, AXIS[x]));
        }
        for (int y = (int) minY; y <= maxY; y++) {
            double py = 20 + plotH - plotH * (y - minY) / (maxY - minY);
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/><text x='%d' y='%.1f' text-anchor='end'>%s us</text>%n",
                    left, py, left + plotW, py, left - 5, py + 4, trim(Math.pow(10, y))));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle'>percentile</text>%n", left + plotW / 2, height - 8));
        int i = 0;
        for (Curve c : curves) {
            Histogram h = c.histogram();
            if (h.getTotalCount() == 0) {
                continue;
            }
            String color = COLORS[i % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (int k = 0; k <= 100; k++) {
                double x = maxX * k / 100.0;
                double p = 100 * (1 - Math.pow(10, -x));
                double v = Math.log10(Math.max(1, us(h.getValueAtPercentile(p))));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + plotW * x / maxX,
                        20 + plotH - plotH * (Math.max(minY, v) - minY) / (maxY - minY)));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-width='2'%s points='%s'/>%n", color,
                    c.label().startsWith("w2w") ? " stroke-dasharray='6,3'" : "", points));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='%s'>%s</text>%n", left + plotW + 10, 30 + 16 * i,
                    color, c.label()));
            i++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    static double us(long nanos) {
        return nanos / 1000.0;
    }

    /** The {@code p}th percentile of {@code h} in microseconds, 0 for an empty histogram. */
    public static double pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : us(h.getValueAtPercentile(p));
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
