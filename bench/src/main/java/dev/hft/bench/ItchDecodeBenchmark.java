package dev.hft.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.hft.wire.itch.AddOrder;
import dev.hft.wire.itch.AddOrderMpid;
import dev.hft.wire.itch.CrossTrade;
import dev.hft.wire.itch.IpoQuotingPeriodUpdate;
import dev.hft.wire.itch.ItchAlpha;
import dev.hft.wire.itch.ItchDecoder;
import dev.hft.wire.itch.ItchEncoder;
import dev.hft.wire.itch.ItchListener;
import dev.hft.wire.itch.ItchMessage;
import dev.hft.wire.itch.LuldAuctionCollar;
import dev.hft.wire.itch.MarketParticipantPosition;
import dev.hft.wire.itch.MwcbDeclineLevel;
import dev.hft.wire.itch.NetOrderImbalanceIndicator;
import dev.hft.wire.itch.OrderCancel;
import dev.hft.wire.itch.OrderDelete;
import dev.hft.wire.itch.OrderExecuted;
import dev.hft.wire.itch.OrderExecutedWithPrice;
import dev.hft.wire.itch.OrderReplace;
import dev.hft.wire.itch.RegShoRestriction;
import dev.hft.wire.itch.StockDirectory;
import dev.hft.wire.itch.StockTradingAction;
import dev.hft.wire.itch.SystemEvent;
import dev.hft.wire.itch.Trade;

/**
 * ITCH 5.0 decode cost per message: {@value #MESSAGES} messages in NASDAQ BinaryFILE framing (2-byte length, then
 * the message) in one off-heap segment, the type mix drawn (seeded) with the weights of the full 2019-12-30 day
 * (shared/data/README.md), every message length-checked, dispatched and all its fields read into a
 * {@link Blackhole}. One benchmark operation is one message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-XX:+EnableDynamicAgentLoading"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ItchDecodeBenchmark {

    static final int MESSAGES = 1 << 16;

    /** Message types of 12302019 and their counts for the whole day. */
    private static final String MIX_TYPES = "ADUEIXFPLCQYHRSJKV";
    private static final long[] MIX_COUNTS = {117_145_568, 114_360_997, 21_639_067, 5_722_824, 4_024_315, 2_787_676,
        1_485_888, 1_218_602, 215_161, 99_917, 17_836, 9_013, 8_966, 8_906, 6, 34, 3, 1};

    private static final ValueLayout.OfShort LENGTH =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private MemorySegment stream;
    private long streamLength;
    private ItchDecoder decoder;
    private ItchDecoder dispatchOnly;

    @Setup
    public void setup(Blackhole blackhole) {
        stream = Arena.ofAuto().allocate((long) MESSAGES * 52, 64);
        SplittableRandom random = new SplittableRandom(20191230L);
        long total = 0;
        for (long count : MIX_COUNTS) {
            total += count;
        }
        long position = 0;
        for (int i = 0; i < MESSAGES; i++) {
            byte type = pick(random.nextLong(total));
            int length = encode(type, i, random, stream, position + 2);
            stream.set(LENGTH, position, (short) length);
            position += 2 + length;
        }
        streamLength = position;
        decoder = new ItchDecoder(new FieldReader(blackhole));
        dispatchOnly = new ItchDecoder(new ItchListener() { });
    }

    /** Length check, dispatch and every field read. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int decode() {
        return decodeAll(decoder);
    }

    /** Length check and dispatch to empty callbacks: the floor under {@link #decode()}. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int dispatchOnly() {
        return decodeAll(dispatchOnly);
    }

    private int decodeAll(ItchDecoder decoder) {
        int notOk = 0;
        long position = 0;
        while (position < streamLength) {
            int length = Short.toUnsignedInt(stream.get(LENGTH, position));
            notOk += decoder.decode(stream, position + 2, length);
            position += 2 + length;
        }
        return notOk;
    }

    /** Every message of every invocation must have been delivered, none dropped. */
    @TearDown
    public void check() {
        for (ItchDecoder d : new ItchDecoder[] {decoder, dispatchOnly}) {
            if (d.badLengths() + d.unknownTypes() != 0 || d.messages() % MESSAGES != 0) {
                throw new IllegalStateException("decoder dropped messages: " + d.badLengths() + " bad lengths, "
                        + d.unknownTypes() + " unknown types, " + d.messages() + " delivered");
            }
        }
    }

    private static byte pick(long draw) {
        for (int i = 0; i < MIX_COUNTS.length; i++) {
            if (draw < MIX_COUNTS[i]) {
                return (byte) MIX_TYPES.charAt(i);
            }
            draw -= MIX_COUNTS[i];
        }
        throw new IllegalStateException("draw beyond the mix total");
    }

    private static int encode(byte type, int i, SplittableRandom random, MemorySegment dst, long offset) {
        int locate = 1 + random.nextInt(8_900);
        int tracking = random.nextInt(1 << 16);
        long timestamp = 34_200_000_000_000L + i * 1_000L;
        long order = 1_000_000L + random.nextInt(MESSAGES);
        long stock = ItchAlpha.stock("S" + locate);
        byte side = random.nextBoolean() ? (byte) 'B' : (byte) 'S';
        long shares = 100L * (1 + random.nextInt(10));
        int price = 10_0000 + random.nextInt(5_000_0000);
        long match = 50_000L + i;
        return switch (type) {
            case 'A' -> ItchEncoder.addOrder(dst, offset, locate, tracking, timestamp, order, side, shares, stock,
                    price);
            case 'D' -> ItchEncoder.orderDelete(dst, offset, locate, tracking, timestamp, order);
            case 'U' -> ItchEncoder.orderReplace(dst, offset, locate, tracking, timestamp, order, order + MESSAGES,
                    shares, price);
            case 'E' -> ItchEncoder.orderExecuted(dst, offset, locate, tracking, timestamp, order, shares, match);
            case 'I' -> ItchEncoder.netOrderImbalanceIndicator(dst, offset, locate, tracking, timestamp, shares,
                    shares / 2, side, stock, price, price, price, (byte) 'O', (byte) ' ');
            case 'X' -> ItchEncoder.orderCancel(dst, offset, locate, tracking, timestamp, order, shares / 2);
            case 'F' -> ItchEncoder.addOrderMpid(dst, offset, locate, tracking, timestamp, order, side, shares, stock,
                    price, (int) ItchAlpha.pack("GSCO", ItchAlpha.MPID));
            case 'P' -> ItchEncoder.trade(dst, offset, locate, tracking, timestamp, 0, side, shares, stock, price,
                    match);
            case 'L' -> ItchEncoder.marketParticipantPosition(dst, offset, locate, tracking, timestamp,
                    (int) ItchAlpha.pack("GSCO", ItchAlpha.MPID), stock, (byte) 'Y', (byte) 'N', (byte) 'A');
            case 'C' -> ItchEncoder.orderExecutedWithPrice(dst, offset, locate, tracking, timestamp, order, shares,
                    match, (byte) 'Y', price);
            case 'Q' -> ItchEncoder.crossTrade(dst, offset, locate, tracking, timestamp, shares, stock, price, match,
                    (byte) 'O');
            case 'Y' -> ItchEncoder.regShoRestriction(dst, offset, locate, tracking, timestamp, stock, (byte) '0');
            case 'H' -> ItchEncoder.stockTradingAction(dst, offset, locate, tracking, timestamp, stock, (byte) 'T',
                    (byte) ' ', (int) ItchAlpha.pack("", ItchAlpha.MPID));
            case 'R' -> ItchEncoder.stockDirectory(dst, offset, locate, tracking, timestamp, stock, (byte) 'Q',
                    (byte) 'N', 100, (byte) 'N', (byte) 'C', (short) ItchAlpha.pack("Z", 2), (byte) 'P', (byte) 'N',
                    (byte) 'N', (byte) '2', (byte) 'N', 0, (byte) 'N');
            case 'S' -> ItchEncoder.systemEvent(dst, offset, 0, tracking, timestamp, (byte) 'Q');
            case 'J' -> ItchEncoder.luldAuctionCollar(dst, offset, locate, tracking, timestamp, stock, price,
                    price + 1000, price - 1000, 1);
            case 'K' -> ItchEncoder.ipoQuotingPeriodUpdate(dst, offset, locate, tracking, timestamp, stock, 36_000,
                    (byte) 'A', price);
            case 'V' -> ItchEncoder.mwcbDeclineLevel(dst, offset, 0, tracking, timestamp, 3_000_00000000L,
                    2_800_00000000L, 2_600_00000000L);
            default -> throw new IllegalArgumentException("not in the mix: " + (char) type);
        };
    }

    /** Reads every field of every message in the mix, as a book or a strategy would, into the Blackhole. */
    private static final class FieldReader implements ItchListener {

        private final Blackhole blackhole;

        FieldReader(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        private void header(ItchMessage m) {
            blackhole.consume(m.stockLocate());
            blackhole.consume(m.trackingNumber());
            blackhole.consume(m.timestamp());
        }

        @Override
        public void addOrder(AddOrder m) {
            header(m);
            blackhole.consume(m.orderReferenceNumber());
            blackhole.consume(m.buySellIndicator());
            blackhole.consume(m.shares());
            blackhole.consume(m.stock());
            blackhole.consume(m.price());
        }

        @Override
        public void orderDelete(OrderDelete m) {
            header(m);
            blackhole.consume(m.orderReferenceNumber());
        }

        @Override
        public void orderReplace(OrderReplace m) {
            header(m);
            blackhole.consume(m.originalOrderReferenceNumber());
            blackhole.consume(m.newOrderReferenceNumber());
            blackhole.consume(m.shares());
            blackhole.consume(m.price());
        }

        @Override
        public void orderExecuted(OrderExecuted m) {
            header(m);
            blackhole.consume(m.orderReferenceNumber());
            blackhole.consume(m.executedShares());
            blackhole.consume(m.matchNumber());
        }

        @Override
        public void netOrderImbalanceIndicator(NetOrderImbalanceIndicator m) {
            header(m);
            blackhole.consume(m.pairedShares());
            blackhole.consume(m.imbalanceShares());
            blackhole.consume(m.imbalanceDirection());
            blackhole.consume(m.stock());
            blackhole.consume(m.farPrice());
            blackhole.consume(m.nearPrice());
            blackhole.consume(m.currentReferencePrice());
            blackhole.consume(m.crossType());
            blackhole.consume(m.priceVariationIndicator());
        }

        @Override
        public void orderCancel(OrderCancel m) {
            header(m);
            blackhole.consume(m.orderReferenceNumber());
            blackhole.consume(m.cancelledShares());
        }

        @Override
        public void addOrderMpid(AddOrderMpid m) {
            header(m);
            blackhole.consume(m.orderReferenceNumber());
            blackhole.consume(m.buySellIndicator());
            blackhole.consume(m.shares());
            blackhole.consume(m.stock());
            blackhole.consume(m.price());
            blackhole.consume(m.attribution());
        }

        @Override
        public void trade(Trade m) {
            header(m);
            blackhole.consume(m.orderReferenceNumber());
            blackhole.consume(m.buySellIndicator());
            blackhole.consume(m.shares());
            blackhole.consume(m.stock());
            blackhole.consume(m.price());
            blackhole.consume(m.matchNumber());
        }

        @Override
        public void marketParticipantPosition(MarketParticipantPosition m) {
            header(m);
            blackhole.consume(m.mpid());
            blackhole.consume(m.stock());
            blackhole.consume(m.primaryMarketMaker());
            blackhole.consume(m.marketMakerMode());
            blackhole.consume(m.marketParticipantState());
        }

        @Override
        public void orderExecutedWithPrice(OrderExecutedWithPrice m) {
            header(m);
            blackhole.consume(m.orderReferenceNumber());
            blackhole.consume(m.executedShares());
            blackhole.consume(m.matchNumber());
            blackhole.consume(m.printable());
            blackhole.consume(m.executionPrice());
        }

        @Override
        public void crossTrade(CrossTrade m) {
            header(m);
            blackhole.consume(m.shares());
            blackhole.consume(m.stock());
            blackhole.consume(m.crossPrice());
            blackhole.consume(m.matchNumber());
            blackhole.consume(m.crossType());
        }

        @Override
        public void regShoRestriction(RegShoRestriction m) {
            header(m);
            blackhole.consume(m.stock());
            blackhole.consume(m.regShoAction());
        }

        @Override
        public void stockTradingAction(StockTradingAction m) {
            header(m);
            blackhole.consume(m.stock());
            blackhole.consume(m.tradingState());
            blackhole.consume(m.reserved());
            blackhole.consume(m.reason());
        }

        @Override
        public void stockDirectory(StockDirectory m) {
            header(m);
            blackhole.consume(m.stock());
            blackhole.consume(m.marketCategory());
            blackhole.consume(m.financialStatusIndicator());
            blackhole.consume(m.roundLotSize());
            blackhole.consume(m.roundLotsOnly());
            blackhole.consume(m.issueClassification());
            blackhole.consume(m.issueSubType());
            blackhole.consume(m.authenticity());
            blackhole.consume(m.shortSaleThresholdIndicator());
            blackhole.consume(m.ipoFlag());
            blackhole.consume(m.luldReferencePriceTier());
            blackhole.consume(m.etpFlag());
            blackhole.consume(m.etpLeverageFactor());
            blackhole.consume(m.inverseIndicator());
        }

        @Override
        public void systemEvent(SystemEvent m) {
            header(m);
            blackhole.consume(m.eventCode());
        }

        @Override
        public void luldAuctionCollar(LuldAuctionCollar m) {
            header(m);
            blackhole.consume(m.stock());
            blackhole.consume(m.auctionCollarReferencePrice());
            blackhole.consume(m.upperAuctionCollarPrice());
            blackhole.consume(m.lowerAuctionCollarPrice());
            blackhole.consume(m.auctionCollarExtension());
        }

        @Override
        public void ipoQuotingPeriodUpdate(IpoQuotingPeriodUpdate m) {
            header(m);
            blackhole.consume(m.stock());
            blackhole.consume(m.ipoQuotationReleaseTime());
            blackhole.consume(m.ipoQuotationReleaseQualifier());
            blackhole.consume(m.ipoPrice());
        }

        @Override
        public void mwcbDeclineLevel(MwcbDeclineLevel m) {
            header(m);
            blackhole.consume(m.level1());
            blackhole.consume(m.level2());
            blackhole.consume(m.level3());
        }
    }
}
