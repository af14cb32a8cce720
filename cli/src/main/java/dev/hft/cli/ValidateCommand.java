package dev.hft.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.hft.pipeline.topology.Topology;

/** {@code hft validate [FILE]}: the validation report and the thread plan; exit 2 when there are errors. */
@Command(name = "validate", description = "Check a topology file and show every problem with its path and line.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "FILE", description = "Topology file (default: as for run).")
    java.nio.file.Path file;

    @Mixin
    TopologyOption topologyOption;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (file != null) {
            topologyOption.file = file;
        }
        Topology t = topologyOption.load(out::println);
        out.println("machine: " + t.machine().describe());
        out.println(t.report().format());
        if (t.report().hasErrors()) {
            return Main.USAGE;
        }
        for (Topology.ThreadPlan p : t.threads()) {
            out.println("  thread hft-" + p.name() + ": " + (p.core() == null ? "unpinned" : "core " + p.core()) + ", wait "
                    + p.waitStrategy().yamlName() + ", stages " + p.instances().stream().map(Topology.Instance::role).toList());
        }
        return 0;
    }
}
