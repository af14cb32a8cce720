package dev.hft.pipeline.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;

/**
 * A user's classes, built outside this repository, named by {@code class:} and {@code kind:} and found through the
 * topology's {@code classpath:} (jars, class folders, {@code folder/*}, relative to the file) or the command line's
 * entries: one loader, built when the topology is read, that validation and the built pipeline both use.
 */
class UserClasspathTest {

    private static final String SINK = """
            package com.example;

            import org.agrona.concurrent.status.AtomicCounter;
            import dev.hft.pipeline.EventStage;
            import dev.hft.pipeline.StageContext;

            public final class UserSink implements EventStage<Object> {
                private final String role;
                private final AtomicCounter seen;

                public UserSink(StageContext context) {
                    role = context.role();
                    seen = context.counter("seen");
                }

                @Override
                public String role() {
                    return role;
                }

                @Override
                public void onEvent(Object event, long sequence, boolean endOfBatch) {
                    seen.increment();
                }
            }
            """;

    private static final String KIND = """
            package com.example;

            import dev.hft.pipeline.StageContext;
            import dev.hft.pipeline.StageFactory;

            public final class UserKind implements StageFactory {
                @Override
                public String kind() {
                    return "user-sink";
                }

                @Override
                public String inputEvent() {
                    return "";
                }

                @Override
                public Object create(StageContext context) {
                    return new UserSink(context);
                }
            }
            """;

    @TempDir
    static Path built;

    @BeforeAll
    static void buildTheUsersJar() throws IOException {
        Path classes = UserJar.compile(built.resolve("classes"), Map.of("com/example/UserSink.java", SINK,
                "com/example/UserKind.java", KIND), Map.of("META-INF/services/dev.hft.pipeline.StageFactory",
                "com.example.UserKind\n"), EventStage.class, AtomicCounter.class);
        UserJar.jar(classes, built.resolve("jars/user.jar"));
    }

    private static String topology(String classpath, String sink) {
        return classpath + """
                rings:
                  - {name: a, event: synthetic, size: 1024}
                stages:
                  - {name: src, kind: placeholder-source, params: {events: 5000}, outputs: [a]}
                  - {name: sink, %s, input: a}
                """.formatted(sink);
    }

    private static Topology load(Path dir, String yaml, List<Path> commandLine) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, yaml);
        return TopologyLoader.load(file, commandLine);
    }

    @Test
    void aClassNotOnTheClassPathIsReportedWithHowToAddIt(@TempDir Path dir) throws IOException {
        Topology t = load(dir, topology("", "class: com.example.UserSink"), List.of());
        List<String> errors = t.report().errors().stream().map(Problem::toString).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("stages[1].class (line 5): class com.example.UserSink is not on the class path: add"
                + " its jar or classes folder with 'classpath:' at the top of the topology (relative to the file) or --classpath"
                + " on the command line"), errors.get(0));
    }

    @Test
    void aJarRelativeToTheFileLoadsOnceThroughOneLoaderAndRuns(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.copy(built.resolve("jars/user.jar"), dir.resolve("lib/user.jar"));
        Topology t = load(dir, topology("classpath: lib/user.jar\n", "class: com.example.UserSink"), List.of());
        assertFalse(t.report().hasErrors(), t.report().format());
        assertEquals(List.of(dir.resolve("lib/user.jar").toAbsolutePath()), t.catalog().classpath());
        Class<?> resolved = t.catalog().resolve("com.example.UserSink").type();
        assertSame(t.catalog().loader(), resolved.getClassLoader(), "loaded by the catalog's loader");
        assertNotSame(getClass().getClassLoader(), resolved.getClassLoader());
        assertSame(resolved, t.catalog().resolve("com.example.UserSink").type(), "loaded once");
        Pipeline p = PipelineBuilder.build(t);
        p.start();
        assertTrue(p.awaitCompletion(Duration.ofSeconds(30)));
        assertSame(resolved, p.stage("sink").getClass(), "the pipeline runs the class validation saw");
        assertEquals(5000, p.counters().value("sink.seen"));
    }

    @Test
    void classFoldersWildcardsAndServiceProviders(@TempDir Path dir) throws IOException {
        Topology t = load(dir, topology("classpath: [" + built.resolve("classes") + ", " + built.resolve("jars") + "/*]\n",
                "kind: user-sink"), List.of());
        assertFalse(t.report().hasErrors(), t.report().format());
        assertEquals(List.of(built.resolve("classes"), built.resolve("jars/*")), t.catalog().classpath());
        Pipeline p = PipelineBuilder.build(t);
        p.start();
        assertTrue(p.awaitCompletion(Duration.ofSeconds(30)));
        assertEquals(5000, p.counters().value("sink.seen"), "kind user-sink came from the user's META-INF/services");
        assertTrue(load(dir, topology("", "kind: user-sink"), List.of()).report().format().contains("no stage kind 'user-sink'"));
    }

    @Test
    void commandLineEntriesComeBeforeTheFilesAndBadEntriesAreReported(@TempDir Path dir) throws IOException {
        Topology t = load(dir, topology("classpath: " + built.resolve("classes") + "\n", "class: com.example.UserSink"),
                List.of(built.resolve("jars/user.jar")));
        assertFalse(t.report().hasErrors(), t.report().format());
        assertEquals(List.of(built.resolve("jars/user.jar"), built.resolve("classes")), t.catalog().classpath());
        Files.writeString(dir.resolve("notes.txt"), "not a jar");
        Topology bad = load(dir, topology("classpath:\n  - missing.jar\n  - notes.txt\n  - nowhere/*\n",
                "class: com.example.UserSink"), List.of());
        List<String> errors = bad.report().errors().stream().map(Problem::toString).toList();
        assertTrue(errors.get(0).contains("classpath[0] (line 2): no file or folder " + dir.resolve("missing.jar")), errors.toString());
        assertTrue(errors.get(1).contains("classpath[1] (line 3): " + dir.resolve("notes.txt") + " is neither a folder of classes"
                + " nor a .jar file"), errors.toString());
        assertTrue(errors.get(2).contains("classpath[2] (line 4): no folder " + dir.resolve("nowhere")), errors.toString());
        assertTrue(errors.get(3).contains("not on the class path"), errors.toString());
    }
}
