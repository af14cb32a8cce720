package dev.hft.bench;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one FFM downcall to a trivial native function (libc {@code labs}), the floor under every DPDK fast-path
 * call (rx_burst, tx_burst, mbuf alloc/free), with and without {@link Linker.Option#critical(boolean)}: a critical
 * call skips the thread state transition to native and back. {@code javaBaseline} is the same work in Java.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FfmCallBenchmark {

    private static final FunctionDescriptor LABS = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
    private static final MethodHandle PLAIN = downcall();
    private static final MethodHandle CRITICAL = downcall(Linker.Option.critical(false));

    private static MethodHandle downcall(Linker.Option... options) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find("labs").orElseThrow(), LABS, options);
    }

    long x = -12345;

    @Benchmark
    public long plain() throws Throwable {
        return (long) PLAIN.invokeExact(x);
    }

    @Benchmark
    public long critical() throws Throwable {
        return (long) CRITICAL.invokeExact(x);
    }

    @Benchmark
    public long javaBaseline() {
        return Math.abs(x);
    }
}
