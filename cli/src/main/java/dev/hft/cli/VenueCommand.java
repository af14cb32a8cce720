package dev.hft.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.Yaml;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.hft.venue.RejectReason;
import dev.hft.venue.Venue;

/**
 * {@code hft venue}: one venue simulator, from a file (the keys of one {@code venues:} entry of a topology, or a
 * topology whose first venue is used) or from options, until Ctrl-C or {@code --duration}; prints its counters at
 * the end. Exit 0, or 2 for a configuration to fix.
 */
@Command(name = "venue", description = "Run the venue simulator (OUCH over SoupBinTCP/UDP in, ITCH over MoldUDP64 out) until Ctrl-C or --duration.")
final class VenueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file: one venue (keys as under venues: in docs/topology.md) or a topology with a venues: section.")
    Path config;

    @Option(names = "--symbol", paramLabel = "STOCK=PRICE[/TICK]", description = "A tradable symbol and its reference price in dollars, e.g. EP=86.94 (repeatable).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--soup", paramLabel = "USER:PASSWORD@HOST:PORT[/SESSION]", description = "A SoupBinTCP account (repeatable); port 0 picks a free one.")
    List<String> soup = new ArrayList<>();

    @Option(names = "--ouch-udp", paramLabel = "HOST:PORT", description = "Also take OUCH over UDP (MoldUDP64) here.")
    String ouchUdp;

    @Option(names = "--itch", paramLabel = "GROUP:PORT", description = "Where the venue's ITCH goes (multicast group or unicast). Default 233.54.12.111:26477.")
    String itch;

    @Option(names = "--flow-rate", paramLabel = "N", description = "Background orders per second (default 1000).")
    Integer flowRate;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the background flow (default 1).")
    Integer seed;

    @Option(names = {"-d", "--duration"}, paramLabel = "D", converter = DurationConverter.class, description = "Stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        VenueSection section = section(problems);
        if (section == null || !problems.isEmpty()) {
            problems.forEach(p -> err.println("venue: " + p));
            if (problems.isEmpty()) {
                err.println("venue: give --config FILE or at least one --symbol");
            }
            return Main.USAGE;
        }
        EmbeddedVenue venue = EmbeddedVenue.start(section);
        out.println(venue.describe().replace("embedded, ", ""));
        out.flush();
        CountDownLatch printed = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            venue.stop();
            try {
                printed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hft-venue-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (venue.alive() && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        venue.stop();
        out.print(counters(venue.venue()));
        out.flush();
        printed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException e) {
            // already shutting down on Ctrl-C: the hook returns once the counters are printed
        }
        if (venue.failure() != null) {
            err.println("venue failed: " + venue.failure());
            return 1;
        }
        return 0;
    }

    private VenueSection section(List<String> problems) throws java.io.IOException {
        if (config != null) {
            Object loaded = new Yaml().load(Files.readString(config));
            Object entry = loaded instanceof Map<?, ?> m && m.containsKey("venues") ? m.get("venues") : loaded;
            if (entry instanceof List<?> l && !l.isEmpty()) {
                entry = l.get(0);
            }
            if (!(entry instanceof Map<?, ?> m)) {
                problems.add(config + ": expected a venue (a map with name, symbols, ...) or a topology with venues:");
                return null;
            }
            Map<Object, Object> copy = new LinkedHashMap<>(m);
            copy.putIfAbsent("name", "venue");
            copy.remove("embedded");
            return VenueSection.parseOne(copy, config.toString(), problems);
        }
        if (symbols.isEmpty()) {
            return null;
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("name", "venue");
        Map<String, Object> syms = new LinkedHashMap<>();
        for (String s : symbols) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                problems.add("--symbol: expected STOCK=PRICE[/TICK], found '" + s + "'");
            } else {
                syms.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        m.put("symbols", syms);
        if (itch != null) {
            m.put("itch", itch);
        }
        if (ouchUdp != null) {
            m.put("ouch_udp", ouchUdp);
        }
        Map<String, Object> flow = new LinkedHashMap<>();
        if (flowRate != null) {
            flow.put("rate", flowRate);
        }
        if (seed != null) {
            flow.put("seed", seed);
        }
        if (!flow.isEmpty()) {
            m.put("flow", flow);
        }
        VenueSection parsed = VenueSection.parseOne(m, "options", problems);
        if (parsed == null || soup.isEmpty()) {
            return parsed;
        }
        List<dev.hft.venue.VenueConfig.SoupAccount> accounts = new ArrayList<>();
        for (String s : soup) {
            var matcher = java.util.regex.Pattern.compile("([^:@]+):([^@]*)@(.+):([0-9]+)(?:/(.+))?").matcher(s);
            if (!matcher.matches()) {
                problems.add("--soup: expected USER:PASSWORD@HOST:PORT[/SESSION], found '" + s + "'");
                continue;
            }
            try {
                accounts.add(new dev.hft.venue.VenueConfig.SoupAccount(matcher.group(1), matcher.group(2),
                        new InetSocketAddress(InetAddress.getByName(matcher.group(3)), Integer.parseInt(matcher.group(4))),
                        matcher.group(5) == null ? "OUCH" : matcher.group(5)));
            } catch (IllegalArgumentException | java.net.UnknownHostException e) {
                problems.add("--soup " + s + ": " + e.getMessage());
            }
        }
        return new VenueSection(parsed.name(), false, parsed.config().withSoup(accounts));
    }

    static String counters(Venue v) {
        long rejected = 0;
        for (RejectReason r : RejectReason.values()) {
            rejected += v.rejected(r);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("orders received %d, accepted %d, rejected %d, executions %d, shares traded %d%n",
                v.ordersReceived(), v.accepted(), rejected, v.executions(), v.sharesTraded()));
        sb.append(String.format("ITCH messages %d in %d packets (%d heartbeats, %d send failures), re-requests served %d%n",
                v.itchMessagesPublished(), v.itchPackets(), v.itchHeartbeats(), v.itchSendFailures(), v.itchRequestsServed()));
        sb.append(String.format("OUCH messages sent %d, decoded %d, malformed %d; UDP bad frames %d, duplicates %d; soup garbage %d%n",
                v.ouchMessagesSent(), v.ouchDecoded(), v.ouchMalformed(), v.udpBadFrames(), v.udpDuplicates(), v.soupGarbage()));
        for (int i = 0; i < v.config().soup().size(); i++) {
            for (var s : v.config().symbols()) {
                sb.append(String.format("position %s account %d (%s): %d%n", s.stock(), Venue.soupAccount(i),
                        v.config().soup().get(i).username(), v.position(Venue.soupAccount(i), s.stock())));
            }
        }
        return sb.toString();
    }
}
