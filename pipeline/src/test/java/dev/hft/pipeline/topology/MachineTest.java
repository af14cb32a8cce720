package dev.hft.pipeline.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n");
    }

    @Test
    void readsOnlineIsolatedAndNumaNodesFromSys(@TempDir Path sys) throws IOException {
        write(sys.resolve("cpu/online"), "0-7");
        write(sys.resolve("cpu/isolated"), "2-3,6-7");
        write(sys.resolve("node/node0/cpulist"), "0-3");
        write(sys.resolve("node/node1/cpulist"), "4-7");
        Machine m = Machine.discover(sys);
        assertEquals(8, m.coreCount());
        assertEquals(Set.of(2, 3, 6, 7), m.isolated());
        assertEquals(0, m.nodeOf(3));
        assertEquals(1, m.nodeOf(4));
        assertEquals(2, m.nodeCount());
    }

    @Test
    void withoutANodeDirectoryEveryCoreIsOnNodeZero(@TempDir Path sys) throws IOException {
        write(sys.resolve("cpu/online"), "0-1");
        Machine m = Machine.discover(sys);
        assertEquals(2, m.coreCount());
        assertTrue(m.isolated().isEmpty());
        assertEquals(1, m.nodeCount());
        assertFalse(m.hasCore(2));
    }

    @Test
    void thisMachineHasAtLeastOneCore() {
        assertTrue(Machine.discover().coreCount() >= 1);
    }

    @Test
    void cpuListsParseAndFormat() {
        assertEquals(new TreeSet<>(Set.of(0, 1, 2, 5, 8, 9)), CpuList.parse("0-2,5,8-9"));
        assertEquals("0-2,5,8-9", CpuList.format(CpuList.parse("8,9,5,0,1,2")));
        assertEquals("none", CpuList.format(new TreeSet<>()));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("3-1"));
    }

    @Test
    void didYouMeanUsesEditDistance() {
        assertEquals(1, Findings.levenshtein("shard", "shards"));
        assertEquals(", did you mean 'outputs'?", Findings.didYouMean("ouptuts", TopologyLoader.STAGE));
        assertEquals("", Findings.didYouMean("zzzzzz", TopologyLoader.STAGE));
    }
}
