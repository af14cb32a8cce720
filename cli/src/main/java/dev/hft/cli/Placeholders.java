package dev.hft.cli;

import java.util.List;
import java.util.Map;

import dev.hft.pipeline.topology.Catalog;
import dev.hft.pipeline.topology.Problem;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.Topology.RingSpec;
import dev.hft.pipeline.topology.Topology.StageSpec;
import dev.hft.pipeline.topology.TopologyLoader;

/**
 * The fallback of {@code hft run} on the default topology while the real kinds are not installed: the same
 * rings, shards, threads and cores, with every stage swapped for a placeholder kind (a source for a stage
 * with no input, a counting sink for one with no output, a relay otherwise) and every ring carrying
 * synthetic events.
 */
final class Placeholders {

    private Placeholders() {
    }

    /** True when every error of the report is a stage kind or event type that is not installed. */
    static boolean onlyMissingKinds(Topology t) {
        List<Problem> errors = t.report().errors();
        return !errors.isEmpty() && errors.stream().allMatch(p -> p.message().startsWith("no stage kind '")
                || p.message().startsWith("no event type '"));
    }

    static Topology substitute(Topology t, Catalog catalog) {
        List<RingSpec> rings = t.rings().stream().map(r -> new RingSpec(r.name(), r.size(), "synthetic", r.producer(),
                r.numaNode(), r.path())).toList();
        List<StageSpec> stages = t.stages().stream().map(s -> new StageSpec(s.name(), kindFor(s), null, Map.of(), s.cores(),
                s.waitStrategy(), s.onError(), s.instances(), s.perRxQueue(), s.input(), s.outputs(), s.thread(), s.path()))
                .toList();
        Topology swapped = t.withRingsAndStages(rings, stages);
        return TopologyLoader.revalidate(swapped, t.report().source() + " with placeholder kinds", catalog);
    }

    private static String kindFor(StageSpec s) {
        if (s.input() == null) {
            return "placeholder-source";
        }
        return s.outputs().isEmpty() ? "counting-sink" : "placeholder-relay";
    }
}
