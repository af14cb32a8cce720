package dev.hft.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.hft.egress.OrderCommandEncoder;
import dev.hft.events.OrderCommand;
import dev.hft.wire.mold.MoldUdpFrame;
import dev.hft.wire.mold.MoldUdpFrameEncoder;
import dev.hft.wire.ouch.EnterOrder;
import dev.hft.wire.ouch.OrderTokens;
import dev.hft.wire.ouch.OuchTypes;

/**
 * Cost of encoding one OUCH 4.2 Enter Order (49 bytes) in place, per operation:
 * <ul>
 *   <li>{@code enterOrderFlyweight}: the flyweight's setters alone, fixed token;</li>
 *   <li>{@code enterOrderFromCommand}: what the egress stage does per command: a fresh base-36 token from
 *       {@link OrderTokens}, then {@link OrderCommandEncoder} from the ring event into a socket-style buffer;</li>
 *   <li>{@code enterOrderInMoldFrame}: the same inside a complete Ethernet/IPv4/UDP/MoldUDP64 frame (headers,
 *       one block, IPv4 checksum), as the DPDK TX path would build it in an mbuf.</li>
 * </ul>
 * Run with {@code -prof gc}: every benchmark should show ~0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OuchEncodeBenchmark {

    private static final byte[] TOKEN = "AB000000000001".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final MemorySegment buffer = Arena.ofAuto().allocate(4096, 64);
    private final EnterOrder enterOrder = new EnterOrder();
    private final OrderCommandEncoder encoder = new OrderCommandEncoder();
    private final OrderCommand command = new OrderCommand();
    private final long stock = OuchTypes.stock("AAPL");
    private OrderTokens tokens;
    private MoldUdpFrameEncoder frame;
    private int price;

    @Setup
    public void setup() {
        tokens = new OrderTokens("BENCH1", 0);
        frame = new MoldUdpFrameEncoder(0x020000000001L, 0x020000000002L, 0x0A000001, 0x0A000002, 40001, 50001,
                "OUCH000001".getBytes(java.nio.charset.StandardCharsets.US_ASCII), MoldUdpFrame.DEFAULT_MAX_FRAME);
        command.kind = OrderCommand.Kind.ENTER;
        command.side = OuchTypes.BUY;
        command.shares = 100;
        command.stock = stock;
    }

    @Benchmark
    public long enterOrderFlyweight() {
        price += 100;
        enterOrder.wrapForEncode(buffer, 3).orderToken(TOKEN).buySellIndicator(OuchTypes.BUY).shares(100).stock(stock)
                .price(price).timeInForce(OuchTypes.TIF_MARKET_HOURS).firm(0x20202020).display((byte) 'A')
                .capacity((byte) 'P').intermarketSweepEligibility((byte) 'N').minimumQuantity(0)
                .crossType((byte) 'N').customerType((byte) ' ');
        return buffer.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 3 + EnterOrder.PRICE_OFFSET);
    }

    @Benchmark
    public int enterOrderFromCommand() {
        if (tokens.next(command.token) < 0) {
            tokens = new OrderTokens("BENCH1", 0);
        }
        command.price += 100;
        return encoder.encode(command, buffer, 3);
    }

    @Benchmark
    public int enterOrderInMoldFrame() {
        if (tokens.next(command.token) < 0) {
            tokens = new OrderTokens("BENCH1", 0);
        }
        command.price += 100;
        frame.begin(buffer, 0);
        encoder.encode(command, buffer, frame.append(EnterOrder.LENGTH));
        return frame.finish();
    }
}
