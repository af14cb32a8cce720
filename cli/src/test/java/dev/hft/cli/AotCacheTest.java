package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A cache the JVM refuses (here a damaged file, as the launcher would pass it: {@code -XX:AOTCache}, the JVM's AOT logging
 * off, {@code -Dhft.aot.cache}) means a cold start: the replay runs to the end, exits 0, says so in one line on stderr
 * and in its JSON, and the JVM's own multi-line AOT errors stay out of stdout.
 */
class AotCacheTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Child(int code, String out, String err) {
    }

    private Child replay(List<String> jvmOptions, Path json) throws IOException, InterruptedException {
        List<String> command = ChildJvm.hft(jvmOptions, "replay", "--input", ROOT.resolve("samples/sample.itch").toString(),
                "--threads", "single", "--json", json.toString());
        Path out = dir.resolve(json.getFileName() + ".out");
        Path err = dir.resolve(json.getFileName() + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "replay still running after 120 s");
        return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aDamagedCacheIsRefusedAndTheReplayRunsColdAndSaysSoOnce() throws Exception {
        Path cache = dir.resolve("hft.aot");
        Files.write(cache, "this is not an AOT cache\n".repeat(100).getBytes());
        Path json = dir.resolve("damaged.json");
        Child c = replay(List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=off,cds*=off", "-D" + AotCache.PROPERTY + "=" + cache), json);
        assertEquals(0, c.code(), c.out() + c.err());
        long notes = c.err().lines().filter(l -> l.startsWith("hft: the JVM refused the AOT cache " + cache)).count();
        assertEquals(1, notes, c.err());
        assertTrue(c.err().contains("running without it"), c.err());
        assertFalse(c.out().contains("[aot]") || c.err().contains("[aot]"), "the JVM's own AOT logging is off:\n" + c.out() + c.err());
        assertTrue(c.out().contains("AOT cache: refused by the JVM, started cold"), c.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("refused", j.get("aot_cache").asText());
        assertEquals(20_000, j.get("messages").asLong());
        assertTrue(j.get("drained").asBoolean());
    }

    @Test
    void withoutACacheThereIsNoNote() throws Exception {
        Path json = dir.resolve("none.json");
        Child c = replay(List.of(), json);
        assertEquals(0, c.code(), c.out() + c.err());
        assertFalse(c.err().contains("AOT cache"), c.err());
        assertEquals("none", new ObjectMapper().readTree(json.toFile()).get("aot_cache").asText());
    }
}
