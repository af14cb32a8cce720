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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.hft.venue.RejectReason;
import dev.hft.venue.Venue;

/**
 * {@code hft venue}: one venue simulator, from a file (the keys of one {@code venues:} entry of a topology, or a
 * topology whose first venue is used) or from options, until Ctrl-C (SIGTERM) or {@code --duration}; prints its
 * counters at the end and, with {@code --report-json}, writes per-account positions, live orders, duplicate-token and
 * rejected counts. Exit 0, or 2 for a configuration to fix.
 */
@Command(name = "venue", description = "Run the venue simulator (OUCH over SoupBinTCP/UDP in, ITCH over MoldUDP64 out) until Ctrl-C or --duration.")
final class VenueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file: one venue (keys as under venues: in docs/topology.md) or a topology with a venues: section.")
    Path config;

    @Option(names = "--symbol", paramLabel = "STOCK=PRICE[/TICK]", description = "A tradable symbol and its reference price in dollars, e.g. EP=86.94 (repeatable).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--soup", paramLabel = "USER@HOST:PORT[/SESSION]", description = "A SoupBinTCP account (repeatable); port 0 picks a free one. Its password comes from --password-env or --password-file, never the command line.")
    List<String> soup = new ArrayList<>();

    @Option(names = "--password-env", paramLabel = "VAR", description = "The --soup accounts' password is in this environment variable.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The --soup accounts' password is in this file, which only its owner may read (chmod 600).")
    Path passwordFile;

    @Option(names = "--no-cancel-on-disconnect", description = "Leave an account's orders live when its session ends (default: cancel them).")
    boolean noCancelOnDisconnect;

    @Option(names = "--report-json", paramLabel = "FILE", description = "At exit, write per-account positions, live orders, duplicate-token and rejected counts as JSON.")
    Path reportJson;

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
        int code = 0;
        if (reportJson != null) {
            try {
                new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValue(reportJson.toFile(), report(venue.venue()));
                out.println("report: " + reportJson.toAbsolutePath());
            } catch (java.io.IOException e) {
                err.println("venue: could not write " + reportJson + ": " + e);
                code = 1;
            }
        }
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
        return code;
    }

    /** What {@code --report-json} writes: the venue's truth per account, for checks from outside. */
    static Map<String, Object> report(Venue v) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("orders_received", v.ordersReceived());
        r.put("accepted", v.accepted());
        long rejected = 0;
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (RejectReason reason : RejectReason.values()) {
            rejected += v.rejected(reason);
            byReason.put(reason.name().toLowerCase(java.util.Locale.ROOT), v.rejected(reason));
        }
        r.put("rejected", rejected);
        r.put("rejected_by_reason", byReason);
        r.put("duplicate_tokens", v.rejected(RejectReason.DUPLICATE_TOKEN));
        r.put("executions", v.executions());
        r.put("live_orders", v.engine().liveOrders() - v.engine().liveOrders(dev.hft.venue.MatchingEngine.BACKGROUND_ACCOUNT));
        r.put("responses_lost", v.engine().responsesLost());
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (int i = 0; i < v.config().soup().size(); i++) {
            var a = v.config().soup().get(i);
            var server = v.soupServer(i);
            Map<String, Object> m = account(v, Venue.soupAccount(i));
            m.put("kind", "soup");
            m.put("username", a.username());
            m.put("session", a.session());
            m.put("cancel_on_disconnect", a.cancelOnDisconnect());
            m.put("session_messages", server.messages());
            m.put("logins_accepted", server.loginsAccepted());
            m.put("logins_rejected", server.loginsRejected());
            m.put("logins_in_use", server.loginsInUse());
            m.put("logins_throttled", server.loginsThrottled());
            m.put("connections_refused", server.connectionsRefused());
            m.put("store_full", server.storeFull());
            accounts.add(m);
        }
        for (int i = 0; i < v.udpAccountsUsed(); i++) {
            Map<String, Object> m = account(v, v.config().soup().size() + 1 + i);
            m.put("kind", "udp");
            accounts.add(m);
        }
        r.put("accounts", accounts);
        return r;
    }

    private static Map<String, Object> account(Venue v, int account) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", account);
        Map<String, Long> positions = new LinkedHashMap<>();
        for (var s : v.config().symbols()) {
            positions.put(s.stock(), v.position(account, s.stock()));
        }
        m.put("positions", positions);
        m.put("live_orders", v.engine().liveOrders(account));
        m.put("orders_received", v.engine().ordersReceived(account));
        m.put("rejected", v.engine().rejected(account));
        m.put("duplicate_tokens", v.engine().duplicateTokens(account));
        m.put("canceled_on_disconnect", v.engine().canceledOnDisconnect(account));
        return m;
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
            return VenueSection.parseOne(copy, config.toString(), problems, true);
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
        if (soup.stream().anyMatch(a -> a.matches("[^@]*:[^@]*@.*"))) {
            problems.add("--soup: a password on the command line shows in ps: give USER@HOST:PORT[/SESSION] and"
                    + " --password-env or --password-file");
            return null;
        }
        String password;
        try {
            password = dev.hft.egress.Credentials.resolve(passwordEnv, passwordFile, null);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage().replace("password_env", "--password-env").replace("password_file", "--password-file"));
            return null;
        }
        if (password.isEmpty()) {
            problems.add("--soup: give the accounts' password with --password-env VAR or --password-file FILE");
            return null;
        }
        if (password.length() > 10) {
            problems.add("--password-env/--password-file: a SoupBinTCP password is at most 10 characters");
            return null;
        }
        List<dev.hft.venue.VenueConfig.SoupAccount> accounts = new ArrayList<>();
        for (String s : soup) {
            var matcher = java.util.regex.Pattern.compile("([^:@]+)@(.+):([0-9]+)(?:/(.+))?").matcher(s);
            if (!matcher.matches()) {
                problems.add("--soup: expected USER@HOST:PORT[/SESSION], found '" + s + "'");
                continue;
            }
            try {
                accounts.add(new dev.hft.venue.VenueConfig.SoupAccount(matcher.group(1), password,
                        new InetSocketAddress(InetAddress.getByName(matcher.group(2)), Integer.parseInt(matcher.group(3))),
                        matcher.group(4) == null ? "OUCH" : matcher.group(4), !noCancelOnDisconnect));
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
        sb.append(String.format("OUCH messages sent %d, decoded %d, malformed %d; UDP bad frames %d, duplicates %d, refused %d,"
                + " expired %d; soup garbage %d%n", v.ouchMessagesSent(), v.ouchDecoded(), v.ouchMalformed(), v.udpBadFrames(),
                v.udpDuplicates(), v.udpRefused(), v.udpExpired(), v.soupGarbage()));
        for (int i = 0; i < v.config().soup().size(); i++) {
            var server = v.soupServer(i);
            int account = Venue.soupAccount(i);
            sb.append(String.format("account %d (%s): live orders %d, cancelled on disconnect %d, duplicate tokens %d;"
                    + " logins %d accepted, %d rejected (%d in use), %d throttled, %d connections refused%n", account,
                    v.config().soup().get(i).username(), v.engine().liveOrders(account), v.engine().canceledOnDisconnect(account),
                    v.engine().duplicateTokens(account), server.loginsAccepted(), server.loginsRejected(), server.loginsInUse(),
                    server.loginsThrottled(), server.connectionsRefused()));
            for (var s : v.config().symbols()) {
                sb.append(String.format("position %s account %d (%s): %d%n", s.stock(), account,
                        v.config().soup().get(i).username(), v.position(account, s.stock())));
            }
        }
        return sb.toString();
    }
}
