package dev.hft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.IoUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.hft.events.OrderCommand;
import dev.hft.events.OrderResponse;
import dev.hft.journal.Journal;
import dev.hft.journal.JournalWriter;
import dev.hft.wire.ouch.OrderTokens;
import dev.hft.wire.ouch.OuchTypes;

/**
 * What the order-entry journal adds on the order path, per operation, as a distribution ({@code Mode.SampleTime}:
 * p50, p99 and beyond):
 * <ul>
 *   <li>{@code command}: the strategy stage appending one Enter Order before it publishes it to the egress ring;</li>
 *   <li>{@code response}: the egress stage appending one Order Accepted before it publishes it to the strategies.</li>
 * </ul>
 * An order costs one of each (more responses if it trades). {@code sync=true} also msyncs every record (the
 * {@code journal_sync} option). The journal is a Chronicle Queue in a temp folder on the same disk as the project,
 * removed after the run. Run with {@code -prof gc}: steady state should show ~0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Dchronicle.analytics.disable=true"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JournalBenchmark {

    @Param({"false", "true"})
    boolean sync;

    private Path dir;
    private Journal journal;
    private JournalWriter writer;
    private final OrderCommand command = new OrderCommand();
    private final OrderResponse response = new OrderResponse();
    private final OrderTokens tokens = new OrderTokens("BJ", 0);

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory(Path.of(System.getProperty("user.dir")), "journal-bench-");
        journal = Journal.acquire(dir, sync);
        writer = journal.writer();
        command.kind = OrderCommand.Kind.ENTER;
        command.side = OuchTypes.BUY;
        command.shares = 100;
        command.stock = OuchTypes.stock("AAPL");
        command.price = 1_000_000;
        command.stockLocate = 7;
        response.kind = OrderResponse.Kind.ACCEPTED;
        response.shares = 100;
        response.price = 1_000_000;
        response.orderState = OuchTypes.ORDER_STATE_LIVE;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        writer.close();
        journal.close();
        IoUtil.delete(dir.toFile(), false);
    }

    @Benchmark
    public void command() {
        command.intentId = tokens.next(command.token);
        writer.command(command);
    }

    @Benchmark
    public void response() {
        response.sequence++;
        writer.response(response);
    }
}
