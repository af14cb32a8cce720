package dev.hft.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.hft.cli.replay.ReplayRun;
import dev.hft.egress.EgressStage;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.strategy.Fills;
import dev.hft.strategy.RejectReason;
import dev.hft.strategy.StrategyStage;
import dev.hft.venue.Venue;
import dev.hft.wire.ouch.OuchTypes;

/**
 * The figures of one {@code hft run}, read once every stage and venue has stopped: counters by stage, order
 * flow and its accounting, positions on both sides, tick-to-trade and GC. {@link #json()} is what
 * {@code --summary-json} writes; {@link #format()} the human report.
 *
 * <p>Sources of each figure: {@code messages} the source stages' {@code messages} counters; {@code orders_sent},
 * {@code intents}, {@code orders_rejected_risk} the strategy stages' {@code sent}, {@code intents},
 * {@code rejected}; {@code orders_accepted} and {@code executions} the embedded venues (client orders accepted,
 * fills); {@code drops} the non-zero ones among every stage's counters whose name says drop, {@code drops_total}
 * their sum (every counter, zero or not, stays under {@code counters}); {@code t2t_*} the egress stages'
 * tick-to-trade histograms merged; {@code strategies} per strategy stage: orders sent, rejected by risk (by reason)
 * and by the venue, fills, and per symbol position and P&L from its fills (dollars; realized by average cost,
 * unrealized marked to the last two-sided mid the strategy saw).
 */
final class RunSummary {

    /** One symbol's position seen by the strategies (sum of their stages) and by the venues (sum of accounts). */
    record Position(String stock, long strategy, Long venue) {
        boolean agrees() {
            return venue == null || venue == strategy;
        }
    }

    /** One symbol of one strategy: position and P&L in price units (4 implied decimals) times shares. */
    record SymbolFigures(String stock, int locate, long position, int fills, long bought, long sold, long realized,
                         long unrealized, long mark) {
    }

    /** What one strategy stage did: orders, rejections by risk (non-zero reasons) and by the venue, fills, P&L. */
    record StrategyFigures(String role, String className, long sent, long rejectedRisk, Map<String, Long> rejectedBy,
                           long rejectedVenue, long fills, List<SymbolFigures> symbols) {
        long realized() {
            return symbols.stream().mapToLong(SymbolFigures::realized).sum();
        }

        long unrealized() {
            return symbols.stream().mapToLong(SymbolFigures::unrealized).sum();
        }
    }

    final List<StrategyFigures> strategies = new ArrayList<>();

    /**
     * One order-entry account (an egress stage's session): per stock, the position its strategies believe and the
     * venue's, asked directly (an embedded venue: source {@code venue}) or implied by every execution the venue sent
     * the session, from its journal (an external venue: source {@code journal}); null when neither is known.
     */
    record Account(String egress, String source, Map<String, Long> strategy, Map<String, Long> venue) {
        List<String> disagreements() {
            List<String> out = new ArrayList<>();
            if (venue == null) {
                return out;
            }
            java.util.Set<String> stocks = new java.util.TreeSet<>(strategy.keySet());
            stocks.addAll(venue.keySet());
            for (String stock : stocks) {
                long mine = strategy.getOrDefault(stock, 0L);
                long theirs = venue.getOrDefault(stock, 0L);
                if (mine != theirs) {
                    out.add(egress + ": position of " + stock + " differs: strategies " + mine + ", venue (" + source + ") " + theirs);
                }
            }
            return out;
        }
    }

    final long messages;
    final long intents;
    final long ordersSent;
    final long ordersRejectedRisk;
    final long ordersAccepted;
    final long executions;
    final long gcCount;
    final long openOrdersAtStop;
    final long unknownAtStop;
    final List<String> recovering = new ArrayList<>();
    final long journalFailures;
    final List<Account> accounts = new ArrayList<>();
    final Map<String, String> recovered = new LinkedHashMap<>();
    final Map<String, Long> drops = new TreeMap<>();
    final Map<String, Map<String, Long>> countersByStage = new LinkedHashMap<>();
    final List<Position> positions = new ArrayList<>();
    final Histogram t2t = new Histogram(60_000_000_000L, 3);
    final boolean venuesRan;
    final List<IngressReport> ingress;
    /** How fast the run started against how fast it ran once warm ({@link dev.hft.cli.replay.BookWatch}); null: not measured. */
    private ReplayRun.Warmup warmup;

    RunSummary(Pipeline pipeline, List<EmbeddedVenue> venues, long gcCount) {
        this.gcCount = gcCount;
        this.venuesRan = !venues.isEmpty();
        Map<String, Long> all = new LinkedHashMap<>();
        pipeline.counters().reader().forEach((value, id, label) -> all.put(label, value));
        this.ingress = IngressReport.of(all);
        for (String role : pipeline.roles()) {
            Map<String, Long> mine = new TreeMap<>();
            all.forEach((label, value) -> {
                if (label.startsWith(role + ".")) {
                    mine.put(label.substring(role.length() + 1), value);
                }
            });
            countersByStage.put(role, mine);
            mine.forEach((name, value) -> {
                if (name.startsWith("drop.") && !name.equals("reject_notices_dropped")) {
                    drops.put(role + "." + name, value);
                }
            });
        }
        long m = 0;
        long in = 0;
        long sent = 0;
        long rejected = 0;
        long open = 0;
        long unknown = 0;
        long journalFailed = 0;
        Map<String, Long> strategyPositions = new TreeMap<>();
        for (Pipeline.StageStats s : pipeline.stageStats()) {
            Map<String, Long> c = countersByStage.get(s.role());
            Object stage = pipeline.stage(s.role());
            if (pipeline.topology().stage(stageName(pipeline, s.role())).input() == null) {
                for (var e : c.entrySet()) {
                    if (e.getKey().equals("messages") || e.getKey().startsWith("messages.")) {
                        m += e.getValue();
                    }
                }
            }
            if (stage instanceof StrategyStage strategy) {
                strategies.add(figures(s.role(), strategy, c));
                in += c.getOrDefault("intents", 0L);
                sent += c.getOrDefault("sent", 0L);
                rejected += c.getOrDefault("rejected", 0L);
                open += strategy.openOrders().count();
                unknown += strategy.openOrders().unknownCount();
                journalFailed += c.getOrDefault("journal.failures", 0L);
                if (strategy.isRecovering()) {
                    recovering.add(s.role());
                }
                if (strategy.journal() != null && strategy.recoveredRecords() > 0) {
                    recovered.put(s.role(), strategy.recoveredRecords() + " journal records, " + strategy.recoveredOpenOrders()
                            + " open orders resolved with the venue (" + strategy.journal().dir() + ")");
                }
                for (int locate = 0; locate < 65_536; locate++) {
                    long p = strategy.openOrders().position(locate);
                    long stock = strategy.books().stock(locate);
                    if (p != 0 || (stock != 0 && strategy.params().intValue("locate", -1) == locate)) {
                        String name = stock == 0 ? "#" + locate : OuchTypes.alpha(stock, 8);
                        strategyPositions.merge(name, p, Long::sum);
                    }
                }
            }
            if (stage instanceof EgressStage egress) {
                t2t.add(egress.tickToTrade());
                journalFailed += c.getOrDefault("journal.failures", 0L);
            }
        }
        messages = m;
        openOrdersAtStop = open;
        unknownAtStop = unknown;
        journalFailures = journalFailed;
        intents = in;
        ordersSent = sent;
        ordersRejectedRisk = rejected;
        long accepted = 0;
        long fills = 0;
        Map<String, Long> venuePositions = new TreeMap<>();
        for (EmbeddedVenue v : venues) {
            Venue venue = v.venue();
            accepted += venue.accepted();
            fills += venue.executions();
            for (var symbol : venue.config().symbols()) {
                long p = 0;
                for (int i = 0; i < venue.config().soup().size(); i++) {
                    p += venue.position(Venue.soupAccount(i), symbol.stock());
                }
                venuePositions.merge(symbol.stock(), p, Long::sum);
            }
        }
        ordersAccepted = accepted;
        executions = fills;
        java.util.Set<String> stocks = new java.util.TreeSet<>(strategyPositions.keySet());
        if (venuesRan) {
            venuePositions.forEach((stock, p) -> {
                if (p != 0) {
                    stocks.add(stock);
                }
            });
        }
        for (String stock : stocks) {
            positions.add(new Position(stock, strategyPositions.getOrDefault(stock, 0L),
                    venuesRan ? venuePositions.getOrDefault(stock, 0L) : null));
        }
        accounts(pipeline, venues);
    }

    /** One {@link Account} per egress stage: its strategies are those publishing to its input ring. */
    private void accounts(Pipeline pipeline, List<EmbeddedVenue> venues) {
        for (var spec : pipeline.topology().stages()) {
            if (!"egress".equals(spec.kind()) || spec.input() == null) {
                continue;
            }
            Map<String, Long> believed = new TreeMap<>();
            java.nio.file.Path journal = null;
            for (var other : pipeline.topology().stages()) {
                if (!"strategy".equals(other.kind()) || !spec.input().equals(String.valueOf(other.params().getOrDefault(
                        "orders", other.outputs().isEmpty() ? "orders" : other.outputs().getFirst())))) {
                    continue;
                }
                for (String role : pipeline.roles()) {
                    if ((role.equals(other.name()) || role.startsWith(other.name() + "-"))
                            && pipeline.stage(role) instanceof StrategyStage strategy) {
                        for (int locate = 0; locate < 65_536; locate++) {
                            long p = strategy.openOrders().position(locate);
                            if (p != 0) {
                                long stock = strategy.books().stock(locate);
                                believed.merge(stock == 0 ? "#" + locate : OuchTypes.alpha(stock, 8), p, Long::sum);
                            }
                        }
                        if (strategy.journal() != null) {
                            journal = strategy.journal().dir();
                        }
                    }
                }
            }
            Object venueName = spec.params().get("venue");
            EmbeddedVenue embedded = venues.stream().filter(v -> v.name().equals(String.valueOf(venueName))).findFirst()
                    .orElse(null);
            if (embedded != null && !embedded.venue().config().soup().isEmpty()) {
                Map<String, Long> theirs = new TreeMap<>();
                for (var symbol : embedded.venue().config().symbols()) {
                    long p = embedded.venue().position(Venue.soupAccount(0), symbol.stock());
                    if (p != 0) {
                        theirs.put(symbol.stock(), p);
                    }
                }
                accounts.add(new Account(spec.name(), "venue", believed, theirs));
            } else if (journal != null) {
                accounts.add(new Account(spec.name(), "journal", believed, impliedPositions(journal)));
            } else {
                accounts.add(new Account(spec.name(), null, believed, null));
            }
        }
    }

    /** The positions every execution the venue sent the session implies, read from its journal (sides from its commands). */
    static Map<String, Long> impliedPositions(java.nio.file.Path dir) {
        Map<String, String> stockOf = new java.util.HashMap<>();
        Map<String, Byte> sideOf = new java.util.HashMap<>();
        Map<String, Long> positions = new TreeMap<>();
        try (dev.hft.journal.Journal journal = dev.hft.journal.Journal.acquire(dir, false)) {
            journal.replay(r -> {
                if (r.type == dev.hft.journal.JournalRecord.COMMAND) {
                    String token = new String(r.command.token, java.nio.charset.StandardCharsets.US_ASCII);
                    if (r.command.kind == dev.hft.events.OrderCommand.Kind.ENTER) {
                        stockOf.put(token, OuchTypes.alpha(r.command.stock, 8));
                        sideOf.put(token, r.command.side);
                    } else if (r.command.kind == dev.hft.events.OrderCommand.Kind.REPLACE && stockOf.containsKey(token)) {
                        String replacement = new String(r.command.replacementToken, java.nio.charset.StandardCharsets.US_ASCII);
                        stockOf.put(replacement, stockOf.get(token));
                        sideOf.put(replacement, sideOf.get(token));
                    }
                } else if (r.type == dev.hft.journal.JournalRecord.RESPONSE
                        && r.response.kind == dev.hft.events.OrderResponse.Kind.EXECUTED) {
                    String token = new String(r.response.token, java.nio.charset.StandardCharsets.US_ASCII);
                    String stock = stockOf.getOrDefault(token, "?");
                    long signed = sideOf.getOrDefault(token, OuchTypes.BUY) == OuchTypes.BUY ? r.response.shares : -r.response.shares;
                    positions.merge(stock, signed, Long::sum);
                }
            });
        }
        positions.values().removeIf(v -> v == 0);
        return positions;
    }

    /** Why order entry is not reconciled (exit 4): orders left open or of unknown fate, positions that differ. */
    List<String> orderEntryProblems() {
        List<String> out = new ArrayList<>();
        if (openOrdersAtStop > 0) {
            out.add(openOrdersAtStop + " orders left open at stop" + (unknownAtStop > 0 ? ", " + unknownAtStop
                    + " of them of unknown fate" : "") + " (they may be live at the venue)");
        }
        recovering.forEach(role -> out.add(role + " never finished its recovery: orders found open at start are unresolved"));
        for (Position p : positions) {
            if (!p.agrees()) {
                out.add("position of " + p.stock() + " differs: strategy " + p.strategy() + ", venue " + p.venue());
            }
        }
        accounts.stream().filter(a -> !"venue".equals(a.source())).forEach(a -> out.addAll(a.disagreements()));
        if (journalFailures > 0) {
            out.add(journalFailures + " order-entry journal appends failed: the journal is not the whole truth");
        }
        return out;
    }

    /**
     * A strategy's figures: counters {@code sent}, {@code rejected}, {@code rejected.<reason>}, {@code venue_rejects};
     * fills and P&L from {@link StrategyStage#fills()} for every symbol it traded or holds (and its {@code locate}
     * param), marked to the last two-sided mid its book events showed.
     */
    private static StrategyFigures figures(String role, StrategyStage strategy, Map<String, Long> counters) {
        Map<String, Long> rejectedBy = new TreeMap<>();
        for (RejectReason reason : RejectReason.values()) {
            long n = counters.getOrDefault(reason.counterName(), 0L);
            if (n != 0) {
                rejectedBy.put(reason.name().toLowerCase(), n);
            }
        }
        Fills fills = strategy.fills();
        int ownLocate = strategy.params().intValue("locate", -1);
        List<SymbolFigures> symbols = new ArrayList<>();
        for (int locate = 0; locate < 65_536; locate++) {
            if (fills.fills(locate) == 0 && fills.position(locate) == 0 && locate != ownLocate) {
                continue;
            }
            long stock = strategy.books().stock(locate);
            long mark = strategy.books().lastMid(locate);
            symbols.add(new SymbolFigures(stock == 0 ? "#" + locate : OuchTypes.alpha(stock, 8), locate, fills.position(locate),
                    fills.fills(locate), fills.boughtShares(locate), fills.soldShares(locate), fills.realized(locate),
                    fills.unrealized(locate, mark), mark));
        }
        return new StrategyFigures(role, strategy.strategy().getClass().getName(), counters.getOrDefault("sent", 0L),
                counters.getOrDefault("rejected", 0L), rejectedBy, counters.getOrDefault("venue_rejects", 0L), fills.fills(),
                symbols);
    }

    /** Price units (4 implied decimals) as dollars, exactly. */
    private static BigDecimal dollars(long units) {
        return BigDecimal.valueOf(units, 4);
    }

    private static String stageName(Pipeline pipeline, String role) {
        return pipeline.topology().stages().stream()
                .filter(s -> role.equals(s.name()) || role.startsWith(s.name() + "-") && s.instances() > 1)
                .findFirst().orElseThrow().name();
    }

    /** intents = sent + rejected by risk, summed over the strategy stages. */
    boolean intentsAccounted() {
        return intents == ordersSent + ordersRejectedRisk;
    }

    boolean positionsAgree() {
        return positions.stream().allMatch(Position::agrees);
    }

    /** An ingress stage lost market data or could not account for its input. */
    boolean dataLost() {
        return ingress.stream().anyMatch(IngressReport::lostData);
    }

    /** Orders were left live or of unknown fate, recovery did not finish, positions disagree, or the journal failed. */
    boolean ordersUnreconciled() {
        return !orderEntryProblems().isEmpty();
    }

    List<String> failures() {
        List<String> out = new ArrayList<>();
        if (!intentsAccounted()) {
            out.add("order intents not accounted: intents " + intents + " != sent " + ordersSent + " + rejected by risk "
                    + ordersRejectedRisk);
        }
        return out;
    }

    Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("messages", messages);
        j.put("intents", intents);
        j.put("orders_sent", ordersSent);
        j.put("orders_accepted", ordersAccepted);
        j.put("orders_rejected_risk", ordersRejectedRisk);
        j.put("executions", executions);
        j.put("open_orders_at_stop", openOrdersAtStop);
        j.put("unknown_orders_at_stop", unknownAtStop);
        List<Map<String, Object>> accountList = new ArrayList<>();
        for (Account a : accounts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("egress", a.egress());
            m.put("venue_source", a.source());
            m.put("position", a.strategy());
            m.put("venue_position", a.venue());
            accountList.add(m);
        }
        j.put("accounts", accountList);
        j.put("recovered", recovered);
        Map<String, Long> strategyPosition = new LinkedHashMap<>();
        Map<String, Long> venuePosition = new LinkedHashMap<>();
        positions.forEach(p -> {
            strategyPosition.put(p.stock(), p.strategy());
            if (p.venue() != null) {
                venuePosition.put(p.stock(), p.venue());
            }
        });
        j.put("position", strategyPosition);
        j.put("venue_position", venuePosition);
        Map<String, Long> droppedSome = new TreeMap<>();
        drops.forEach((name, value) -> {
            if (value != 0) {
                droppedSome.put(name, value);
            }
        });
        j.put("drops", droppedSome);
        j.put("drops_total", droppedSome.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Object> sources = new LinkedHashMap<>();
        for (IngressReport r : ingress) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(r.records() ? "records_read" : "frames_read", r.read());
            one.put(r.records() ? "messages_decoded" : "frames_decoded", r.decoded());
            one.put("messages_routed", r.messages());
            one.put("drops", r.drops());
            one.put("sequence", r.sequence());
            one.put("lost", r.loss());
            one.put("accounted", r.accountingProblem() == null);
            sources.put(r.role(), one);
        }
        j.put("ingress", sources);
        j.put("data_lost", dataLost());
        j.put("gc_count", gcCount);
        j.put("t2t_count", t2t.getTotalCount());
        j.put("t2t_p50_ns", t2t.getValueAtPercentile(50));
        j.put("t2t_p99_ns", t2t.getValueAtPercentile(99));
        j.put("t2t_max_ns", t2t.getMaxValue());
        if (warmup != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("jvm_start_to_pipeline_ms", warmup.jvmToStartMillis());
            w.put("time_to_first_message_ms", warmup.timeToFirstMessageMillis());
            w.put("first_window_messages", warmup.firstWindowMessages());
            w.put("first_100k_msgs_per_s", Math.round(warmup.firstWindowPerSecond()));
            w.put("steady_msgs_per_s", warmup.hasSteady() ? Math.round(warmup.steadyPerSecond()) : null);
            w.put("aot_cache", AotCache.status());
            j.put("warmup", w);
        }
        Map<String, Object> byStrategy = new LinkedHashMap<>();
        for (StrategyFigures f : strategies) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("class", f.className());
            one.put("orders_sent", f.sent());
            one.put("rejected_risk", f.rejectedRisk());
            one.put("rejected_risk_by_reason", f.rejectedBy());
            one.put("rejected_venue", f.rejectedVenue());
            one.put("fills", f.fills());
            one.put("realized_pnl", dollars(f.realized()));
            one.put("unrealized_pnl", dollars(f.unrealized()));
            Map<String, Object> symbols = new LinkedHashMap<>();
            for (SymbolFigures y : f.symbols()) {
                Map<String, Object> sym = new LinkedHashMap<>();
                sym.put("locate", y.locate());
                sym.put("position", y.position());
                sym.put("fills", y.fills());
                sym.put("bought", y.bought());
                sym.put("sold", y.sold());
                sym.put("realized_pnl", dollars(y.realized()));
                sym.put("unrealized_pnl", dollars(y.unrealized()));
                sym.put("mark", dollars(y.mark()));
                symbols.put(y.stock(), sym);
            }
            one.put("symbols", symbols);
            byStrategy.put(f.role(), one);
        }
        j.put("strategies", byStrategy);
        j.put("intents_accounted", intentsAccounted());
        j.put("positions_agree", positionsAgree());
        j.put("orders_unreconciled", ordersUnreconciled());
        j.put("counters", countersByStage);
        return j;
    }

    void warmup(ReplayRun.Warmup figures) {
        warmup = figures;
    }

    void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json());
    }

    String format() {
        StringBuilder out = new StringBuilder();
        out.append("counters by stage (non-zero; drops marked *):\n");
        countersByStage.forEach((role, counters) -> {
            List<String> shown = new ArrayList<>();
            counters.forEach((name, value) -> {
                if (value != 0) {
                    shown.add((name.contains("drop") ? "*" : "") + name + "=" + value);
                }
            });
            out.append(String.format("  %-14s %s%n", role, shown.isEmpty() ? "-" : String.join(" ", shown)));
        });
        long dropped = drops.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format("messages %d, drops %d%s%n", messages, dropped, dropped == 0 ? ""
                : " " + drops.entrySet().stream().filter(e -> e.getValue() != 0).map(e -> e.getKey() + "=" + e.getValue()).toList()));
        ingress.forEach(r -> out.append(r.format()));
        out.append(String.format("orders: intents %d = sent %d + rejected by risk %d: %s%n", intents, ordersSent,
                ordersRejectedRisk, intentsAccounted() ? "accounted" : "NOT ACCOUNTED"));
        out.append("open orders left at stop: ").append(openOrdersAtStop)
                .append(unknownAtStop > 0 ? " (" + unknownAtStop + " of unknown fate)" : "").append('\n');
        recovered.forEach((role, what) -> out.append("recovered ").append(role).append(": ").append(what).append('\n'));
        for (Account a : accounts) {
            if (a.venue() == null) {
                out.append("account ").append(a.egress()).append(": positions ").append(a.strategy())
                        .append(" (no venue view: no embedded venue, no journal)\n");
                continue;
            }
            java.util.Set<String> stocks = new java.util.TreeSet<>(a.strategy().keySet());
            stocks.addAll(a.venue().keySet());
            for (String stock : stocks) {
                long mine = a.strategy().getOrDefault(stock, 0L);
                long theirs = a.venue().getOrDefault(stock, 0L);
                out.append(String.format("account %-8s %-8s we believe %6d  %s %6d  %s%n", a.egress(), stock, mine,
                        "venue".equals(a.source()) ? "venue" : "venue (its responses)", theirs, mine == theirs ? "agree" : "DIFFER"));
            }
        }
        if (venuesRan) {
            out.append(String.format("venue: accepted %d, executions %d%n", ordersAccepted, executions));
        }
        if (venuesRan) {
            for (Position p : positions) {
                out.append(String.format("position %-8s strategy %6d  venue %6s  %s%n", p.stock(), p.strategy(),
                        p.venue() == null ? "-" : p.venue(), p.venue() == null ? "" : p.agrees() ? "agree" : "DIFFER"));
            }
        }
        for (StrategyFigures f : strategies) {
            out.append(String.format("strategy %s (%s): sent %d, rejected by risk %d%s, by the venue %d, fills %d,"
                    + " P&L realized $%,.4f unrealized $%,.4f%n", f.role(), f.className(), f.sent(), f.rejectedRisk(),
                    f.rejectedBy().isEmpty() ? "" : " " + f.rejectedBy(), f.rejectedVenue(), f.fills(), dollars(f.realized()),
                    dollars(f.unrealized())));
            for (SymbolFigures y : f.symbols()) {
                out.append(String.format("  %-8s position %6d  fills %4d (bought %d, sold %d)  realized $%,.4f"
                        + "  unrealized $%,.4f at mid $%,.4f%n", y.stock(), y.position(), y.fills(), y.bought(), y.sold(),
                        dollars(y.realized()), dollars(y.unrealized()), dollars(y.mark())));
            }
        }
        out.append(String.format("tick-to-trade (packet receipt -> order flushed), %d orders: p50 %d ns, p99 %d ns, max %d ns%n",
                t2t.getTotalCount(), t2t.getValueAtPercentile(50), t2t.getValueAtPercentile(99), t2t.getMaxValue()));
        out.append("gc during the run: ").append(gcCount).append(" collections\n");
        if (warmup != null) {
            out.append(ReplayCommand.warmupLine(warmup)).append('\n');
        }
        return out.toString();
    }

    /** Collections so far, summed over every collector. */
    static long gcCollections() {
        long n = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
