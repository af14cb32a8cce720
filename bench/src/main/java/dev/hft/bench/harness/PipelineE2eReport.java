package dev.hft.bench.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/** The HTML page of an e2e-pipeline run: both latencies of every step on one percentile chart, and the table. */
public final class PipelineE2eReport {

    private static final double[] PERCENTILES = {50, 99, 99.9, 100};

    private PipelineE2eReport() {
    }

    public static void html(Path file, List<PipelineE2e.Result> results, double stepSeconds, int triggerEvery) throws IOException {
        List<LatencyReport.Curve> curves = new ArrayList<>();
        for (PipelineE2e.Result r : results) {
            String step = r.ingress() + " " + (r.ingress().equals("pcap") ? r.achievedRate() + "/s unpaced" : r.rate() + "/s")
                    + (r.lossless() ? "" : " (loss)");
            curves.add(new LatencyReport.Curve("t2t " + step, r.tickToTrade()));
            if (r.wireToWire().histogram().getTotalCount() > 0) {
                curves.add(new LatencyReport.Curve("w2w " + step, r.wireToWire().histogram()));
            }
        }
        StringBuilder table = new StringBuilder("<table border='1' cellpadding='3'><tr><th>ingress</th><th>rate/s</th><th>triggers</th>"
                + "<th>orders sent</th><th>orders at venue</th><th>risk rejects</th><th>feed drops</th>");
        for (String what : new String[] {"t2t", "w2w"}) {
            for (double p : PERCENTILES) {
                table.append("<th>").append(what).append(p == 100 ? " max" : " p" + LatencyReport.trim(p)).append(" us</th>");
            }
        }
        table.append("<th>GC</th></tr>\n");
        for (PipelineE2e.Result r : results) {
            table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>",
                    r.ingress(), r.ingress().equals("pcap") ? r.achievedRate() : r.rate(), r.triggers(), r.ordersSent(), r.venueOrders(), r.strategyRejects(), r.feedDrops()));
            for (Histogram h : new Histogram[] {r.tickToTrade(), r.wireToWire().histogram()}) {
                for (double p : PERCENTILES) {
                    table.append(String.format(Locale.ROOT, "<td>%.1f</td>", LatencyReport.pct(h, p)));
                }
            }
            table.append("<td>").append(r.gcCount()).append("</td></tr>\n");
        }
        table.append("</table>\n");
        LatencyReport.page(file, "hft tick-to-trade and wire-to-wire through the pipeline",
                "MoldUDP64 sent at planned times from a network namespace across a veth pair; ingress (kernel UDP socket, DPDK"
                        + " net_af_packet or net_af_xdp; net_pcap replays the same packets from a file) -> one book shard -> TriggerTaker (one IOC order per trigger packet, every " + triggerEvery
                        + " packet(s)) -> egress (OUCH 4.2 over SoupBinTCP on loopback) -> venue simulator. t2t (solid) = egress flush"
                        + " minus ingress receipt; w2w (dashed) = venue receipt minus planned send time (no coordinated omission). "
                        + stepSeconds + " s per step. 2-core VM, every thread backs off (spin, yield, park up to 1 ms): not"
                        + " production figures.", curves, table.toString());
    }
}
