package dev.hft.pipeline.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** One test per kind of problem the validation pass reports: its YAML path, line and message. */
class TopologyValidationTest {

    /** Four cores on one node, so results do not depend on the machine running the test. */
    private static final String MACHINE = "machine: {nodes: {0: 0-3}}\n";
    private static final String CHAIN = """
            rings:
              - {name: a, event: synthetic}
            stages:
              - {name: src, kind: placeholder-source, outputs: [a]}
              - {name: sink, kind: counting-sink, input: a}
            """;

    private static ValidationReport validate(String yaml) {
        return TopologyLoader.parse(yaml, "test", Path.of(".")).report();
    }

    /** The only problem of the report, asserted to be at {@code path} on {@code line}. */
    private static Problem only(ValidationReport report, String path, int line) {
        assertEquals(1, report.problems().size(), report.format());
        Problem p = report.problems().get(0);
        assertEquals(path, p.path(), report.format());
        assertEquals(line, p.line(), report.format());
        return p;
    }

    @Test
    void theReferenceChainIsValid() {
        ValidationReport r = validate(MACHINE + CHAIN);
        assertTrue(r.problems().isEmpty(), r.format());
    }

    @Test
    void unknownKeySuggestsTheClosestKnownOne() {
        Problem p = only(validate(MACHINE + CHAIN.replace("{name: sink,", "{name: sink, shard: 2,")), "stages[1].shard", 6);
        assertTrue(p.isError());
        assertEquals("unknown key 'shard', did you mean 'shards'?", p.message());
    }

    @Test
    void unknownTopLevelKeyWithoutCloseMatchHasNoSuggestion() {
        Problem p = only(validate(MACHINE + CHAIN + "colour: blue\n"), "colour", 7);
        assertEquals("unknown key 'colour'", p.message());
    }

    @Test
    void missingRequiredKey() {
        Problem p = only(validate(MACHINE + CHAIN.replace("{name: a, event: synthetic}", "{name: a}")), "rings[0]", 3);
        assertEquals("missing required key 'event'", p.message());
    }

    @Test
    void wrongType() {
        Problem p = only(validate(MACHINE + CHAIN.replace("{name: sink,", "{name: sink, shards: two,")), "stages[1].shards", 6);
        assertEquals("expected a whole number, found 'two'", p.message());
    }

    @Test
    void coreNotOnThisMachine() {
        Problem p = only(validate(MACHINE + CHAIN.replace("{name: sink,", "{name: sink, core: 7,")), "stages[1].core", 6);
        assertTrue(p.message().startsWith("core 7 is not on this machine (cores 0-3"), p.message());
    }

    @Test
    void twoBusySpinThreadsOnOneCore() {
        Problem p = only(validate(MACHINE + CHAIN
                .replace("{name: src,", "{name: src, core: 1, wait: busy-spin,")
                .replace("{name: sink,", "{name: sink, core: 1, wait: busy-spin,")), "stages[1].core", 6);
        assertTrue(p.isError());
        assertTrue(p.message().startsWith("busy-spin threads [src, sink] are all pinned to core 1"), p.message());
    }

    @Test
    void moreBusySpinThreadsThanCoresIsAWarning() {
        Problem p = only(validate("machine: {nodes: {0: '0'}}\n" + CHAIN
                .replace("{name: src,", "{name: src, wait: busy-spin,")
                .replace("{name: sink,", "{name: sink, wait: busy-spin,")), "stages", 4);
        assertFalse(p.isError());
        assertEquals("2 busy-spin threads but only 1 cores; spinning threads will starve each other", p.message());
    }

    @Test
    void stagePinnedOffTheNumaNodeOfItsRingIsAWarning() {
        ValidationReport r = validate("machine: {nodes: {0: 0-1, 1: 2-3}}\n" + CHAIN
                .replace("{name: a, event: synthetic}", "{name: a, event: synthetic, numa_node: 0}")
                .replace("{name: sink,", "{name: sink, core: 3,"));
        Problem p = only(r, "stages[1].core", 6);
        assertFalse(p.isError());
        assertEquals("sink on core 3 (NUMA node 1) uses ring 'a' whose memory is on node 0", p.message());
    }

    @Test
    void ringSizeNotAPowerOfTwo() {
        Problem p = only(validate(MACHINE + CHAIN.replace("event: synthetic}", "event: synthetic, size: 1000}")), "rings[0].size", 3);
        assertEquals("ring size must be a power of two, found 1000 (try 1024)", p.message());
    }

    @Test
    void classThatDoesNotExist() {
        Problem p = only(validate(MACHINE + CHAIN.replace("kind: counting-sink", "class: com.example.Missing")), "stages[1].class", 6);
        assertEquals("class com.example.Missing is not on the class path: add its jar or classes folder with 'classpath:' at"
                + " the top of the topology (relative to the file) or --classpath on the command line", p.message());
    }

    @Test
    void classThatIsNotAStage() {
        Problem p = only(validate(MACHINE + CHAIN.replace("kind: counting-sink", "class: java.lang.String")), "stages[1].class", 6);
        assertEquals("class java.lang.String implements none of StageFactory, Stage, EventStage", p.message());
    }

    @Test
    void kindThatIsNotInstalledListsTheKnownKinds() {
        Problem p = only(validate(MACHINE + CHAIN.replace("kind: counting-sink", "kind: book")), "stages[1].kind", 6);
        assertTrue(p.message().startsWith("no stage kind 'book' is installed; known kinds: "), p.message());
        assertTrue(p.message().contains("counting-sink, placeholder-relay, placeholder-source"), p.message());
    }

    @Test
    void misspeltKindSuggestsTheInstalledOne() {
        Problem p = only(validate(MACHINE + CHAIN.replace("kind: counting-sink", "kind: counting-snk")), "stages[1].kind", 6);
        assertTrue(p.message().endsWith(", did you mean 'counting-sink'?"), p.message());
    }

    @Test
    void ringWithNoConsumer() {
        Problem p = only(validate(MACHINE + CHAIN.replace("outputs: [a]", "outputs: [a, b]")
                .replace("rings:", "rings:\n  - {name: b, event: synthetic}")), "rings[0]", 3);
        assertEquals("ring 'b' has no consumer: no stage reads it as 'input' or 'side_inputs'", p.message());
    }

    @Test
    void ringWithNoProducer() {
        Problem p = only(validate(MACHINE + CHAIN.replace("rings:", "rings:\n  - {name: b, event: synthetic}")
                + "  - {name: sink2, kind: counting-sink, input: b}\n"), "rings[0]", 3);
        assertEquals("ring 'b' has no producer: no stage lists it under 'outputs'", p.message());
    }

    @Test
    void inputRingThatDoesNotExist() {
        ValidationReport r = validate(MACHINE + CHAIN.replace("input: a", "input: aa"));
        assertEquals(List.of("rings[0] (line 3): ring 'a' has no consumer: no stage reads it as 'input' or 'side_inputs'",
                "stages[1].input (line 6): no ring named 'aa', did you mean 'a'?"),
                r.errors().stream().map(p -> p.toString().substring("error: ".length())).toList());
    }

    @Test
    void nonSourceStageWithNoInput() {
        Problem p = only(validate(MACHINE + CHAIN + "  - {name: lost, kind: counting-sink}\n"), "stages[2]", 7);
        assertEquals("stage 'lost' has no input: kind 'counting-sink' is not a source, it reads 'synthetic' events;"
                + " add 'input: <ring>'", p.message());
    }

    @Test
    void cycleInTheRingGraph() {
        Problem p = only(validate(MACHINE + """
                rings:
                  - {name: a, event: synthetic}
                  - {name: b, event: synthetic}
                  - {name: c, event: synthetic}
                stages:
                  - {name: src, kind: placeholder-source, outputs: [a]}
                  - {name: x, kind: placeholder-relay, input: a, outputs: [b]}
                  - {name: y, kind: placeholder-relay, input: b, outputs: [c]}
                  - {name: z, kind: placeholder-relay, input: c, outputs: [b]}
                """), "stages[2]", 9);
        assertEquals("the ring graph has a cycle: y -> z -> y", p.message());
    }

    @Test
    void blockingWaitOnASharedThread() {
        Problem p = only(validate(MACHINE + """
                rings:
                  - {name: a, event: synthetic}
                  - {name: b, event: synthetic}
                stages:
                  - {name: src, kind: placeholder-source, outputs: [a]}
                  - {name: relay, kind: placeholder-relay, input: a, outputs: [b], thread: t0, wait: blocking}
                  - {name: sink, kind: counting-sink, input: b, thread: t0, wait: blocking}
                """), "stages[1].wait", 7);
        assertEquals("wait 'blocking' sleeps on one ring, but thread 't0' steps 2 stages [relay, sink]; use backoff or yield",
                p.message());
    }

    @Test
    void aThreadListPlacesEachInstance() {
        Topology parsed = TopologyLoader.parse(MACHINE + """
                rings:
                  - {name: a, event: synthetic}
                stages:
                  - {name: src, kind: placeholder-source, outputs: [a], thread: t0}
                  - {name: sink, kind: counting-sink, input: a, shards: 2, thread: [t0, t1]}
                """, "test", Path.of("."));
        assertFalse(parsed.report().hasErrors(), parsed.report().format());
        Map<String, List<String>> roles = new LinkedHashMap<>();
        parsed.threads().forEach(t -> roles.put(t.name(), t.instances().stream().map(Topology.Instance::role).toList()));
        assertEquals(Map.of("t0", List.of("src", "sink-0"), "t1", List.of("sink-1")), roles);
    }

    @Test
    void aThreadListMustNameEveryInstance() {
        Problem p = only(validate(MACHINE + """
                rings:
                  - {name: a, event: synthetic}
                stages:
                  - {name: src, kind: placeholder-source, outputs: [a]}
                  - {name: sink, kind: counting-sink, input: a, shards: 3, thread: [t0, t1]}
                """), "stages[1].thread", 6);
        assertEquals("stage 'sink' has 3 instance(s) but 2 threads; give one thread for all or one per instance", p.message());
    }

    @Test
    void fanInFromAConsumersOwnThreadAndAnotherThreadIsAWarning() {
        Problem p = only(validate(MACHINE + """
                rings:
                  - {name: a, event: synthetic}
                  - {name: b, event: synthetic}
                stages:
                  - {name: src, kind: placeholder-source, outputs: [a, b], thread: t0}
                  - {name: relay, kind: placeholder-relay, input: a, outputs: [b], thread: t1}
                  - {name: sink, kind: counting-sink, input: b, thread: t0}
                """), "rings[1]", 4);
        assertFalse(p.isError());
        assertTrue(p.message().startsWith("ring 'b' is consumed on thread 't0', which also publishes to it"), p.message());
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        Problem p = only(validate(MACHINE + "stages: [\n  {name: x\n"), "(file)", 4);
        assertTrue(p.message().startsWith("not valid YAML"), p.message());
    }

    @Test
    void onePassReportsEveryProblem() {
        ValidationReport r = validate(MACHINE + """
                rings:
                  - {name: a, event: synthetic, size: 100}
                stages:
                  - {name: src, kind: placeholder-source, outputs: [a], core: 9}
                  - {name: sink, kind: counting-sink, input: a, wiat: yield}
                  - {name: other, class: nope.Nope, input: a}
                """);
        List<String> paths = r.problems().stream().map(Problem::path).toList();
        assertEquals(List.of("rings[0].size", "stages[0].core", "stages[1].wiat", "stages[2].class"), paths, r.format());
        assertEquals(List.of(3, 5, 6, 7), r.problems().stream().map(Problem::line).toList());
    }

    @Test
    void paramsAreCheckedByTheirKind() {
        Problem p = only(validate(MACHINE + CHAIN.replace("outputs: [a]}", "outputs: [a], params: {batch: 0}}")),
                "stages[0].params.batch", 5);
        assertEquals("must be between 1 and 256 (the runtime guarantees room for 256), found 0", p.message());
    }
}
