package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;
import dev.hft.pipeline.topology.ValidationReport;
import dev.hft.pipeline.topology.WaitStrategy;

/**
 * With every module on the class path, the root topology.yaml and every example validate with the real kinds,
 * their params and every section (dpdk, feeds, venues), each against the machine it declares.
 */
class ShippedTopologiesInstalledTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));

    @Test
    void everyShippedTopologyValidatesWithTheInstalledKinds() throws IOException {
        List<Path> files;
        try (Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
            files = Stream.concat(Stream.of(ROOT.resolve("topology.yaml")),
                    examples.filter(p -> p.toString().endsWith(".yaml")).sorted()).toList();
        }
        assertTrue(files.size() >= 4, "topology.yaml and examples: " + files);
        for (Path file : files) {
            ValidationReport r = TopologyLoader.load(file).report();
            assertEquals(List.of(), r.errors(), file + "\n" + r.format());
        }
    }

    @Test
    void productionExampleIsCheckedAgainstItsOwnMachine() {
        Topology t = TopologyLoader.load(ROOT.resolve("examples/two-socket-4rxq.yaml"));
        assertEquals(48, t.machine().coreCount());
        assertEquals(2, t.machine().nodeCount());
        assertEquals(4, t.stage("ingress").instances(), "per_rx_queue: md makes one ingress per RX queue");
        assertEquals(10, t.threads().size());
        assertTrue(t.threads().stream().allMatch(p -> p.waitStrategy() == WaitStrategy.BUSY_SPIN && p.core() != null));
    }

    /** The latency example: the pair layout of bench t2t, two busy-spinning threads on the two isolated cores. */
    @Test
    void latencyExampleIsThePairLayoutOnTwoIsolatedCores() {
        Topology t = TopologyLoader.load(ROOT.resolve("examples/latency-2core.yaml"));
        assertEquals(List.of(), t.report().errors(), t.report().format());
        assertEquals(List.of(), t.report().warnings(), t.report().format());
        assertEquals(2, t.threads().size());
        assertTrue(t.threads().stream().allMatch(p -> p.waitStrategy() == WaitStrategy.BUSY_SPIN && p.core() != null));
        assertEquals(List.of(2, 3), t.threads().stream().map(p -> p.core()).sorted().toList());
        assertTrue(t.machine().isolated().containsAll(List.of(2, 3)), "both hot cores isolated on the declared machine");
        assertEquals(t.stage("ingress").thread(0), t.stage("book").thread(0), "ingress and book share a thread");
        assertEquals(t.stage("strategy").thread(0), t.stage("egress").thread(0), "strategy and egress share a thread");
        assertTrue(!t.stage("book").thread(0).equals(t.stage("strategy").thread(0)), "one ring hop between the two");
        assertEquals("dpdk", t.stage("egress").params().get("transport"));
    }
}
