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

    /** 1.5M messages: past 2^20, streamed to both files; the BinaryFILE holds exactly the messages printed. */
    @Test
    void aLargeDayIsWrittenWhole(@TempDir Path dir) throws IOException {
        String printed = gen(0, "gen", "--messages", "1500000", "--symbols", "500", "--seed", "3", "--out", dir.toString(),
                "--name", "big");
        assertTrue(printed.contains("generated 1,500,000 messages over 500 symbols, seed 3"), printed);
        long messages = 0;
        long[] byType = new long[256];
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(dir.resolve("big.itch")), 1 << 16))) {
            byte[] message = new byte[65535];
            while (in.available() > 0) {
                int length = in.readUnsignedShort();
                in.readFully(message, 0, length);
                byType[message[0] & 0xFF]++;
                messages++;
            }
        }
        assertEquals(1_500_000, messages);
        for (char type : dev.hft.wire.itch.ItchMessages.TYPES.toCharArray()) {
            assertTrue(printed.contains(String.format(" %c %,d", type, byType[type])), type + " " + byType[type] + " in " + printed);
        }
        assertTrue(Files.size(dir.resolve("big.pcap")) > Files.size(dir.resolve("big.itch")));
    }

    @Test
    void badArgumentsAreExitTwo(@TempDir Path dir) {
        assertTrue(gen(2, "gen", "--messages", "50", "--symbols", "30", "--out", dir.toString()).contains("too few"));
        assertTrue(gen(2, "gen", "--messages", "5000", "--symbols", "1", "--out", dir.toString()).contains("2..65535"));
    }
}
