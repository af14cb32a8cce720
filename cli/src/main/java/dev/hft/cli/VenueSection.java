package dev.hft.cli;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hft.venue.VenueConfig;

/**
 * The {@code venues:} section of a topology (and the file of {@code hft venue --config}): each entry a venue
 * simulator. Keys (docs/topology.md):
 *
 * <pre>
 * venues:
 *   - name: sim                 # required; egress stages name it with params.venue
 *     embedded: true            # hft run starts it in-process for the run (false: it runs elsewhere)
 *     symbols: {EP: 86.94, GCNH: "191.10/0.05"}   # required; stock: reference price in dollars [/ tick], tick 0.01
 *     soup: {username: TRADER, session: OUCH, port: 0, cancel_on_disconnect: true}   # SoupBinTCP account on 127.0.0.1
 *                               # its password: password_env: VAR or password_file: FILE (owner-only); embedded and
 *                               # neither given: hft run makes one up for the run and hands it to its egress stages
 *     ouch_udp: 127.0.0.1:0     # OUCH over UDP (MoldUDP64) as well; default off
 *     itch: 233.54.12.111:26477 # ITCH destination (group or unicast host:port)
 *     flow: {rate: 1000, levels: 10, live: 2000, initial: 200, seed: 1}   # background liquidity
 * </pre>
 *
 * Every problem is collected with its YAML path; nothing here throws for bad input.
 */
record VenueSection(String name, boolean embedded, VenueConfig config, boolean generatedPassword) {

    VenueSection(String name, boolean embedded, VenueConfig config) {
        this(name, embedded, config, false);
    }

    /** The {@code password_ref} under which {@code hft run} keeps this venue's generated password for its egress stages. */
    String passwordRef() {
        return "venue:" + name;
    }

    private static final Set<String> KEYS = Set.of("name", "embedded", "symbols", "soup", "ouch_udp", "itch", "flow");
    private static final Set<String> SOUP_KEYS = Set.of("username", "password", "password_env", "password_file", "session",
            "port", "cancel_on_disconnect");
    private static final Set<String> FLOW_KEYS = Set.of("rate", "levels", "live", "initial", "seed");

    /** Parses the section (null, a list of maps, or one map); problems go to {@code problems} as "path: sentence". */
    static List<VenueSection> parse(Object section, List<String> problems) {
        List<VenueSection> out = new ArrayList<>();
        if (section == null) {
            return out;
        }
        List<?> items = section instanceof List<?> l ? l : List.of(section);
        for (int i = 0; i < items.size(); i++) {
            String path = "venues[" + i + "]";
            if (items.get(i) instanceof Map<?, ?> m) {
                VenueSection v = parseOne(m, path, problems);
                if (v != null) {
                    out.add(v);
                }
            } else {
                problems.add(path + ": expected a map with keys " + KEYS);
            }
        }
        return out;
    }

    static VenueSection parseOne(Map<?, ?> m, String path, List<String> problems) {
        return parseOne(m, path, problems, false);
    }

    /**
     * @param standalone the venue runs here on its own ({@code hft venue}): its accounts' passwords are read now and
     *                   required; in a topology they are read only for an embedded venue (the others run elsewhere)
     */
    static VenueSection parseOne(Map<?, ?> m, String path, List<String> problems, boolean standalone) {
        int before = problems.size();
        unknown(m, KEYS, path, problems);
        String name = m.get("name") == null ? null : m.get("name").toString();
        if (name == null || name.isBlank()) {
            problems.add(path + ".name: missing: give the venue a name (egress refers to it with params.venue)");
        }
        boolean embedded = Boolean.TRUE.equals(m.get("embedded")) || "true".equals(String.valueOf(m.get("embedded")));
        List<VenueConfig.Symbol> symbols = new ArrayList<>();
        if (m.get("symbols") instanceof Map<?, ?> syms && !syms.isEmpty()) {
            syms.forEach((stock, value) -> {
                VenueConfig.Symbol s = symbol(String.valueOf(stock), String.valueOf(value), path + ".symbols." + stock, problems);
                if (s != null) {
                    symbols.add(s);
                }
            });
        } else {
            problems.add(path + ".symbols: missing: a map of stock: reference price in dollars, e.g. {EP: 86.94}");
        }
        InetSocketAddress loopbackAny = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        List<VenueConfig.SoupAccount> soup = new ArrayList<>();
        boolean generated = false;
        if (m.get("soup") instanceof Map<?, ?> s) {
            unknown(s, SOUP_KEYS, path + ".soup", problems);
            Integer port = integer(s.get("port"), 0, path + ".soup.port", problems);
            if (s.containsKey("password")) {
                problems.add(path + ".soup.password: a plain-text password is refused: give password_env (an environment"
                        + " variable) or password_file (a file only you can read); an embedded venue without either gets"
                        + " one made up for the run");
            }
            String password = "";
            try {
                password = !embedded && !standalone ? "" : dev.hft.egress.Credentials.resolve(s.get("password_env") == null ? null : s.get("password_env").toString(),
                        s.get("password_file") == null ? null : java.nio.file.Path.of(s.get("password_file").toString()), null);
            } catch (IllegalArgumentException e) {
                problems.add(path + ".soup." + e.getMessage());
            }
            if (password != null && password.isEmpty() && embedded) {
                password = dev.hft.egress.Credentials.generate();
                generated = true;
            } else if (password != null && password.isEmpty() && standalone) {
                problems.add(path + ".soup: give the account's password with password_env or password_file");
            }
            boolean cancelOnDisconnect = !"false".equals(String.valueOf(s.get("cancel_on_disconnect")));
            try {
                soup.add(new VenueConfig.SoupAccount(str(s.get("username"), "TRADER"), password == null ? "" : password,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port == null ? 0 : port),
                        str(s.get("session"), "OUCH"), cancelOnDisconnect));
            } catch (IllegalArgumentException e) {
                problems.add(path + ".soup: " + e.getMessage());
            }
        } else if (m.get("soup") != null) {
            problems.add(path + ".soup: expected a map with keys " + SOUP_KEYS);
        }
        InetSocketAddress ouchUdp = m.get("ouch_udp") == null ? null : address(m.get("ouch_udp").toString(), path + ".ouch_udp", problems);
        InetSocketAddress itch = m.get("itch") == null ? VenueConfig.Itch.DEFAULTS.destination()
                : address(m.get("itch").toString(), path + ".itch", problems);
        VenueConfig.Background flow = VenueConfig.Background.DEFAULTS;
        if (m.get("flow") instanceof Map<?, ?> f) {
            unknown(f, FLOW_KEYS, path + ".flow", problems);
            Integer rate = integer(f.get("rate"), (int) flow.ordersPerSecond(), path + ".flow.rate", problems);
            Integer levels = integer(f.get("levels"), flow.levels(), path + ".flow.levels", problems);
            Integer live = integer(f.get("live"), flow.liveOrders(), path + ".flow.live", problems);
            Integer initial = integer(f.get("initial"), flow.initialOrders(), path + ".flow.initial", problems);
            Integer seed = integer(f.get("seed"), (int) flow.seed(), path + ".flow.seed", problems);
            if (rate != null && levels != null && live != null && initial != null && seed != null) {
                try {
                    flow = new VenueConfig.Background(rate, levels, live, initial, seed);
                } catch (IllegalArgumentException e) {
                    problems.add(path + ".flow: " + e.getMessage());
                }
            }
        } else if (m.get("flow") != null) {
            problems.add(path + ".flow: expected a map with keys " + FLOW_KEYS);
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            VenueConfig config = new VenueConfig(symbols, ouchUdp, soup,
                    VenueConfig.Itch.DEFAULTS.withDestination(itch).withRequest(loopbackAny), flow, VenueConfig.Limits.DEFAULTS);
            return new VenueSection(name, embedded, config, generated);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code 86.94} or {@code 86.94/0.05}, dollars, to a symbol with prices in 1/10,000 dollar. */
    static VenueConfig.Symbol symbol(String stock, String value, String path, List<String> problems) {
        String[] parts = value.trim().split("/");
        try {
            int price = new BigDecimal(parts[0].trim()).movePointRight(4).intValueExact();
            int tick = parts.length > 1 ? new BigDecimal(parts[1].trim()).movePointRight(4).intValueExact() : 100;
            return new VenueConfig.Symbol(stock, price, tick);
        } catch (ArithmeticException | NumberFormatException e) {
            problems.add(path + ": expected a price in dollars with at most 4 decimals [/ tick], found '" + value + "'");
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
        }
        return null;
    }

    /** {@code host:port}; problems are collected, null returned. */
    static InetSocketAddress address(String value, String path, List<String> problems) {
        int colon = value.lastIndexOf(':');
        try {
            if (colon > 0) {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port >= 0 && port <= 65_535) {
                    return new InetSocketAddress(value.substring(0, colon), port);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(path + ": expected host:port, found '" + value + "'");
        return null;
    }

    private static Integer integer(Object value, int defaultValue, String path, List<String> problems) {
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.toString().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            problems.add(path + ": expected a whole number, found '" + value + "'");
            return null;
        }
    }

    private static String str(Object value, String defaultValue) {
        return value == null ? defaultValue : value.toString();
    }

    private static void unknown(Map<?, ?> m, Set<String> allowed, String path, List<String> problems) {
        for (Object key : m.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                problems.add(path + "." + key + ": unknown key (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }
}
