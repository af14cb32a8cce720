package dev.hft.pipeline.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that must be refused with a sentence, not a stack trace, an out-of-memory or a hang. */
class TopologyLimitsTest {

    private static final String CHAIN = """
            machine: {nodes: {0: 0-3}}
            rings:
              - {name: a, event: synthetic}
            stages:
              - {name: src, kind: placeholder-source, outputs: [a]}
              - {name: sink, kind: counting-sink, input: a}
            """;

    private static ValidationReport validate(String yaml) {
        return TopologyLoader.parse(yaml, "test", Path.of(".")).report();
    }

    @Test
    void anAliasBombInParamsIsRefusedBeforeItExpands() {
        StringBuilder yaml = new StringBuilder(CHAIN.replace("kind: counting-sink, input: a}", "kind: counting-sink, input: a,\n"
                + "      params: {p: *a11}}"));
        StringBuilder anchors = new StringBuilder("x0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        for (int i = 1; i <= 11; i++) {
            anchors.append("x").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        ValidationReport r = validate(anchors + yaml.toString());
        assertTrue(r.hasErrors());
        assertTrue(r.format().contains("expands to more than 100000 values"), r.format());
    }

    @Test
    void aFileOverAMegabyteIsNotRead(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, CHAIN + "#".repeat(1 << 20));
        ValidationReport r = TopologyLoader.load(big).report();
        assertEquals(1, r.errors().size(), r.format());
        assertTrue(r.errors().get(0).message().startsWith("the file is "), r.format());
    }

    @Test
    void cpusPastWhatLinuxNumbersAreAnError() {
        ValidationReport r = validate(CHAIN.replace("{name: src,", "{name: src, cores: 0-2147483647,"));
        assertTrue(r.format().contains("goes past CPU 8191"), r.format());
    }

    @Test
    void hugeRingsAreRefusedBeforeAnythingIsAllocated() {
        ValidationReport r = validate(CHAIN.replace("event: synthetic}", "event: synthetic, size: 1073741824}"));
        assertTrue(r.format().contains("ring size is at most 16777216, found 1073741824"), r.format());
        ValidationReport heap = validate(CHAIN.replace("event: synthetic}", "event: synthetic, size: 16777216}"));
        if (16_777_216L * 128 > Runtime.getRuntime().maxMemory() / 2) {
            assertTrue(heap.format().contains("more than half of this JVM's"), heap.format());
        }
    }

    @Test
    void namesBecomeCounterLabelsSoDotsAreRefused() {
        ValidationReport r = validate(CHAIN.replace("{name: sink,", "{name: \"sink.1\","));
        assertTrue(r.format().contains("a stage name is a letter then letters, digits, '_' or '-'"), r.format());
    }
}
