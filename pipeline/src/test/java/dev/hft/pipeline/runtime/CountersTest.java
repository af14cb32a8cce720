package dev.hft.pipeline.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountersTest {

    @Test
    void aMappedFileShowsLiveValuesToASeparateReader(@TempDir Path dir) {
        Path file = dir.resolve("hft.counters");
        Counters counters = Counters.mapped(file, 16);
        AtomicCounter c = counters.newCounter("book-0.events_in");
        c.setRelease(41);
        CountersReader reader = Counters.openReader(file);
        assertEquals(41, Counters.value(reader, "book-0.events_in"));
        c.incrementRelease();
        assertEquals(42, Counters.value(reader, "book-0.events_in"));
        assertEquals(-1, Counters.value(reader, "absent"));
    }

    @Test
    void aFileThatIsNotACountersFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("other"), new byte[128]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Counters.openReader(file));
        assertEquals(file + " is not an hft counters file (version 1)", e.getMessage());
    }
}
