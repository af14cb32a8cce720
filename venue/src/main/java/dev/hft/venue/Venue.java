package dev.hft.venue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;

import dev.hft.wire.ouch.CancelOrder;
import dev.hft.wire.ouch.EnterOrder;
import dev.hft.wire.ouch.ModifyOrder;
import dev.hft.wire.ouch.OuchInboundDecoder;
import dev.hft.wire.ouch.OuchInboundListener;
import dev.hft.wire.ouch.ReplaceOrder;
import dev.hft.wire.soup.SoupBinTcp;
import dev.hft.wire.soup.SoupServer;

/**
 * The venue simulator: a {@link MatchingEngine} behind OUCH 4.2 order entry (SoupBinTCP and OUCH over UDP),
 * publishing ITCH 5.0 over MoldUDP64, with seeded background liquidity. Everything runs on the thread that
 * calls {@link #pollOnce()} (or {@link #run}); {@link #start} and {@link #stop()} too.
 *
 * <p>Accounts: 0 is the background flow, 1..n the SoupBinTCP accounts in configuration order, then one per
 * UDP sender in order of first contact (a sender whose slot expired comes back as a new account). Each SoupBinTCP
 * account is one session, live on one connection at a time; each UDP sender gets its own response session.
 *
 * <p>Safety features a client relies on: cancel on disconnect per SoupBinTCP account (when its logged-in connection
 * ends, every live order of the account is cancelled, reason {@code Z}, and those Order Canceled messages wait in the
 * session for the next login), UDP slots that expire (the account's orders cancelled too), and the limits of
 * {@link SoupServer.Options}. An account whose session store has less than {@value #STORE_HEADROOM} bytes left gets
 * its enters and replaces rejected (CAPACITY) so the answers to what it already has still fit.
 */
public final class Venue implements AutoCloseable {

    static final long DAY_NANOS = 86_400_000_000_000L;
    /** MoldUDP64 session of the responses to UDP clients. */
    public static final String UDP_RESPONSE_SESSION = "VENUEOUCH";
    /** Store bytes kept for the answers to orders already live when a session's store is nearly full. */
    static final long STORE_HEADROOM = 1 << 20;
    /** The cancel reason of cancel on disconnect and of an expired UDP slot: system cancel. */
    static final byte CANCEL_ON_DISCONNECT = 'Z';

    /** The listener that feeds decoded client messages to the engine for the account being read. */
    final class Inbound implements OuchInboundListener {
        int account;

        @Override
        public void enterOrder(EnterOrder message) {
            if (storeNearlyFull(account)) {
                engine.refuseEnter(account, message, timestamp);
            } else {
                engine.enterOrder(account, message, timestamp);
            }
        }

        @Override
        public void replaceOrder(ReplaceOrder message) {
            if (storeNearlyFull(account)) {
                engine.refuseReplace(account, message, timestamp);
            } else {
                engine.replaceOrder(account, message, timestamp);
            }
        }

        @Override
        public void cancelOrder(CancelOrder message) {
            engine.cancelOrder(account, message, timestamp);
        }

        @Override
        public void modifyOrder(ModifyOrder message) {
            engine.modifyOrder(account, message, timestamp);
        }
    }

    /** Routes each account's responses to its session. */
    private final class Sessions implements OuchOutput {
        private final MemorySegment soupScratch = MemorySegment.ofArray(new byte[128]);

        @Override
        public long claim(int account, int length) {
            if (account == MatchingEngine.BACKGROUND_ACCOUNT) {
                return -1;
            }
            if (account <= soup.size()) {
                return length <= soupScratch.byteSize() && soup.get(account - 1).storeRemaining() >= length ? 0 : -1;
            }
            return udp == null ? -1 : udp.claim(account, length);
        }

        @Override
        public MemorySegment segment(int account) {
            return account <= soup.size() ? soupScratch : udp.segment(account);
        }

        @Override
        public void commit(int account, long offset, int length) {
            if (account <= soup.size()) {
                soup.get(account - 1).publish(soupScratch, offset, length);
            }
            ouchSent++;
        }
    }

    private final VenueConfig config;
    private final EpochNanoClock clock;
    private final MatchingEngine engine;
    private final ItchPublisher itch;
    private final List<SoupServer> soup = new ArrayList<>();
    private final OuchUdpGateway udp;
    private final BackgroundFlow background;
    private final Inbound inbound = new Inbound();
    private final OuchInboundDecoder decoder = new OuchInboundDecoder(inbound);
    private long timestamp;
    private long ouchSent;
    private boolean stopped;

    private Venue(VenueConfig config, EpochNanoClock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        long now = clock.nanoTime();
        this.timestamp = now % DAY_NANOS;
        int accounts = 1 + config.soup().size() + config.limits().maxUdpAccounts();
        this.itch = new ItchPublisher(config.itch(), now);
        this.engine = new MatchingEngine(config.symbols(), config.limits(), accounts, new Sessions(), itch);
        OuchUdpGateway gateway = null;
        try {
            for (int i = 0; i < config.soup().size(); i++) {
                VenueConfig.SoupAccount a = config.soup().get(i);
                int account = i + 1;
                soup.add(new SoupServer(a.bind(), a.session(), a.username(), a.password(), clock::nanoTime,
                        SoupBinTcp.DEFAULT_SILENCE_TIMEOUT_NANOS, new SoupServer.Listener() {
                            @Override
                            public void onUnsequencedData(int peer, MemorySegment segment, long offset, int length) {
                                inbound.account = account;
                                decoder.decode(segment, offset, length);
                            }

                            @Override
                            public void onSessionEnded(int peer) {
                                if (a.cancelOnDisconnect()) {
                                    engine.cancelAll(account, CANCEL_ON_DISCONNECT, timestamp);
                                }
                            }
                        }, SoupServer.Options.DEFAULTS.withMaxConnections(config.limits().soupConnections())
                                .withStoreBytes(config.limits().soupStoreBytes())));
            }
            if (config.ouchUdp() != null) {
                gateway = new OuchUdpGateway(config.ouchUdp(), UDP_RESPONSE_SESSION, config.limits().maxUdpClients(),
                        config.limits().maxUdpAccounts(), 1 + config.soup().size(), config.limits().udpIdleNanos(), decoder,
                        inbound, account -> engine.ouchSystemEvent(account, (byte) 'S', timestamp),
                        account -> engine.cancelAll(account, CANCEL_ON_DISCONNECT, timestamp));
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(gateway);
            throw e;
        }
        this.udp = gateway;
        this.background = new BackgroundFlow(engine, config.symbols(), config.background(), now);
    }

    /**
     * Opens every socket, publishes the start of day (ITCH S, R, H; OUCH System Event S to each SoupBinTCP
     * session) and places the initial background orders.
     */
    public static Venue start(VenueConfig config, EpochNanoClock clock) throws IOException {
        Venue venue = new Venue(config, clock);
        venue.engine.startOfDay(venue.timestamp);
        for (int account = 1; account <= venue.soup.size(); account++) {
            venue.engine.ouchSystemEvent(account, (byte) 'S', venue.timestamp);
        }
        venue.background.prefill(venue.timestamp);
        venue.itch.flush(clock.nanoTime());
        return venue;
    }

    /** One duty cycle: order entry in, background flow, responses and market data out, re-requests. */
    public int pollOnce() {
        long now = clock.nanoTime();
        timestamp = now % DAY_NANOS;
        int work = 0;
        for (int i = 0; i < soup.size(); i++) {
            work += soup.get(i).poll();
        }
        if (udp != null) {
            work += udp.poll(now);
        }
        work += background.poll(now, timestamp);
        work += itch.flush(now);
        if (udp != null) {
            work += udp.flush();
        }
        work += itch.serveRequests();
        return work;
    }

    /** Polls until {@code keepRunning} turns false, idling when a cycle did nothing; then {@link #stop()}. */
    public void run(BooleanSupplier keepRunning, IdleStrategy idle) {
        while (keepRunning.getAsBoolean()) {
            idle.idle(pollOnce());
        }
        stop();
    }

    /**
     * Ends the day: ITCH S (M, E, C) and the MoldUDP64 end of session, OUCH System Event E to every session,
     * SoupBinTCP End of Session once each connected client has everything (bounded), then closes the sockets.
     */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long now = clock.nanoTime();
        timestamp = now % DAY_NANOS;
        engine.endOfDay(timestamp);
        for (int account = 1; account <= soup.size(); account++) {
            engine.ouchSystemEvent(account, (byte) 'E', timestamp);
        }
        if (udp != null) {
            for (int account : udp.activeAccounts()) {
                engine.ouchSystemEvent(account, (byte) 'E', timestamp);
            }
        }
        if (udp != null) {
            udp.flush();
        }
        itch.endOfSession(now);
        for (SoupServer server : soup) {
            server.endSession();
        }
        for (int i = 0; i < 1000 && soupBusy(); i++) {
            for (SoupServer server : soup) {
                server.poll();
            }
        }
        closeQuietly(udp);
    }

    private boolean storeNearlyFull(int account) {
        return account >= 1 && account <= soup.size() && soup.get(account - 1).storeRemaining() < STORE_HEADROOM;
    }

    private boolean soupBusy() {
        for (SoupServer server : soup) {
            if (server.connections() > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        stop();
    }

    private void closeQuietly(OuchUdpGateway gateway) {
        List<AutoCloseable> all = new ArrayList<>(soup);
        all.add(gateway);
        all.add(itch);
        for (AutoCloseable c : all) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing at shutdown: nothing left to recover
            }
        }
    }

    // ---------------------------------------------------------------- addresses and accounts

    /** The port SoupBinTCP account {@code index} (0-based, configuration order) listens on. */
    public int soupPort(int index) {
        return soup.get(index).port();
    }

    /** The account number of SoupBinTCP account {@code index}. */
    public static int soupAccount(int index) {
        return index + 1;
    }

    /** The port OUCH over UDP is received on, or -1. */
    public int ouchUdpPort() {
        try {
            return udp == null ? -1 : udp.port();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The account of a UDP client (by its source address), or -1 if it has not sent anything. */
    public int udpAccount(InetSocketAddress address) {
        return udp == null ? -1 : udp.account(address);
    }

    /** The port MoldUDP64 re-requests are served on, or -1. */
    public int itchRequestPort() {
        try {
            return itch.requestPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public VenueConfig config() {
        return config;
    }

    /** The engine: book views, positions per account and the order counters. */
    public MatchingEngine engine() {
        return engine;
    }

    // ---------------------------------------------------------------- counters

    public long ordersReceived() {
        return engine.ordersReceived();
    }

    public long accepted() {
        return engine.accepted();
    }

    public long rejected(RejectReason reason) {
        return engine.rejected(reason);
    }

    public long executions() {
        return engine.executions();
    }

    public long sharesTraded() {
        return engine.sharesTraded();
    }

    /** Net shares bought (positive) or sold by {@code account} in {@code stock}. */
    public long position(int account, String stock) {
        int symbol = engine.symbol(stock);
        if (symbol < 0 || account < 0 || account >= engine.accounts()) {
            throw new IllegalArgumentException("no position for account " + account + " in '" + stock + "'");
        }
        return engine.position(account, symbol);
    }

    public long itchMessagesPublished() {
        return itch.messages();
    }

    public long itchPackets() {
        return itch.packets();
    }

    public long itchHeartbeats() {
        return itch.heartbeats();
    }

    public long itchSendFailures() {
        return itch.sendFailures();
    }

    public long itchRequestsServed() {
        return itch.requestsServed();
    }

    public long itchRequestsIgnored() {
        return itch.requestsIgnored();
    }

    public long ouchMessagesSent() {
        return ouchSent;
    }

    /** OUCH messages decoded and handed to the engine. */
    public long ouchDecoded() {
        return decoder.decoded();
    }

    /** Client OUCH messages dropped: unknown type or wrong length. */
    public long ouchMalformed() {
        return decoder.unknownTypes() + decoder.badLengths();
    }

    /** UDP datagrams that were no valid MoldUDP64 packet. */
    public long udpBadFrames() {
        return udp == null ? 0 : udp.badFrames();
    }

    /** UDP messages with a sequence number already taken. */
    public long udpDuplicates() {
        return udp == null ? 0 : udp.duplicates();
    }

    /** UDP datagrams from senders beyond {@code limits.maxUdpClients}. */
    public long udpRefused() {
        return udp == null ? 0 : udp.refused();
    }

    /** UDP order-entry socket errors (receive or send), each counted and survived. */
    public long udpIoFailures() {
        return udp == null ? 0 : udp.ioFailures();
    }

    /** The SoupBinTCP server of account {@code index} (0-based), for its counters. */
    public SoupServer soupServer(int index) {
        return soup.get(index);
    }

    /** UDP accounts handed out so far: {@code soup accounts + 1} up to this many after. */
    public int udpAccountsUsed() {
        return udp == null ? 0 : udp.accountsUsed();
    }

    /** UDP slots that expired (their accounts' orders cancelled). */
    public long udpExpired() {
        return udp == null ? 0 : udp.expiredSlots();
    }

    /** SoupBinTCP packets that were not valid in their state, all accounts. */
    public long soupGarbage() {
        long sum = 0;
        for (SoupServer server : soup) {
            sum += server.garbage();
        }
        return sum;
    }
}
