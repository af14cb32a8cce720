package dev.hft.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.venue.gen.FeedGenerator;

/** The C reference and the Java decode+book reach the same totals on a small generated file. */
class BookVsCTest {

    static final Path SOURCE = Path.of("src/main/c/itch_book_ref.c");

    @Test
    void javaAndCAgreeOnAGeneratedDay(@TempDir Path dir) throws Exception {
        Gcc.require();
        FeedGenerator.Summary summary = FeedGenerator.write(new FeedGenerator.Options(30_000, 20, 7L), dir, "day");
        Path file = dir.resolve("day.itch");

        BookVsC.Run c = BookVsC.c(SOURCE, dir, file, 2);
        BookVsC.Run java = BookVsC.java(file, 2);

        assertEquals(summary.messages(), java.totals().messages());
        assertTrue(java.totals().liveOrders() > 0, "a generated day leaves resting orders");
        assertTrue(java.totals().executedShares() > 0, "a generated day has executions");
        assertEquals(java.totals(), c.totals());
        assertEquals(2, c.roundNanos().length);
        assertEquals(2, java.roundNanos().length);
        assertEquals(2, c.roundCpuNanos().length);
        assertTrue(c.roundCpuNanos()[0] > 0 && java.roundCpuNanos()[0] > 0, "thread CPU time of each round");
    }
}
