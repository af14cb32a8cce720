package dev.hft.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

import org.agrona.IoUtil;
import org.agrona.concurrent.NanoClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.hft.bench.harness.TriggerTaker;
import dev.hft.events.BookEvent;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.topology.Catalog;
import dev.hft.strategy.Strategy;
import dev.hft.strategy.StrategyContext;
import dev.hft.strategy.testing.StrategyHarness;
import dev.hft.wire.ouch.OuchTypes;

/**
 * The same strategy built into hft and built outside it. {@code source=built-in} runs {@link TriggerTaker};
 * {@code source=jar} compiles TriggerTaker's own source file (bench/src/main/java, run from the repository root) as
 * {@code com.example.TriggerTaker} into a jar apart and loads it through a topology catalog's class loader, as
 * {@code --classpath} does. One op is one packet through the real strategy stage on this thread
 * ({@link StrategyHarness}): a TOP that moves the bid and an END_OF_PACKET, the IOC buy the strategy makes through
 * pre-trade risk into the egress ring, then the venue's Accepted and Canceled read back. The two should differ by
 * noise only. Run with {@code -prof gc}: both ~0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StrategyFromJarBenchmark {

    private static final Path SOURCE = Path.of("bench/src/main/java/dev/hft/bench/harness/TriggerTaker.java");

    @Param({"built-in", "jar"})
    public String source;

    private StrategyHarness h;
    private Path work;
    private long bid = StrategyHarness.BID;

    @Setup
    public void setup() throws Exception {
        Class<?> type = TriggerTaker.class;
        if (source.equals("jar")) {
            work = Files.createTempDirectory("strategy-from-jar");
            type = Catalog.installed(List.of(outsideJar(work))).resolve("com.example.TriggerTaker").type();
            if (type == null || type.getClassLoader() == TriggerTaker.class.getClassLoader()) {
                throw new IllegalStateException("com.example.TriggerTaker did not load from the jar");
            }
        }
        Constructor<? extends Strategy> constructor = type.asSubclass(Strategy.class).getConstructor(StrategyContext.class);
        h = new StrategyHarness(Map.of("locate", StrategyHarness.LOCATE, "shares", 100, "risk", Map.of(
                "orders_per_second", 1_000_000_000, "burst", 1000, "max_open_orders", 16)), context -> {
                    try {
                        return constructor.newInstance(context);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @TearDown
    public void tearDown() throws IOException {
        if (h.counter("sent") == 0 || h.counter("rejected") != 0) {
            throw new IllegalStateException("sent " + h.counter("sent") + ", rejected " + h.counter("rejected"));
        }
        if (work != null) {
            IoUtil.delete(work.toFile(), false);
        }
    }

    @Benchmark
    public long packet() {
        h.advanceNanos(1_000);
        bid = bid == StrategyHarness.BID ? StrategyHarness.BID + 100 : StrategyHarness.BID;
        h.packet(bid, 500, StrategyHarness.ASK, 700);
        long token = h.counter("sent") - 1;
        h.venueConfirmsAll();
        h.canceled(token, 100);
        h.idle();
        return token;
    }

    /** TriggerTaker's source as package com.example, compiled against hft's API jars, packed into a jar. */
    private static Path outsideJar(Path work) throws IOException, URISyntaxException {
        if (!Files.isRegularFile(SOURCE)) {
            throw new IllegalStateException("run from the repository root: " + SOURCE + " not found");
        }
        Path src = work.resolve("src/com/example/TriggerTaker.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, Files.readString(SOURCE).replace("package dev.hft.bench.harness;", "package com.example;"));
        List<String> classpath = new ArrayList<>();
        for (Class<?> api : List.of(Strategy.class, BookEvent.class, Params.class, OuchTypes.class, NanoClock.class)) {
            classpath.add(Path.of(api.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        Path classes = work.resolve("classes");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        if (ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "--release", "25", "-d", classes.toString(), "-cp",
                String.join(java.io.File.pathSeparator, classpath), src.toString()) != 0) {
            throw new IllegalStateException("javac: " + errors);
        }
        Path jar = work.resolve("trigger-taker.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("com/example/TriggerTaker.class"));
            Files.copy(classes.resolve("com/example/TriggerTaker.class"), out);
            out.closeEntry();
        }
        return jar;
    }
}
