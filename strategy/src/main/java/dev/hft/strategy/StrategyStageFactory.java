package dev.hft.strategy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import dev.hft.events.OrderCommand;
import dev.hft.events.OrderResponse;
import dev.hft.journal.Journal;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;
import dev.hft.pipeline.TopologyException;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Problems;
import dev.hft.wire.ouch.OrderTokens;

/**
 * {@code kind: strategy}: one {@link StrategyStage} reading a {@code book} ring and publishing to an
 * {@code order} ring.
 *
 * <pre>
 * params:
 *   class: com.example.MyStrategy   # required: public, implements dev.hft.strategy.Strategy, public (StrategyContext) constructor
 *   orders: orders                  # the output ring of OrderCommands; default: the stage's first output
 *   token_prefix: AA                # 2..12 of [0-9A-Z], unique per OUCH session and day
 *   first_token: 0                  # first token counter of a fresh trading day (a restart continues after the journal's)
 *   firm: ""                        # OUCH Firm; blank is the account's default
 *   stocks: {3672: ACME}            # Stock per locate when the feed replays no R (starts mid-day)
 *   risk: {...}                     # see RiskLimits
 *   responses: responses            # the side input of OrderResponses; default: the stage's first side input
 *   cancel_on_stop: false           # at stop, cancel open orders and wait for the venue's confirmations
 *   cancel_timeout_ms: 2000         # how long that wait may take
 *   journal_dir: state/orders       # the OUCH session's order-entry journal (the egress stage's); absent: none
 *   trading_day: 2026-12-07         # its day key (default: today in America/New_York); see docs/order-entry.md
 *   journal_sync: false             # msync every journal record (survives power loss; slow)
 *   recovery_timeout_ms: 10000      # recovery.timeouts counts a restart whose open orders take longer to resolve
 *   ...                             # anything else is the strategy's own
 * </pre>
 *
 * Venue responses reach the stage through the topology's {@code side_inputs: [responses]} (the ring egress
 * publishes to); a stage without a side input runs without responses.
 */
public final class StrategyStageFactory implements StageFactory {

    public static final String DEFAULT_TOKEN_PREFIX = "AA";

    @Override
    public String kind() {
        return "strategy";
    }

    @Override
    public String inputEvent() {
        return "book";
    }

    /** The stage's own params; every other key must be one the strategy reads. */
    static final Set<String> STAGE_KEYS = Set.of("class", "orders", "token_prefix", "first_token", "firm", "stocks", "risk",
            "responses", "cancel_on_stop", "cancel_timeout_ms", "recovery_timeout_ms", "journal_dir", "trading_day", "journal_sync");

    @Override
    public void validate(Params params, BiConsumer<String, String> problems) {
        String className = params.string("class", null);
        if (className == null) {
            problems.accept("class", "missing: name the Strategy class, e.g. class: dev.hft.strategy.examples.MarketMaker");
        } else {
            String problem = problemWith(className);
            if (problem != null) {
                problems.accept("class", problem);
            } else {
                strategyParams(className, params, problems);
            }
        }
        check(() -> RiskLimits.from(params.child("risk")), problems);
        check(() -> tokens(params), problems);
        check(() -> StrategyStage.stocks(params), problems);
        check(() -> params.bool("cancel_on_stop", false), problems);
        check(() -> params.longValue("cancel_timeout_ms", 2_000), problems);
        check(() -> params.longValue("recovery_timeout_ms", 10_000), problems);
        check(() -> params.bool("journal_sync", false), problems);
        if (!Journal.isDayKey(params.string("trading_day", Journal.today()))) {
            problems.accept("trading_day", "1 to 64 of [0-9A-Za-z_.-], starting with a letter or digit, found '"
                    + params.string("trading_day", "") + "'");
        }
    }

    /** The session's journal when {@code journal_dir} is given: {@code journal_dir/trading_day}, else null. */
    static Journal journal(Params params) {
        if (!params.has("journal_dir")) {
            return null;
        }
        return Journal.acquire(Journal.dayDir(params.path("journal_dir", null), params.string("trading_day", Journal.today())),
                params.bool("journal_sync", false));
    }

    /**
     * Builds the strategy once against a context that sends nothing, to learn which params it reads; a key neither the
     * stage nor the strategy reads is reported (with the closest known name), so a misspelling never goes unnoticed.
     */
    private static void strategyParams(String className, Params params, BiConsumer<String, String> problems) {
        Params tracked = new Params("params", params.asMap());
        try {
            newStrategy(strategyClass(className).getConstructor(StrategyContext.class), new ValidationContext(tracked));
        } catch (TopologyException e) {
            problems.accept(relative(e.yamlPath()), e.getMessage().substring(e.yamlPath().length() + 2));
            return;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            problems.accept("class", className + " failed to build with these params: " + cause);
            return;
        }
        Set<String> known = new TreeSet<>(STAGE_KEYS);
        tracked.keysRead().forEach(key -> known.add(key.contains(".") ? key.substring(0, key.indexOf('.')) : key));
        for (String key : params.asMap().keySet()) {
            if (!known.contains(key)) {
                problems.accept(key, "neither the strategy stage nor " + className + " reads '" + key + "'"
                        + Problems.didYouMean(key, known) + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** What a strategy sees while validation builds it to learn its params: nothing is ever sent. */
    private record ValidationContext(Params params) implements StrategyContext {

        @Override
        public String role() {
            return "validation";
        }

        @Override
        public Orders orders() {
            return new Orders() {
                @Override
                public long enter(int locate, byte side, int shares, int price, int timeInForce) {
                    return RejectReason.KILL_SWITCH.code();
                }

                @Override
                public long replace(long token, int shares, int price) {
                    return RejectReason.KILL_SWITCH.code();
                }

                @Override
                public long cancel(long token) {
                    return RejectReason.KILL_SWITCH.code();
                }

                @Override
                public int cancelAll() {
                    return 0;
                }
            };
        }

        @Override
        public Books books() {
            return new Books();
        }

        @Override
        public OpenOrders openOrders() {
            return new OpenOrders(1);
        }

        @Override
        public NanoClock clock() {
            return SystemNanoClock.INSTANCE;
        }

        @Override
        public void timer(long deadlineNanos) {
        }
    }

    private static void check(Runnable reading, BiConsumer<String, String> problems) {
        try {
            reading.run();
        } catch (TopologyException e) {
            problems.accept(relative(e.yamlPath()), e.getMessage().substring(e.yamlPath().length() + 2));
        }
    }

    @Override
    public Object create(StageContext context) throws Exception {
        Params params = context.params();
        String className = params.string("class", null);
        String problem = className == null ? "missing 'class'" : problemWith(className);
        if (problem != null) {
            throw new TopologyException(context.name() + ".params.class", problem);
        }
        Constructor<? extends Strategy> constructor = strategyClass(className).getConstructor(StrategyContext.class);
        String orders = params.string("orders", context.outputs().isEmpty() ? "orders" : context.outputs().getFirst());
        String responses = params.string("responses", context.sideInputs().isEmpty() ? null : context.sideInputs().getFirst());
        Journal journal = journal(params);
        try {
            return new StrategyStage(context.role(), params, RiskLimits.from(params.child("risk")), tokens(params),
                    context.output(orders, OrderCommand.class).get(0),
                    responses == null ? null : context.sideInput(responses, OrderResponse.class),
                    SystemNanoClock.INSTANCE, context::counter,
                    strategyContext -> newStrategy(constructor, strategyContext), journal);
        } catch (RuntimeException | Error e) {
            if (journal != null) {
                journal.close();
            }
            throw e;
        }
    }

    /** Why {@code className} cannot be a strategy, or null when it can. */
    static String problemWith(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Catalog.notFound(className, loader());
        }
        if (!Strategy.class.isAssignableFrom(type)) {
            return "class " + className + " does not implement " + Strategy.class.getName();
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            return "class " + className + " must be public and concrete";
        }
        try {
            type.getConstructor(StrategyContext.class);
        } catch (NoSuchMethodException e) {
            return "class " + className + " needs a public constructor taking a " + StrategyContext.class.getName();
        }
        return null;
    }

    private static Class<? extends Strategy> strategyClass(String className) throws ClassNotFoundException {
        return Class.forName(className, true, loader()).asSubclass(Strategy.class);
    }

    private static Strategy newStrategy(Constructor<? extends Strategy> constructor, StrategyContext context) {
        try {
            return constructor.newInstance(context);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not build " + constructor.getDeclaringClass().getName() + ": "
                    + e.getCause(), e);
        }
    }

    private static OrderTokens tokens(Params params) {
        String prefix = params.string("token_prefix", DEFAULT_TOKEN_PREFIX);
        try {
            return new OrderTokens(prefix, params.longValue("first_token", 0));
        } catch (IllegalArgumentException e) {
            throw new TopologyException("token_prefix", e.getMessage());
        }
    }

    /** The context loader: the topology's catalog loader (hft's and the user's classes) while it validates and builds. */
    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : StrategyStageFactory.class.getClassLoader();
    }

    /** A problem's key relative to the stage's params, as {@link StageFactory#validate} reports it. */
    private static String relative(String yamlPath) {
        int at = yamlPath.lastIndexOf("params.");
        return at < 0 ? yamlPath : yamlPath.substring(at + "params.".length());
    }
}
