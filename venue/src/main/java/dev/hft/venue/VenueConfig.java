package dev.hft.venue;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a {@link Venue} needs, validated once in the constructors: each check names the field and the
 * value that is wrong. Prices have 4 implied decimals ($12.34 = 123400), as on the wire.
 *
 * @param symbols    the tradable symbols; the i-th gets ITCH stock locate i + 1
 * @param ouchUdp    where OUCH over UDP (MoldUDP64-framed) is received; null = no UDP order entry
 * @param soup       SoupBinTCP order-entry accounts, each on its own port
 * @param itch       the ITCH 5.0 market-data output
 * @param background the seeded random liquidity
 * @param limits     pool sizes and order limits (everything is preallocated from these)
 */
public record VenueConfig(List<Symbol> symbols, InetSocketAddress ouchUdp, List<SoupAccount> soup, Itch itch,
        Background background, Limits limits) {

    public VenueConfig {
        symbols = List.copyOf(symbols);
        soup = List.copyOf(soup);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("symbols: at least one symbol is needed");
        }
        Set<String> names = new HashSet<>();
        for (Symbol s : symbols) {
            if (!names.add(s.stock())) {
                throw new IllegalArgumentException("symbols: '" + s.stock() + "' is listed twice");
            }
        }
        if (itch == null || background == null || limits == null) {
            throw new IllegalArgumentException("itch, background and limits must be given (use their DEFAULTS)");
        }
        if (1 + soup.size() + limits.maxUdpAccounts() > 0xFFFF) {
            throw new IllegalArgumentException("soup accounts + limits.maxUdpAccounts must stay below 65535");
        }
    }

    /** Loopback everything on ephemeral ports except ITCH, which goes to {@code itchDestination}. */
    public static VenueConfig loopback(List<Symbol> symbols, InetSocketAddress itchDestination) {
        InetSocketAddress any = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
        return new VenueConfig(symbols, any, List.of(new SoupAccount("TRADER", "secret", any, "OUCH")),
                Itch.DEFAULTS.withDestination(itchDestination).withRequest(any), Background.DEFAULTS, Limits.DEFAULTS);
    }

    public VenueConfig withBackground(Background value) {
        return new VenueConfig(symbols, ouchUdp, soup, itch, value, limits);
    }

    public VenueConfig withLimits(Limits value) {
        return new VenueConfig(symbols, ouchUdp, soup, itch, background, value);
    }

    public VenueConfig withSoup(List<SoupAccount> value) {
        return new VenueConfig(symbols, ouchUdp, value, itch, background, limits);
    }

    public VenueConfig withItch(Itch value) {
        return new VenueConfig(symbols, ouchUdp, soup, value, background, limits);
    }

    /**
     * A tradable symbol.
     *
     * @param stock          1 to 8 ASCII characters
     * @param referencePrice where the background flow quotes around (4 implied decimals)
     * @param tick           price increment of the background flow (4 implied decimals; 100 = one cent)
     */
    public record Symbol(String stock, int referencePrice, int tick) {
        public Symbol {
            if (stock == null || stock.isEmpty() || stock.length() > 8 || !stock.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException("symbols: stock must be 1 to 8 printable ASCII characters, found '" + stock + "'");
            }
            if (tick <= 0 || referencePrice <= 0) {
                throw new IllegalArgumentException("symbols: " + stock + " needs referencePrice > 0 and tick > 0, found "
                        + referencePrice + " and " + tick);
            }
        }
    }

    /**
     * One SoupBinTCP order-entry account: its own server, session and sequence of responses.
     *
     * @param username           at most 6 characters
     * @param password           at most 10 characters
     * @param bind               listening address (port 0 = ephemeral, see {@link Venue#soupPort(int)})
     * @param session            the SoupBinTCP session name, 1 to 10 characters
     * @param cancelOnDisconnect when the logged-in connection ends (logout, disconnect, silence), cancel every live
     *                           order of the account
     */
    public record SoupAccount(String username, String password, InetSocketAddress bind, String session,
            boolean cancelOnDisconnect) {

        /** With cancel on disconnect. */
        public SoupAccount(String username, String password, InetSocketAddress bind, String session) {
            this(username, password, bind, session, true);
        }

        public SoupAccount {
            if (username.isEmpty() || username.length() > 6 || password.length() > 10
                    || session.isBlank() || session.length() > 10 || bind == null) {
                throw new IllegalArgumentException("soup: username 1-6, password 0-10, session 1-10 characters and a bind"
                        + " address are needed, found '" + username + "', '" + session + "', " + bind);
            }
        }
    }

    /**
     * The ITCH 5.0 output.
     *
     * @param destination    multicast group:port, or a unicast address (loopback tests)
     * @param interfaceName  network interface for multicast (null = the system's choice)
     * @param session        the MoldUDP64 session, 1 to 10 characters
     * @param request        where MoldUDP64 re-requests are served; null = no retransmission
     * @param storeMessages  how many messages (from sequence 1) the retransmission store keeps; later ones are
     *                       sent but cannot be re-requested
     */
    public record Itch(InetSocketAddress destination, String interfaceName, String session, InetSocketAddress request,
            int storeMessages) {

        public static final Itch DEFAULTS = new Itch(new InetSocketAddress("233.54.12.111", 26477), null, "VENUE", null,
                1 << 20);

        public Itch {
            if (destination == null || session.isBlank() || session.length() > 10 || storeMessages < 0) {
                throw new IllegalArgumentException("itch: a destination, a 1-10 character session and storeMessages >= 0"
                        + " are needed, found " + destination + ", '" + session + "', " + storeMessages);
            }
        }

        public Itch withDestination(InetSocketAddress value) {
            return new Itch(value, interfaceName, session, request, storeMessages);
        }

        public Itch withRequest(InetSocketAddress value) {
            return new Itch(destination, interfaceName, session, value, storeMessages);
        }

        public Itch withStoreMessages(int value) {
            return new Itch(destination, interfaceName, session, request, value);
        }
    }

    /**
     * Seeded random limit orders around each symbol's reference price: bids at reference - k ticks, asks at
     * reference + (k + 1) ticks, k uniform in [0, levels), 100 to 1000 shares in round lots. They never cross
     * each other; the oldest is cancelled once {@code liveOrders} rest.
     *
     * @param ordersPerSecond new background orders per second of the venue's clock (0 = none after the start)
     * @param levels          price levels per side
     * @param liveOrders      most background orders resting at once
     * @param initialOrders   orders placed at start
     * @param seed            random seed: same seed, same clock, same orders
     */
    public record Background(long ordersPerSecond, int levels, int liveOrders, int initialOrders, long seed) {

        public static final Background DEFAULTS = new Background(1000, 10, 2000, 200, 1);

        public Background {
            if (ordersPerSecond < 0 || levels < 1 || liveOrders < 1 || initialOrders < 0) {
                throw new IllegalArgumentException("background: ordersPerSecond >= 0, levels >= 1, liveOrders >= 1 and"
                        + " initialOrders >= 0 are needed, found " + ordersPerSecond + ", " + levels + ", " + liveOrders
                        + ", " + initialOrders);
            }
        }
    }

    /**
     * Pool sizes and what one client may take; nothing grows after start but the SoupBinTCP stores, up to their cap.
     *
     * @param maxOrders       resting or in-flight orders at once, all accounts together
     * @param maxLevels       price levels per side of one symbol
     * @param maxShares       largest accepted order (OUCH: below 1,000,000)
     * @param maxClientTokens order tokens clients may use in a day (tokens stay reserved after the order dies)
     * @param maxUdpClients   UDP senders served at once (each is an account while it is active)
     * @param maxUdpAccounts  UDP accounts in a day: a sender whose slot expired comes back as a new account (positions
     *                        are never handed to another sender); past this, new senders are refused
     * @param udpIdleNanos    a UDP sender silent this long loses its slot, and its live orders are cancelled
     * @param soupConnections connections at once per SoupBinTCP account
     * @param soupStoreBytes  what each SoupBinTCP session's store keeps for the day's re-requests
     */
    public record Limits(int maxOrders, int maxLevels, int maxShares, int maxClientTokens, int maxUdpClients,
            int maxUdpAccounts, long udpIdleNanos, int soupConnections, long soupStoreBytes) {

        public static final Limits DEFAULTS = new Limits(1 << 16, 1024, 999_999, 1 << 18, 16);

        /** With the defaults for UDP accounts (256), UDP idle time (30 s), connections (8) and store (256 MiB). */
        public Limits(int maxOrders, int maxLevels, int maxShares, int maxClientTokens, int maxUdpClients) {
            this(maxOrders, maxLevels, maxShares, maxClientTokens, maxUdpClients, Math.max(256, maxUdpClients),
                    30_000_000_000L, 8, 256L << 20);
        }

        public Limits {
            if (maxOrders < 1 || maxLevels < 1 || maxShares < 1 || maxClientTokens < 1 || maxUdpClients < 0
                    || maxUdpAccounts < maxUdpClients || udpIdleNanos <= 0 || soupConnections < 1 || soupStoreBytes < 1) {
                throw new IllegalArgumentException("limits: all must be positive (maxUdpClients >= 0, maxUdpAccounts >="
                        + " maxUdpClients), found " + maxOrders + ", " + maxLevels + ", " + maxShares + ", " + maxClientTokens
                        + ", " + maxUdpClients + ", " + maxUdpAccounts + ", " + udpIdleNanos + ", " + soupConnections + ", "
                        + soupStoreBytes);
            }
        }
    }
}
