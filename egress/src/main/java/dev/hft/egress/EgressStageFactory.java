package dev.hft.egress;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.function.BiConsumer;

import org.agrona.concurrent.SystemNanoClock;

import dev.hft.egress.dpdk.DpdkOrderTransport;
import dev.hft.journal.Journal;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;
import dev.hft.pipeline.TopologyException;
import dev.hft.wire.mold.MoldUdpFrame;
import dev.hft.wire.mold.MoldUdpFrameEncoder;
import dev.hft.wire.pcap.FrameTap;
import dev.hft.wire.soup.SoupBinTcp;
import dev.hft.wire.soup.SoupClient;

/**
 * {@code kind: egress}, fed {@code event: order}; its first output ring (if any) carries {@code order-response}.
 *
 * <pre>
 *   params:
 *     transport: soup            # soup (SoupBinTCP) | udp (MoldUDP64 datagrams, send-only)
 *                                # | dpdk (MoldUDP64 frames built in TX mbufs, responses from an RX queue)
 *     host: 127.0.0.1            # venue address
 *     port: 15000
 *     username: user01           # soup: at most 6 characters
 *     password_env: OUCH_PASS    # soup: the password from this environment variable, or ...
 *     password_file: ~/.oe-pass  # ... from this file, which only its owner may read (chmod 600); at most 10 characters
 *                                # (a plain 'password' is refused; hft run fills password_ref for an embedded venue)
 *     session: ""                # soup: session to join (blank = current); udp: MoldUDP64 session name
 *     next_sequence: 1           # soup: first Sequenced Data number wanted (the journal's last + 1 once it has one)
 *     silence_timeout_ms: 15000  # soup: link declared dead after this much silence
 *     reconnect_delay_ms: 1000   # soup: wait before reconnecting
 *     login_timeout_ms: 0        # soup: log in while building and fail the build if not logged in by then
 *                                # (0: log in on the stage's thread after start; orders before that come back NOT_SENT)
 *     venue: sim                 # instead of host/port: the topology's embedded venue of that name;
 *                                # the launcher fills in host and port once the venue has bound its sockets
 *     # dpdk only (see DpdkOrderTransport.open): host is the venue's IPv4 address
 *     dpdk_port: oe              # a dpdk.ports entry (required)
 *     dpdk_eal: [...]            # EAL arguments if nothing initialised the EAL yet
 *     local_ip: 0.0.0.0
 *     local_port: 40000
 *     src_mac: 02:00:00:00:00:01
 *     dst_mac: ff:ff:ff:ff:ff:ff
 *     tx_queue: 0
 *     rx_queue: 0                # -1: send-only
 *     tap: {file: tx.pcap, sample: 1, max_packets: 1000000, max_bytes: 1073741824}
 *                                # TX capture tap: the OUCH messages of each sent frame as MoldUDP64/UDP/IPv4/Ethernet
 *     journal_dir: state/orders  # the session's order-entry journal, shared with its strategies (hft run sets it)
 *     trading_day: 2026-12-07    # the journal's day key (default: today in America/New_York)
 *     journal_sync: false        # msync every journal record
 * </pre>
 */
public final class EgressStageFactory implements StageFactory {

    static final Set<String> TRANSPORTS = Set.of("soup", "udp", "dpdk");
    static final Set<String> KEYS = Set.of("transport", "host", "port", "username", "password", "password_env",
            "password_file", "password_ref", "session", "next_sequence", "silence_timeout_ms", "reconnect_delay_ms",
            "login_timeout_ms", "venue", "dpdk_port", "dpdk_eal", "local_ip", "local_port", "src_mac", "dst_mac", "tx_queue",
            "rx_queue", "tap", "journal_dir", "trading_day", "journal_sync");
    private static final String MAC = "[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}";
    private static final String IPV4 = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}";

    @Override
    public String kind() {
        return "egress";
    }

    @Override
    public String inputEvent() {
        return "order";
    }

    @Override
    public void validate(Params params, BiConsumer<String, String> problems) {
        for (String key : params.asMap().keySet()) {
            if (!KEYS.contains(key)) {
                String snake = key.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
                problems.accept(key, "unknown param" + (KEYS.contains(snake) ? ", did you mean '" + snake + "'?" : "")
                        + " (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        String transport = params.string("transport", "soup");
        if (!TRANSPORTS.contains(transport)) {
            problems.accept("transport", "must be soup, udp or dpdk, found '" + transport + "'");
        }
        boolean embedded = params.has("venue") && !params.has("host") && !params.has("port");
        if (!embedded && params.string("host", "").isBlank()) {
            problems.accept("host", "is required (the venue's address), or name an embedded venue with 'venue'");
        }
        String port = params.string("port", "");
        if (!embedded && (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535)) {
            problems.accept("port", "must be a TCP/UDP port number 1 to 65535, found '" + port + "'");
        }
        if (params.string("session", "").length() > SoupBinTcp.SESSION_LENGTH) {
            problems.accept("session", "is at most 10 characters");
        }
        if ("dpdk".equals(transport)) {
            validateDpdk(params, embedded, problems);
        }
        FrameTap.validate(params.asMap().get("tap"), problems);
        if (!dev.hft.journal.Journal.isDayKey(params.string("trading_day", dev.hft.journal.Journal.today()))) {
            problems.accept("trading_day", "1 to 64 of [0-9A-Za-z_.-], starting with a letter or digit, found '"
                    + params.string("trading_day", "") + "'");
        }
        if ("soup".equals(transport)) {
            String username = params.string("username", "");
            if (username.isEmpty() || username.length() > SoupBinTcp.USERNAME_LENGTH) {
                problems.accept("username", "is required, at most 6 characters");
            }
            if (params.has("password")) {
                problems.accept("password", "a plain-text password is refused (topology files get shared, --set shows in"
                        + " ps): give password_env (an environment variable) or password_file (a file only you can read)");
            }
            if (params.has("password_env") && params.has("password_file")) {
                problems.accept("password_file", "give one of password_env and password_file");
            }
            if (params.has("password_file")) {
                java.nio.file.Path file = params.path("password_file", null);
                String problem = java.nio.file.Files.exists(file) ? Credentials.problemWithFile(file) : null;
                if (problem != null) {
                    problems.accept("password_file", problem);
                }
            }
            positive(params, "next_sequence", 1, problems);
            positive(params, "silence_timeout_ms", 15_000, problems);
            positive(params, "reconnect_delay_ms", 1_000, problems);
            try {
                if (params.longValue("login_timeout_ms", 0) < 0) {
                    problems.accept("login_timeout_ms", "must be 0 or more");
                }
            } catch (TopologyException e) {
                problems.accept("login_timeout_ms", "must be a whole number, found '" + params.string("login_timeout_ms", "") + "'");
            }
        }
    }

    private static void validateDpdk(Params params, boolean embedded, BiConsumer<String, String> problems) {
        if (!params.has("dpdk_port") || params.child("dpdk_port").asMap().isEmpty()) {
            problems.accept("dpdk_port", "is required with transport dpdk: the name of a dpdk.ports entry");
        }
        if (!embedded && !params.string("host", "").isBlank() && !params.string("host", "").matches(IPV4)) {
            problems.accept("host", "must be the venue's IPv4 address with transport dpdk (no name lookup), found '"
                    + params.string("host", "") + "'");
        }
        if (!params.string("local_ip", "0.0.0.0").matches(IPV4)) {
            problems.accept("local_ip", "must be an IPv4 address, found '" + params.string("local_ip", "") + "'");
        }
        for (String key : new String[] {"src_mac", "dst_mac"}) {
            if (params.has(key) && !params.string(key, "").matches(MAC)) {
                problems.accept(key, "must be a MAC address like 02:00:00:00:00:01, found '" + params.string(key, "") + "'");
            }
        }
        range(params, "local_port", 40_000, 1, 65_535, problems);
        range(params, "tx_queue", 0, 0, 1023, problems);
        range(params, "rx_queue", 0, -1, 1023, problems);
    }

    private static void range(Params params, String key, long defaultValue, long min, long max,
            BiConsumer<String, String> problems) {
        try {
            long value = params.longValue(key, defaultValue);
            if (value < min || value > max) {
                problems.accept(key, "must be " + min + " to " + max + ", found " + value);
            }
        } catch (TopologyException e) {
            problems.accept(key, "must be a whole number, found '" + params.string(key, "") + "'");
        }
    }

    private static void positive(Params params, String key, long defaultValue, BiConsumer<String, String> problems) {
        try {
            if (params.longValue(key, defaultValue) < 1) {
                problems.accept(key, "must be at least 1");
            }
        } catch (TopologyException e) {
            problems.accept(key, "must be a whole number, found '" + params.string(key, "") + "'");
        }
    }

    @Override
    public Object create(StageContext context) throws Exception {
        Params p = context.params();
        if (!p.has("host") || !p.has("port")) {
            throw new TopologyException(context.name() + ".params.venue", "embedded venue '" + p.string("venue", "")
                    + "' is not running: start the pipeline with `hft run`, which starts the topology's venues first");
        }
        InetSocketAddress venue = "dpdk".equals(p.string("transport", "soup"))
                ? InetSocketAddress.createUnresolved(p.string("host", ""), p.intValue("port", 0))
                : new InetSocketAddress(p.string("host", ""), p.intValue("port", 0));
        Journal journal = p.has("journal_dir") ? Journal.acquire(Journal.dayDir(p.path("journal_dir", null),
                p.string("trading_day", Journal.today())), p.bool("journal_sync", false)) : null;
        try {
            return create(context, p, venue, journal);
        } catch (Exception | Error e) {
            if (journal != null) {
                journal.close();
            }
            throw e;
        }
    }

    private EgressStage create(StageContext context, Params p, InetSocketAddress venue, Journal journal) throws Exception {
        long nextSequence = p.longValue("next_sequence", 1);
        String session = p.string("session", "");
        if (journal != null && "soup".equals(p.string("transport", "soup"))) {
            Journal.SessionState state = journal.sessionState();
            if (!state.session().isEmpty()) {
                if (!session.isBlank() && !session.equals(state.session())) {
                    throw new TopologyException(context.name() + ".params.session", "the journal " + journal.dir()
                            + " is of session '" + state.session() + "', not '" + session + "': a new session is a new"
                            + " trading day (trading_day, or hft run --trading-day)");
                }
                session = state.session();
            }
            nextSequence = Math.max(nextSequence, state.lastSequence() + 1);
        }
        String password;
        try {
            password = Credentials.resolve(p.string("password_env", null), p.has("password_file") ? p.path("password_file", null)
                    : null, p.string("password_ref", null));
        } catch (IllegalArgumentException e) {
            throw new TopologyException(context.name() + ".params", e.getMessage());
        }
        if (password.length() > SoupBinTcp.PASSWORD_LENGTH) {
            throw new TopologyException(context.name() + ".params", "the password is longer than SoupBinTCP's 10 characters");
        }
        String loginSession = session;
        long loginSequence = nextSequence;
        OrderTransport transport = switch (p.string("transport", "soup")) {
            case "udp" -> new UdpOrderTransport(venue, p.string("session", "OUCH"));
            case "dpdk" -> DpdkOrderTransport.open(p);
            default -> new SoupOrderTransport(listener -> new SoupClient(venue, p.string("username", ""),
                    password, loginSession, loginSequence,
                    new SystemNanoClock(), p.longValue("silence_timeout_ms", 15_000) * 1_000_000L,
                    p.longValue("reconnect_delay_ms", 1_000) * 1_000_000L, listener));
        };
        FrameTap tap = FrameTap.open(p.asMap().get("tap"), context.instance(), context.instances());
        EgressStage stage = tap == null ? new EgressStage(context, transport, null, null, journal)
                : new EgressStage(context, transport, tap, tapEncoder(p), journal);
        if (transport instanceof SoupOrderTransport soup && p.longValue("login_timeout_ms", 0) > 0) {
            logIn(soup, venue, p.longValue("login_timeout_ms", 0), context.name());
        }
        return stage;
    }

    /**
     * Frames for the TX tap, addressed as {@code transport: dpdk} addresses its frames (an address that is not a
     * literal IPv4, e.g. a host name, shows as 0.0.0.0).
     */
    private static MoldUdpFrameEncoder tapEncoder(Params p) {
        String session = String.format("%-10s", p.string("session", "OUCH"));
        return new MoldUdpFrameEncoder(mac(p.string("src_mac", "02:00:00:00:00:01")), mac(p.string("dst_mac", "ff:ff:ff:ff:ff:ff")),
                ipv4(p.string("local_ip", "0.0.0.0")), ipv4(p.string("host", "")), p.intValue("local_port", 40000),
                p.intValue("port", 0), session.getBytes(java.nio.charset.StandardCharsets.US_ASCII), MoldUdpFrame.DEFAULT_MAX_FRAME);
    }

    /** The address as {@code transport: dpdk} reads it, or 0 when the text is not a MAC address (not validated here). */
    private static long mac(String text) {
        return text.matches(MAC) ? DpdkOrderTransport.mac(text) : 0;
    }

    /** The address as {@code transport: dpdk} reads it, or 0 (0.0.0.0) for a host name. */
    private static int ipv4(String text) {
        return text.matches(IPV4) ? DpdkOrderTransport.ipv4(text) : 0;
    }

    /**
     * Logs in on the building thread, so orders from the first market data find the session up. It handles one packet
     * per poll, so it stops at Login Accepted: what the venue sends after it (its System Event, the responses a
     * restarted session missed) waits in the socket for the stage, which journals and publishes it.
     */
    private static void logIn(SoupOrderTransport soup, InetSocketAddress venue, long timeoutMs, String stage) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        OrderTransport.VenueListener discard = (sequence, segment, offset, length) -> {
            throw new IllegalStateException("sequenced data before Login Accepted");
        };
        while (soup.client().state() != SoupClient.State.LOGGED_IN) {
            if (soup.client().state() == SoupClient.State.CLOSED) {
                throw new TopologyException(stage + ".params", "could not log in to " + venue + ": " + soup.closedBecause());
            }
            if (System.nanoTime() - deadline > 0) {
                soup.client().close();
                throw new TopologyException(stage + ".params.login_timeout_ms", "not logged in to " + venue + " within "
                        + timeoutMs + " ms (state " + soup.client().state() + ")");
            }
            if (soup.poll(discard, 1) == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        }
    }
}
