package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * examples/strategy-starter as a user builds and runs it: a copy of the folder built with {@code mvn -o package}
 * (its unit test steps the strategy with the shipped harness), then {@code hft run --classpath <its jar>
 * --topology <its topology>}. The build is offline: the hft artifacts of this build, laid out as the install
 * phase lays them, in a folder of their own, ahead of the local repository (which other builds of hft sharing it
 * may overwrite), which gives the plugins, JUnit and every other dependency.
 */
class StrategyStarterTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("hft.version", "0.1.0-SNAPSHOT");
    private static final Path LOCAL_REPOSITORY = Path.of(System.getProperty("hft.local.repository",
            System.getProperty("user.home") + "/.m2/repository"));
    /** Module folder and artifact of the strategy API and what it depends on. */
    private static final String[][] API = {{"pipeline", "hft-pipeline"}, {"wire/net", "hft-wire-net"},
        {"wire/ouch", "hft-wire-ouch"}, {"events", "hft-events"}, {"strategy", "hft-strategy"}};

    @Test
    void theStarterBuildsOfflineTestsItsStrategyAndRunsInTheLoop(@TempDir Path dir) throws Exception {
        // the copy sits where the topology's ../../samples/sample.pcap finds the bundled sample through a link
        Path starter = dir.resolve("examples/strategy-starter");
        copy(ROOT.resolve("examples/strategy-starter"), starter);
        Path samples = Files.createSymbolicLink(dir.resolve("samples"), ROOT.resolve("samples"));
        try {
            buildAndRun(dir, starter);
        } finally {
            Files.delete(samples);
        }
    }

    private static void buildAndRun(Path dir, Path starter) throws Exception {
        assertTrue(Files.readString(starter.resolve("pom.xml")).contains("<hft.version>" + VERSION + "</hft.version>"),
                "the starter depends on the version this build installs");
        Path head = installedHere(dir.resolve("repository"));

        List<String> command = List.of(ROOT.resolve("mvnw").toString(), "-o", "-B", "-q", "-f", starter.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + head, "-Dmaven.repo.local.tail=" + LOCAL_REPOSITORY, "package");
        ProcessBuilder pb = new ProcessBuilder(command).directory(starter.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mvn.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("MAVEN_ARGS");
        Process mvn = pb.start();
        try {
            assertTrue(mvn.waitFor(5, TimeUnit.MINUTES), "mvn package did not end in 5 minutes");
        } finally {
            mvn.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("mvn.log"));
        assertEquals(0, mvn.exitValue(), String.join(" ", command) + "\n" + log);
        String report = Files.readString(starter.resolve("target/surefire-reports/TEST-com.example.starter.BboJoinerTest.xml"));
        assertTrue(report.contains("tests=\"4\" errors=\"0\" skipped=\"0\" failures=\"0\""), report.lines().limit(3).toList().toString());

        Path jar = starter.resolve("target/strategy-starter.jar");
        try (JarFile j = new JarFile(jar.toFile())) {
            List<String> classes = j.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
            assertEquals(List.of("com/example/starter/BboJoiner.class"), classes, "the jar holds the user's classes only");
        }

        Path summary = dir.resolve("summary.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("run", "--classpath", jar.toString(),
                "--topology", starter.resolve("topology.yaml").toString(), "--summary-json", summary.toString(), "--run-dir", dir.toString());
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("classpath: [" + jar + "]"), out.toString());
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        JsonNode joiner = s.get("strategies").get("joiner");
        assertEquals("com.example.starter.BboJoiner", joiner.get("class").asText());
        assertTrue(joiner.get("orders_sent").asLong() > 0, joiner.toString());
        assertTrue(s.get("intents_accounted").asBoolean() && s.get("positions_agree").asBoolean(), s.toString());
        assertEquals(s.get("executions").asLong(), joiner.get("fills").asLong());

        String topology = starter.resolve("topology.yaml").toString();
        StringWriter validated = new StringWriter();
        assertEquals(0, Main.commandLine(new PrintWriter(validated, true), new PrintWriter(validated, true))
                .execute("validate", "--classpath", jar.toString(), topology), "validate takes --classpath too: " + validated);
        StringWriter missing = new StringWriter();
        assertEquals(ExitCodes.USAGE, Main.commandLine(new PrintWriter(missing, true), new PrintWriter(missing, true))
                .execute("validate", topology), missing.toString());
        assertTrue(missing.toString().contains("com.example.starter.BboJoiner") && missing.toString().contains("--classpath"),
                "without it the class is missing and the report says how to add it: " + missing);
    }

    /** The README's strategy section gives the commands this test runs. */
    @Test
    void theReadmeGivesTheseCommands() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String line : new String[] {"cd examples/strategy-starter && mvn package",
                "./hft run --classpath examples/strategy-starter/target/strategy-starter.jar --topology examples/strategy-starter/topology.yaml"}) {
            assertTrue(readme.contains(line), "README.md lacks: " + line);
        }
    }

    /** Lays out this build's API jars and poms (and the parent pom) as the install phase does, under {@code repository}. */
    private static Path installedHere(Path repository) throws IOException {
        List<String[]> artifacts = new ArrayList<>(List.of(API));
        Collections.addAll(artifacts, new String[] {"", "hft-parent"});
        for (String[] a : artifacts) {
            Path folder = repository.resolve("dev/hft").resolve(a[1]).resolve(VERSION);
            Files.createDirectories(folder);
            Path module = ROOT.resolve(a[0]);
            Files.copy(module.resolve("pom.xml"), folder.resolve(a[1] + "-" + VERSION + ".pom"));
            if (!a[0].isEmpty()) {
                Path jar = module.resolve("target").resolve(a[1] + "-" + VERSION + ".jar");
                assertTrue(Files.isRegularFile(jar), jar + " is missing: build the whole reactor through package (./hft test does)");
                Files.copy(jar, folder.resolve(jar.getFileName()));
            }
        }
        return repository;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
