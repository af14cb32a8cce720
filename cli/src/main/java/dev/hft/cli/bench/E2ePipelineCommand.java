package dev.hft.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.hft.bench.harness.LatencyReport;
import dev.hft.bench.harness.PipelineE2e;
import dev.hft.bench.harness.PipelineE2eReport;
import dev.hft.bench.harness.VethPair;

/**
 * {@code hft bench e2e-pipeline}: tick-to-trade and wire-to-wire through the real pipeline ({@link PipelineE2e}) at
 * stepped rates, for each ingress in {@code --ingress} in the same run, then the kernel-socket ratios to each other
 * ingress at the rates both held.
 */
@Command(name = "e2e-pipeline", mixinStandardHelpOptions = true,
        description = "Tick-to-trade (ingress receipt -> order flushed) and wire-to-wire (planned send -> venue receipt) through"
                + " ingress, book, strategy, egress and the venue simulator over a veth pair in a network namespace (root).")
public final class E2ePipelineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ingress", split = ",", defaultValue = "udp,af_packet,af_xdp,pcap",
            description = "udp (itch-udp, kernel socket), af_packet (dpdk-rx on net_af_packet over the veth; 'dpdk' is its former"
                    + " name), af_xdp (dpdk-rx on net_af_xdp over the veth, the PMD's defaults), af_xdp_nobusy (the same with"
                    + " busy_budget=0) and/or pcap (dpdk-rx replaying the same feed from a file on net_pcap, unpaced), in this"
                    + " order (default: ${DEFAULT-VALUE}).")
    List<String> ingresses;

    @Option(names = "--rates", split = ",", defaultValue = "1000,5000,10000,20000,50000,100000",
            description = "Packets per second, stepped in order (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--seconds", defaultValue = "3", description = "Seconds per step (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--trigger-every", defaultValue = "1",
            description = "Every Nth packet is on the trigger stock and makes one order (default: ${DEFAULT-VALUE}).")
    int triggerEvery;

    @Option(names = "--p99-limit-us", defaultValue = "2000", description = "A step whose wire-to-wire p99 passes this has blown up (default: ${DEFAULT-VALUE}).")
    double p99LimitUs;

    @Option(names = "--pcap-packets", defaultValue = "200000",
            description = "Packets in the file the pcap ingress (dpdk-rx on net_pcap) replays unpaced (default: ${DEFAULT-VALUE}).")
    int pcapPackets;

    @Option(names = "--strategy", paramLabel = "CLASS", defaultValue = PipelineE2e.DEFAULT_STRATEGY,
            description = "The taker stage's strategy: one order per trigger packet, as the default does (default: ${DEFAULT-VALUE}).")
    String strategy;

    @picocli.CommandLine.Mixin
    dev.hft.cli.ClasspathOption classpath;

    @Option(names = "--topology", paramLabel = "FILE",
            description = "Place the four stages as this topology file places its ingress, book, strategy and egress stages"
                    + " (thread, core, wait; e.g. examples/latency-2core.yaml with cores this machine has); devices,"
                    + " addresses and the strategy stay the harness's. Default: ingress+book on one thread, strategy+egress"
                    + " on another, backoff waits.")
    Path topology;

    @Option(names = "--smoke", description = "One tiny step per ingress (a few seconds): checks the harness and writes the report.")
    boolean smoke;

    @Option(names = "--out", defaultValue = "bench/results/e2e-pipeline.html", description = "Chart file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter w = spec.commandLine().getOut();
        if (triggerEvery < 1) {
            throw new IllegalArgumentException("--trigger-every must be at least 1");
        }
        ingresses = ingresses.stream().map(PipelineE2e::ingress).toList();
        for (String ingress : ingresses) {
            if (!ingress.equals("udp") && !dev.hft.dpdk.Dpdk.isAvailable()) {
                throw new IllegalArgumentException("--ingress " + ingress + " needs DPDK, which is not usable here ("
                        + dev.hft.dpdk.Dpdk.unavailableReason() + "): run with --ingress udp");
            }
        }
        List<Integer> stepRates = smoke ? List.of(2_000) : rates;
        double stepSeconds = smoke ? 0.5 : seconds;
        List<PipelineE2e.Result> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Path work = Path.of("").toAbsolutePath();
        List<Path> userClasses = classpath.entries();
        w.println("strategy: " + strategy + (userClasses.isEmpty() ? "" : " from " + userClasses));
        java.util.Map<String, PipelineE2e.Placement> placement = topology == null ? PipelineE2e.DEFAULT_PLACEMENT
                : PipelineE2e.placementFrom(topology);
        if (topology != null) {
            w.println("placement from " + topology + ":");
            for (String role : List.of("ingress", "book", "taker", "egress")) {
                PipelineE2e.Placement p = placement.get(role);
                w.println("  " + role + ": thread " + p.thread() + (p.core() == null ? "" : ", core " + p.core())
                        + ", wait " + (p.waitStrategy() == null ? "backoff" : p.waitStrategy()));
            }
        }
        try (VethPair veth = VethPair.create()) {
            for (String ingress : ingresses) {
                if (ingress.equals("pcap")) {
                    int n = smoke ? 1000 : pcapPackets;
                    PipelineE2e.run(veth, ingress, 1_000_000, n, triggerEvery, work, strategy, userClasses, placement); // warm-up
                    PipelineE2e.Result r = PipelineE2e.run(veth, ingress, 1_000_000, n, triggerEvery, work, strategy, userClasses, placement);
                    results.add(r);
                    if (!r.lossless()) {
                        problems.add("pcap replay: " + r.triggers() + " triggers, " + r.ordersSent() + " orders sent, "
                                + r.venueOrders() + " at the venue, " + r.strategyRejects() + " risk rejects, " + r.feedDrops() + " feed drops " + r.dropDetail());
                    }
                    continue;
                }
                PipelineE2e.run(veth, ingress, stepRates.get(0), (int) Math.max(1000, stepRates.get(0) * stepSeconds), triggerEvery, work,
                        strategy, userClasses, placement); // warm-up
                for (int rate : stepRates) {
                    PipelineE2e.Result r = PipelineE2e.run(veth, ingress, rate, (int) Math.max(1000, rate * stepSeconds), triggerEvery, work,
                            strategy, userClasses, placement);
                    results.add(r);
                    if (!r.lossless()) {
                        problems.add(ingress + " at " + rate + "/s: " + r.triggers() + " triggers, " + r.ordersSent() + " orders sent, "
                                + r.venueOrders() + " at the venue, " + r.strategyRejects() + " risk rejects, " + r.feedDrops() + " feed drops " + r.dropDetail());
                        break;
                    }
                    if (r.wireToWire().histogram().getValueAtPercentile(99) > p99LimitUs * 1000) {
                        break;
                    }
                }
            }
        }
        String report = text(results, p99LimitUs);
        w.print(report);
        problems.forEach(p -> w.println("loss: " + p));
        PipelineE2eReport.html(out, results, stepSeconds, triggerEvery);
        w.println("chart: " + out.toAbsolutePath());
        w.flush();
        return 0;
    }

    /** The table, the highest rate held per ingress and the udp/dpdk ratios at each rate both ran without loss. */
    public static String text(List<PipelineE2e.Result> results, double p99LimitUs) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-13s %8s %8s %8s %8s %8s %5s | %-33s | %-33s | %3s | %-20s%n", "", "", "", "orders", "orders",
                "", "", "tick-to-trade us (egress)", "wire-to-wire us (venue)", "", "cpu us/packet"));
        b.append(String.format(Locale.ROOT, "%-13s %8s %8s %8s %8s %8s %5s | %7s %7s %8s %8s | %7s %7s %8s %8s | %3s | %6s %6s %6s%n", "ingress",
                "rate/s", "triggers", "sent", "venue", "rejects", "drops", "p50", "p99", "p99.9", "max", "p50", "p99", "p99.9", "max", "gc",
                "t0", "sender", "proc"));
        for (PipelineE2e.Result r : results) {
            Histogram t = r.tickToTrade();
            Histogram v = r.wireToWire().histogram();
            b.append(String.format(Locale.ROOT, "%-13s %8d %8d %8d %8d %8d %5d | %7s %7s %8s %8s | %7s %7s %8s %8s | %3d | %6.2f %6.2f %6.2f%n",
                    r.ingress(), r.ingress().equals("pcap") ? r.achievedRate() : r.rate(), r.triggers(), r.ordersSent(), r.venueOrders(), r.strategyRejects(), r.feedDrops(),
                    cell(t, 50), cell(t, 99), cell(t, 99.9), cell(t, 100), cell(v, 50), cell(v, 99), cell(v, 99.9), cell(v, 100),
                    r.gcCount(), PipelineE2e.Cpu.perPacketMicros(r.cpu().ingressThreadNanos(), r.packets()),
                    PipelineE2e.Cpu.perPacketMicros(r.cpu().senderThreadNanos(), r.packets()),
                    PipelineE2e.Cpu.perPacketMicros(r.cpu().processNanos(), r.packets())));
        }
        for (String ingress : results.stream().map(PipelineE2e.Result::ingress).filter(i -> !i.equals("pcap")).distinct().toList()) {
            int held = held(results, ingress, p99LimitUs);
            b.append("highest rate held by ").append(ingress).append(" without loss and with wire-to-wire p99 <= ").append(p99LimitUs)
                    .append(" us: ").append(held == 0 ? "none" : held + " packets/s").append('\n');
        }
        for (PipelineE2e.Result u : results) {
            if (!u.ingress().equals("udp") || !u.lossless()) {
                continue;
            }
            for (PipelineE2e.Result d : results) {
                if (!d.ingress().equals("udp") && !d.ingress().equals("pcap") && d.rate() == u.rate() && d.lossless()) {
                    b.append(String.format(Locale.ROOT, "udp/%s at %d/s: tick-to-trade p50 %.2f p99 %.2f, wire-to-wire p50 %.2f p99 %.2f%n",
                            d.ingress(), u.rate(), ratio(u.tickToTrade(), d.tickToTrade(), 50), ratio(u.tickToTrade(), d.tickToTrade(), 99),
                            ratio(u.wireToWire().histogram(), d.wireToWire().histogram(), 50),
                            ratio(u.wireToWire().histogram(), d.wireToWire().histogram(), 99)));
                }
            }
        }
        for (PipelineE2e.Result p : results) {
            if (p.ingress().equals("pcap")) {
                b.append(String.format(Locale.ROOT, "net_pcap replay (unpaced, %d packets): %d packets/s through ingress to the venue%s;"
                                + " its tick-to-trade is queueing behind the replay, and it has no planned send times (no wire-to-wire)%n",
                        p.packets(), p.achievedRate(), p.lossless() ? "" : " (LOSS)"));
                for (String ingress : results.stream().map(PipelineE2e.Result::ingress).filter(i -> !i.equals("pcap")).distinct().toList()) {
                    int held = held(results, ingress, p99LimitUs);
                    if (held > 0) {
                        b.append(String.format(Locale.ROOT, "pcap replay rate / highest rate held by %s: %.2f%n", ingress,
                                (double) p.achievedRate() / held));
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * The highest rate {@code ingress} held: without loss and with wire-to-wire p99 within the limit (a step past the
     * limit ends the ladder but is lossless, and is not a rate held); 0 when none.
     */
    static int held(List<PipelineE2e.Result> results, String ingress, double p99LimitUs) {
        int held = 0;
        for (PipelineE2e.Result r : results) {
            if (r.ingress().equals(ingress) && r.lossless() && r.wireToWire().histogram().getValueAtPercentile(99) <= p99LimitUs * 1000) {
                held = Math.max(held, r.rate());
            }
        }
        return held;
    }

    /** A percentile in microseconds with one decimal, or "-" when nothing was recorded. */
    private static String cell(Histogram h, double p) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", LatencyReport.pct(h, p));
    }

    private static double ratio(Histogram a, Histogram b, double p) {
        return (double) a.getValueAtPercentile(p) / Math.max(1, b.getValueAtPercentile(p));
    }
}
