package dev.hft.pipeline.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.runtime.Pipeline;
import dev.hft.pipeline.runtime.PipelineBuilder;

/**
 * The root topology.yaml and every file in examples/ validate. The kinds and event types of the other
 * modules are not on this module's class path, so here exactly those are allowed to be reported missing;
 * everything else (keys, types, cores against each file's own machine, graph, threads) must be clean.
 */
class ShippedTopologiesTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));
    private static final Set<String> OTHER_MODULES_KINDS = Set.of("itch-file", "dpdk-rx", "book", "strategy", "egress");
    private static final Set<String> OTHER_MODULES_EVENTS = Set.of("itch", "book", "order", "order-response");

    static List<Path> files() throws IOException {
        try (Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
            return Stream.concat(Stream.of(ROOT.resolve("topology.yaml")),
                    examples.filter(p -> p.toString().endsWith(".yaml")).sorted()).toList();
        }
    }

    private static boolean missingFromOtherModule(Problem p) {
        for (String kind : OTHER_MODULES_KINDS) {
            if (p.message().startsWith("no stage kind '" + kind + "' is installed")) {
                return true;
            }
        }
        for (String event : OTHER_MODULES_EVENTS) {
            if (p.message().startsWith("no event type '" + event + "' is installed")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyShippedTopologyValidates() throws IOException {
        List<Path> files = files();
        assertTrue(files.size() >= 4, "topology.yaml and examples: " + files);
        for (Path file : files) {
            ValidationReport r = TopologyLoader.load(file).report();
            List<Problem> rest = r.problems().stream().filter(p -> !missingFromOtherModule(p)).toList();
            assertEquals(List.of(), rest, file + "\n" + r.format());
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

    @Test
    void placeholderExampleRuns() {
        Topology t = TopologyLoader.load(ROOT.resolve("examples/placeholder-2core.yaml"));
        assertFalse(t.report().hasErrors(), t.report().format());
        Pipeline p = PipelineBuilder.build(t, java.util.Map.of("ingress.events", "20000"));
        p.start();
        assertTrue(p.awaitCompletion(java.time.Duration.ofSeconds(30)));
        assertTrue(p.drained(), p.summary());
        assertEquals(20_000, p.counters().value("egress.received"));
    }
}
