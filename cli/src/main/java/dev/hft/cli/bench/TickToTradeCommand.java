package dev.hft.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.hft.bench.harness.TickToTrade;

/**
 * {@code hft bench t2t}: software tick-to-trade from an RX burst's return to the TX burst's return through the real
 * stages on busy-spinning threads ({@link TickToTrade}). Several layouts and rounds run interleaved in one JVM.
 */
@Command(name = "t2t", mixinStandardHelpOptions = true,
        description = "Software tick-to-trade (RX burst return -> TX burst return) through dpdk-rx, book, a trigger strategy with"
                + " pre-trade risk and OUCH egress over DPDK net_ring ports, on busy-spinning pinned threads.")
public final class TickToTradeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--layout", split = ",", defaultValue = "single",
            description = "single (every stage on one busy-spinning thread), pair (ingress+book on one core, strategy+egress on"
                    + " the other, both busy-spinning), stages (one unpinned thread per stage, backoff waits: the allocation"
                    + " check's layout, not a latency figure); a list runs them interleaved (default: ${DEFAULT-VALUE}).")
    List<String> layouts;

    @Option(names = "--packets", defaultValue = "100000", description = "Packets measured per run (default: ${DEFAULT-VALUE}).")
    int packets;

    @Option(names = "--warmup", defaultValue = "50000", description = "Packets sent first, not measured (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rate", defaultValue = "20000",
            description = "Packets per second at most, one per wake-up of the feeding thread (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--trigger-every", defaultValue = "2",
            description = "Every Nth packet moves the trigger stock's bid and makes one order (default: ${DEFAULT-VALUE}).")
    int triggerEvery;

    @Option(names = "--rounds", defaultValue = "1", description = "Runs per layout, interleaved (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--cores", split = ",", defaultValue = "0,1",
            description = "Two cores: the feeding thread (and pair's ingress+book) on the first, the measured thread on the"
                    + " second (default: ${DEFAULT-VALUE}).")
    int[] cores;

    @Option(names = "--step-times", description = "Also time every busy step of each stage (histograms step_nanos_<role>) and"
            + " print their p50/p99 per run: where the time goes. The clock reads add to the tick-to-trade figure.")
    boolean stepTimes;

    @Option(names = "--json", paramLabel = "OUT", description = "Writes layout, triggers, t2t_p50_ns, t2t_p99_ns, t2t_p999_ns,"
            + " t2t_max_ns, gc_count: one object for one run, an array of them for several (load averages are on the printed lines).")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        List<TickToTrade.Layout> order = new ArrayList<>();
        for (String l : layouts) {
            order.add(TickToTrade.Layout.parse(l));
        }
        if (cores.length != 2 || cores[0] == cores[1]) {
            throw new IllegalArgumentException("--cores takes two different cores, found " + Arrays.toString(cores));
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        if (!dev.hft.dpdk.Dpdk.isAvailable()) {
            throw new IllegalArgumentException("bench t2t needs DPDK, which is not usable here: " + dev.hft.dpdk.Dpdk.unavailableReason());
        }
        w.printf(Locale.ROOT, "t2t: %d warm-up + %d measured packets per run at <= %d/s, every %s packet a trigger; cores %d (feed%s), %d (measured)%n",
                warmup, packets, rate, triggerEvery == 1 ? "" : ordinal(triggerEvery), cores[0],
                order.contains(TickToTrade.Layout.PAIR) ? "; pair: ingress+book" : "", cores[1]);
        w.flush();
        List<TickToTrade.Result> results = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        boolean complete = true;
        Path work = Path.of("").toAbsolutePath();
        for (int round = 1; round <= rounds; round++) {
            for (TickToTrade.Layout layout : order) {
                String loadBefore = TickToTrade.loadAverage();
                TickToTrade.Result r = TickToTrade.run(new TickToTrade.Options(layout, warmup, packets, rate, triggerEvery, cores, stepTimes), work);
                String load = loadBefore + " -> " + TickToTrade.loadAverage();
                if (round == 1) {
                    r.placement().stream().filter(l -> l.contains(" on thread ")).forEach(l -> w.println("  " + l.trim()));
                }
                w.println("round " + round + " " + TickToTrade.line(r) + " | load " + load);
                w.flush();
                results.add(r);
                objects.add(r.json());
                complete &= r.complete();
            }
        }
        w.print(summary(results));
        if (json != null) {
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            Files.writeString(json, (objects.size() == 1 ? objects.get(0) : "[\n  " + String.join(",\n  ", objects) + "\n]") + "\n");
            w.println("json: " + json.toAbsolutePath());
        }
        w.flush();
        if (!complete) {
            spec.commandLine().getErr().println("t2t: a run did not give exactly one correct order per trigger (see INCOMPLETE above)");
            return 1;
        }
        return 0;
    }

    /** Per layout, the median over rounds of each percentile; with both layouts, what the pair layout adds. */
    static String summary(List<TickToTrade.Result> results) {
        StringBuilder b = new StringBuilder();
        long[] singleP50 = null;
        long[] pairP50 = null;
        for (TickToTrade.Layout layout : TickToTrade.Layout.values()) {
            List<TickToTrade.Result> mine = results.stream().filter(r -> r.layout() == layout).toList();
            if (mine.isEmpty()) {
                continue;
            }
            long[] p50 = mine.stream().mapToLong(r -> r.percentile(50)).sorted().toArray();
            long[] p99 = mine.stream().mapToLong(r -> r.percentile(99)).sorted().toArray();
            long[] p999 = mine.stream().mapToLong(r -> r.percentile(99.9)).sorted().toArray();
            long gc = mine.stream().mapToLong(TickToTrade.Result::gcCount).sum();
            b.append(String.format(Locale.ROOT, "%-6s median over %d run(s): t2t p50 %d ns, p99 %d ns, p99.9 %d ns; p50 range %d..%d ns; GCs %d%n",
                    layout.yamlName(), mine.size(), median(p50), median(p99), median(p999), p50[0], p50[p50.length - 1], gc));
            if (layout == TickToTrade.Layout.SINGLE) {
                singleP50 = p50;
            } else if (layout == TickToTrade.Layout.PAIR) {
                pairP50 = p50;
            }
        }
        if (singleP50 != null && pairP50 != null) {
            b.append(String.format(Locale.ROOT, "pair - single, p50 medians: %d ns for the one ring hop between cores on the path (book events)%n",
                    median(pairP50) - median(singleP50)));
        }
        return b.toString();
    }

    private static long median(long[] sorted) {
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String ordinal(int n) {
        return n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        });
    }
}
