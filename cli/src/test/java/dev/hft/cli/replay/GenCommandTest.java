package dev.hft.cli.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.hft.cli.Main;

class GenCommandTest {

    private static String gen(int expectedCode, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        assertEquals(expectedCode, code, out + "\n" + err);
        return out + err.toString();
    }

    @Test
    void samesSeedSameBytesOtherSeedOtherBytes(@TempDir Path dir) throws IOException {
        String printed = gen(0, "gen", "--messages", "20000", "--symbols", "30", "--seed", "5", "--out", dir.resolve("a").toString(), "--name", "day");
        gen(0, "gen", "--messages", "20000", "--symbols", "30", "--seed", "5", "--out", dir.resolve("b").toString(), "--name", "day");
        gen(0, "gen", "--messages", "20000", "--symbols", "30", "--seed", "6", "--out", dir.resolve("c").toString(), "--name", "day");
        for (String ext : new String[] {".itch", ".pcap"}) {
            byte[] a = Files.readAllBytes(dir.resolve("a/day" + ext));
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("b/day" + ext)), ext);
            assertFalse(Arrays.equals(a, Files.readAllBytes(dir.resolve("c/day" + ext))), ext);
            assertTrue(printed.contains(String.format("%,d bytes", a.length)), printed);
        }
        assertTrue(printed.contains("generated 20,000 messages over 30 symbols, seed 5"), printed);
        ReplayRun.Result replayed = ReplayRun.run(ReplayOptions.of(dir.resolve("a/day.itch")).withOrderCapacity(50_000), n -> { });
        assertEquals(20_000, replayed.messages());
        replayed.typeCounts().forEach((type, count) -> assertTrue(printed.contains(String.format(" %s %,d", type, count)),
                type + " " + count + " in " + printed));
    }

    @Test
    void badArgumentsAreExitTwo(@TempDir Path dir) {
        assertTrue(gen(2, "gen", "--messages", "50", "--symbols", "30", "--out", dir.toString()).contains("too few"));
        assertTrue(gen(2, "gen", "--messages", "5000", "--symbols", "1", "--out", dir.toString()).contains("2..65535"));
    }
}
