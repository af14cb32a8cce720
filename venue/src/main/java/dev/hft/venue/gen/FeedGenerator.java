package dev.hft.venue.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

import dev.hft.wire.itch.ItchAlpha;
import dev.hft.wire.itch.ItchEncoder;
import dev.hft.wire.itch.ItchMessages;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.net.Ipv4;

/**
 * Generates a synthetic TotalView-ITCH 5.0 day, deterministic per seed: system events through the day,
 * a stock directory (R) and a trading action (H) per symbol, then order flow where adds, deletes and replaces
 * dominate, with partial executions and cancels, symbols drawn from a Zipf-like distribution, and every one
 * of the 23 message types present. Every reference (E, C, X, D, U) names a live order with enough shares.
 *
 * <p>{@link #write} writes the same messages as a BinaryFILE and as a pcap of MoldUDP64 packets.
 */
public final class FeedGenerator {

    /**
     * @param messages total messages (at least {@link #minimumMessages(int)})
     * @param symbols  stock locates 1..symbols
     */
    public record Options(long messages, int symbols, long seed) {
        public Options {
            if (symbols < 2 || symbols > 65535) {
                throw new IllegalArgumentException("symbols must be in 2..65535, found " + symbols);
            }
            if (messages < minimumMessages(symbols)) {
                throw new IllegalArgumentException(messages + " messages are too few for " + symbols
                        + " symbols: at least " + minimumMessages(symbols));
            }
        }
    }

    /** What was written: total messages and the count per message type (indexed by the type byte). */
    public record Summary(long messages, long[] typeCounts) {
        public long count(char type) {
            return typeCounts[type];
        }
    }

    public static final String SESSION = "HFTGEN0001";
    public static final String GROUP = "233.54.12.111";
    public static final int PORT = 26477;
    public static final String SOURCE_IP = "10.0.0.1";
    public static final int MESSAGES_PER_PACKET = 16;
    public static final int MAX_PAYLOAD = 1400;
    /** 2019-12-30T00:00:00Z: the pcap's capture time is this day plus each message's timestamp. */
    public static final long DAY_EPOCH_NANOS = 1_577_664_000L * 1_000_000_000L;

    private static final long HOUR = 3_600_000_000_000L;
    private static final long OPEN = 9 * HOUR + HOUR / 2;
    private static final long CLOSE = 16 * HOUR;
    /** Messages before and after the order flow: S O, V, L, L, Y, Y, S S, and S M, Q, S E, S C. */
    private static final int FIXED = 11;
    /** Scheduled messages inside the order flow (see {@link #special}). */
    private static final int OPEN_SPECIAL = 4;
    /**
     * Resting orders at most: once the day holds this many, order flow only deletes, replaces, executes and cancels
     * until some are gone (about 25 MB of state, whatever the size of the day).
     */
    static final int MAX_LIVE_ORDERS = 1 << 20;
    static final int PROGRESS_EVERY = 1 << 16;
    private static final LongConsumer NO_PROGRESS = written -> { };
    private static final double[] SPECIAL_AT = {0.02, 0.05, 0.07, 0.09, 0.10, 0.101, 0.20, 0.205, 0.21, 0.30, 0.31, 0.50, 0.60, 0.95, 0.97};

    private final Options options;
    private final MessageOutput out;
    private final SplittableRandom random;
    private final MemorySegment message = Arena.ofAuto().allocate(ItchMessages.MAX_LENGTH);
    private final long[] typeCounts = new long[256];
    private final long[] stock;
    private final int[] mid;
    private final double[] zipfCumulative;
    private final LiveOrders live;
    private final LongConsumer progress;
    private long timestamp;
    private long nextOrderReference = 1;
    private long nextMatchNumber = 1;
    private long written;

    private FeedGenerator(Options options, MessageOutput out, int liveCapacity, LongConsumer progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
        this.random = new SplittableRandom(options.seed());
        int n = options.symbols();
        this.stock = new long[n + 1];
        this.mid = new int[n + 1];
        this.zipfCumulative = new double[n + 1];
        this.live = new LiveOrders(liveCapacity);
        Set<String> names = new HashSet<>();
        double sum = 0;
        for (int locate = 1; locate <= n; locate++) {
            String name;
            do {
                name = symbolName();
            } while (!names.add(name));
            stock[locate] = ItchAlpha.stock(name);
            mid[locate] = (5 + random.nextInt(495)) * 10_000;
            sum += 1.0 / locate;
            zipfCumulative[locate] = sum;
        }
        for (int locate = 1; locate <= n; locate++) {
            zipfCumulative[locate] /= sum;
        }
    }

    public static long minimumMessages(int symbols) {
        return FIXED + 2L * symbols + SPECIAL_AT.length + 100;
    }

    /** Generates the day into {@code out} (which is closed at the end). */
    public static Summary generate(Options options, MessageOutput out) throws IOException {
        return generate(options, out, NO_PROGRESS);
    }

    /**
     * Generates the day into {@code out} (which is closed at the end); {@code progress} receives the messages
     * written so far every {@value #PROGRESS_EVERY} messages and once at the end.
     */
    public static Summary generate(Options options, MessageOutput out, LongConsumer progress) throws IOException {
        return generate(options, out, (int) Math.min(options.messages(), MAX_LIVE_ORDERS), progress);
    }

    /** {@code liveCapacity}: resting orders the day holds at most (tests make it small to reach the limit quickly). */
    static Summary generate(Options options, MessageOutput out, int liveCapacity, LongConsumer progress) throws IOException {
        FeedGenerator generator = new FeedGenerator(options, out, liveCapacity, progress);
        try (out) {
            generator.day();
        }
        progress.accept(generator.written);
        return new Summary(generator.written, generator.typeCounts);
    }

    /** Writes {@code <dir>/<name>.itch} (BinaryFILE) and {@code <dir>/<name>.pcap} (MoldUDP64) with the same messages. */
    public static Summary write(Options options, Path dir, String name) throws IOException {
        return write(options, dir, name, NO_PROGRESS);
    }

    /**
     * As {@link #write(Options, Path, String)}, reporting progress as {@link #generate(Options, MessageOutput, LongConsumer)}
     * does. Both files are written as the messages are generated: memory stays bounded whatever the size of the day.
     */
    public static Summary write(Options options, Path dir, String name, LongConsumer progress) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream binary = Files.newOutputStream(dir.resolve(name + ".itch"));
             OutputStream pcap = Files.newOutputStream(dir.resolve(name + ".pcap"))) {
            MessageOutput both = new MessageOutputs(new BinaryFileWriter(binary), new MoldPcapWriter(pcap, MoldPacket.session(SESSION),
                    Ipv4.parse(SOURCE_IP), Ipv4.parse(GROUP), PORT, DAY_EPOCH_NANOS, MESSAGES_PER_PACKET, MAX_PAYLOAD));
            return generate(options, both, progress);
        }
    }

    /**
     * The same day split into {@code channels} MoldUDP64 sessions by stock locate ({@link ChannelOutput}):
     * {@code <dir>/<name>-<k>.pcap}. {@link #write} stays the single-channel form, byte for byte.
     */
    public static ChannelOutput writeChannels(Options options, int channels, Path dir, String name) throws IOException {
        ChannelOutput out = ChannelOutput.open(channels, dir, name);
        generate(options, out);
        return out;
    }

    private void day() throws IOException {
        int symbols = options.symbols();
        timestamp = 3 * HOUR + random.nextLong(HOUR / 10);
        systemEvent('O');
        tick(1_000_000);
        put(ItchEncoder.mwcbDeclineLevel(message, 0, 0, 0, timestamp, 3_011_290_000_000L, 2_806_200_000_000L, 2_580_730_000_000L));
        for (int locate = 1; locate <= symbols; locate++) {
            tick(20_000);
            put(ItchEncoder.stockDirectory(message, 0, locate, 0, timestamp, stock[locate], (byte) 'Q', (byte) 'N', 100,
                    (byte) 'N', (byte) 'C', (short) ItchAlpha.pack("Z", 2), (byte) 'P', (byte) 'N', (byte) ' ', (byte) '1',
                    (byte) 'N', 0, (byte) 'N'));
        }
        for (int i = 0; i < 2; i++) {
            tick(50_000);
            int locate = 1 + random.nextInt(symbols);
            put(ItchEncoder.marketParticipantPosition(message, 0, locate, 0, timestamp, (int) ItchAlpha.pack("GSCO", 4),
                    stock[locate], (byte) 'Y', (byte) 'N', (byte) 'A'));
            put(ItchEncoder.regShoRestriction(message, 0, locate, 0, timestamp, stock[locate], (byte) '0'));
        }
        timestamp = Math.max(timestamp, 4 * HOUR);
        systemEvent('S');
        for (int locate = 1; locate <= symbols; locate++) {
            tick(10_000);
            tradingAction(locate, 'T');
        }
        long flow = options.messages() - FIXED - 2L * symbols;
        long open = (long) (SPECIAL_AT[OPEN_SPECIAL] * flow);
        long step = Math.max(1, (OPEN - timestamp) / (open + 1));
        int special = 0;
        for (long i = 0; i < flow; i++) {
            timestamp += burstStep(step);
            if (special < SPECIAL_AT.length && i >= (long) (SPECIAL_AT[special] * flow)) {
                if (special == OPEN_SPECIAL) {
                    step = Math.max(1, (CLOSE - OPEN) / (flow - i + 1));
                }
                special(special++);
            } else {
                orderFlow();
            }
        }
        timestamp = Math.max(timestamp, CLOSE);
        systemEvent('M');
        tick(1_000_000);
        cross(1, 'C');
        timestamp += 4 * HOUR;
        systemEvent('E');
        tick(300_000_000_000L);
        systemEvent('C');
    }

    private void special(int index) throws IOException {
        int symbols = options.symbols();
        int top = 1;
        int halted = 1 + Math.min(symbols - 1, 1);
        switch (index) {
            case 0 -> put(ItchEncoder.operationalHalt(message, 0, halted, 0, timestamp, stock[halted], (byte) 'Q', (byte) 'T'));
            case 1, 2, 13 -> put(ItchEncoder.netOrderImbalanceIndicator(message, 0, top, 0, timestamp, 10_000 + random.nextInt(90_000),
                    random.nextInt(5_000), (byte) (random.nextBoolean() ? 'B' : 'S'), stock[top], mid[top], mid[top] + 100,
                    mid[top], (byte) (index == 13 ? 'C' : 'O'), (byte) 'L'));
            case 3, 14 -> put(ItchEncoder.retailPriceImprovementIndicator(message, 0, top, 0, timestamp, stock[top], (byte) 'B'));
            case 4 -> {
                timestamp = Math.max(timestamp, OPEN);
                systemEvent('Q');
            }
            case 5 -> cross(top, 'O');
            case 6 -> tradingAction(halted, 'H');
            case 7 -> put(ItchEncoder.luldAuctionCollar(message, 0, halted, 0, timestamp, stock[halted], mid[halted],
                    mid[halted] + mid[halted] / 10, mid[halted] - mid[halted] / 10, 0));
            case 8 -> tradingAction(halted, 'T');
            case 9 -> put(ItchEncoder.ipoQuotingPeriodUpdate(message, 0, symbols, 0, timestamp, stock[symbols],
                    (timestamp / 1_000_000_000L) + 900, (byte) 'A', mid[symbols]));
            case 10 -> put(ItchEncoder.directListingWithCapitalRaisePriceDiscovery(message, 0, symbols, 0, timestamp,
                    stock[symbols], (byte) 'Y', mid[symbols] * 8 / 10, mid[symbols] * 12 / 10, mid[symbols], timestamp + 1_000_000,
                    mid[symbols] * 9 / 10, mid[symbols] * 11 / 10));
            case 11 -> put(ItchEncoder.mwcbStatus(message, 0, 0, 0, timestamp, (byte) '1'));
            case 12 -> put(ItchEncoder.brokenTrade(message, 0, top, 0, timestamp, nextMatchNumber - 1));
            default -> throw new IllegalStateException("no special message " + index);
        }
    }

    /** One order-flow message: mostly adds, deletes and replaces, some executions, cancels and hidden trades. */
    private void orderFlow() throws IOException {
        int roll = random.nextInt(1000);
        if (!live.isFull() && (live.size() < 16 || roll < 400)) {
            add(roll < 30);
            return;
        }
        int order = live.random(random);
        if (roll < 720) {
            put(ItchEncoder.orderDelete(message, 0, live.locate(order), 0, timestamp, live.reference(order)));
            live.remove(order);
        } else if (roll < 900) {
            replace(order);
        } else if (roll < 960) {
            execute(order, roll < 955);
        } else if (roll < 990) {
            long cancelled = 1 + random.nextLong(live.shares(order));
            put(ItchEncoder.orderCancel(message, 0, live.locate(order), 0, timestamp, live.reference(order), cancelled));
            reduce(order, cancelled);
        } else {
            int locate = zipfLocate();
            put(ItchEncoder.trade(message, 0, locate, 0, timestamp, 0, (byte) 'B', 100L * (1 + random.nextInt(10)),
                    stock[locate], mid[locate], nextMatchNumber++));
        }
    }

    private void add(boolean withMpid) throws IOException {
        int locate = zipfLocate();
        mid[locate] = Math.max(10_000, mid[locate] + 100 * (random.nextInt(3) - 1));
        byte side = (byte) (random.nextBoolean() ? 'B' : 'S');
        int price = side == 'B' ? mid[locate] - 100 * random.nextInt(20) : mid[locate] + 100 * (1 + random.nextInt(20));
        long shares = 100L * (1 + random.nextInt(10));
        long reference = nextOrderReference++;
        if (withMpid) {
            put(ItchEncoder.addOrderMpid(message, 0, locate, 0, timestamp, reference, side, shares, stock[locate], price,
                    (int) ItchAlpha.pack("MSCO", 4)));
        } else {
            put(ItchEncoder.addOrder(message, 0, locate, 0, timestamp, reference, side, shares, stock[locate], price));
        }
        live.add(reference, locate, side, shares, price);
    }

    private void replace(int order) throws IOException {
        long reference = nextOrderReference++;
        long shares = 100L * (1 + random.nextInt(10));
        int price = Math.max(100, live.price(order) + 100 * (random.nextInt(5) - 2));
        put(ItchEncoder.orderReplace(message, 0, live.locate(order), 0, timestamp, live.reference(order), reference, shares, price));
        live.replace(order, reference, shares, price);
    }

    /** A partial or full execution; {@code plain} picks E over C (execution at a different price). */
    private void execute(int order, boolean plain) throws IOException {
        long executed = random.nextInt(3) == 0 ? live.shares(order) : 1 + random.nextLong(live.shares(order));
        if (plain) {
            put(ItchEncoder.orderExecuted(message, 0, live.locate(order), 0, timestamp, live.reference(order), executed,
                    nextMatchNumber++));
        } else {
            put(ItchEncoder.orderExecutedWithPrice(message, 0, live.locate(order), 0, timestamp, live.reference(order),
                    executed, nextMatchNumber++, (byte) 'Y', live.price(order) + 100));
        }
        reduce(order, executed);
    }

    private void reduce(int order, long shares) {
        long left = live.shares(order) - shares;
        if (left == 0) {
            live.remove(order);
        } else {
            live.setShares(order, left);
        }
    }

    private void cross(int locate, char type) throws IOException {
        put(ItchEncoder.crossTrade(message, 0, locate, 0, timestamp, 10_000 + random.nextInt(90_000), stock[locate], mid[locate],
                nextMatchNumber++, (byte) type));
    }

    private void systemEvent(char code) throws IOException {
        put(ItchEncoder.systemEvent(message, 0, 0, 0, timestamp, (byte) code));
    }

    private void tradingAction(int locate, char state) throws IOException {
        put(ItchEncoder.stockTradingAction(message, 0, locate, 0, timestamp, stock[locate], (byte) state, (byte) ' ',
                (int) ItchAlpha.pack(state == 'T' ? "" : "LUDP", 4)));
    }

    private int zipfLocate() {
        double u = random.nextDouble();
        int low = 1;
        int high = options.symbols();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (zipfCumulative[middle] < u) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private String symbolName() {
        int length = 1 + random.nextInt(4);
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append((char) ('A' + random.nextInt(26)));
        }
        return name.toString();
    }

    /** Market data comes in bursts: mostly microseconds apart, now and then a pause; {@code step} on average. */
    private long burstStep(long step) {
        return random.nextInt(10) == 0 ? 1 + random.nextLong(Math.max(1, 18 * step)) : 1 + random.nextLong(2_000);
    }

    private void tick(long maxNanos) {
        timestamp += 1 + random.nextLong(maxNanos);
    }

    private void put(int length) throws IOException {
        out.message(message, length, timestamp);
        typeCounts[message.get(ValueLayout.JAVA_BYTE, 0) & 0xFF]++;
        if (++written % PROGRESS_EVERY == 0) {
            progress.accept(written);
        }
    }
}
