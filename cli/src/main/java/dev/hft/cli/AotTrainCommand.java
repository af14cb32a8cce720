package dev.hft.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.agrona.IoUtil;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hft aot-train} (hidden): the workload of the AOT cache's training run, which {@code ./hft warm} starts with
 * {@code -XX:AOTCacheOutput} and the launcher's own JVM options. In this one JVM: generate a day, replay it as a
 * BinaryFILE (multi- and single-threaded, and in the direct layout) and as a pcap, then {@code run} the default topology on the bundled sample
 * (its closed loop: strategies, risk, OUCH, the embedded venue), with its journals and run files in a temporary folder.
 * What these load, link and profile is what the cache holds, so {@code hft replay} and {@code hft run} start warm.
 */
@Command(name = "aot-train", hidden = true, mixinStandardHelpOptions = true,
        description = "The AOT cache's training workload (./hft warm runs it; not for direct use).")
final class AotTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "500000",
            description = "Messages in the generated training day (default: ${DEFAULT-VALUE}).")
    long messages;

    @Option(names = "--no-run", description = "Train on the replays only (leave out `hft run` of the default topology).")
    boolean noRun;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = Files.createTempDirectory("hft-aot-train-");
        try {
            List<String[]> steps = new ArrayList<>();
            steps.add(new String[] {"gen", "--messages", Long.toString(messages), "--symbols", "500", "--seed", "1", "--out",
                dir.toString(), "--name", "train"});
            String itch = dir.resolve("train.itch").toString();
            steps.add(new String[] {"replay", "--input", itch, "--json", dir.resolve("multi.json").toString()});
            steps.add(new String[] {"replay", "--input", itch, "--threads", "single"});
            steps.add(new String[] {"replay", "--input", itch, "--layout", "direct"});
            steps.add(new String[] {"replay", "--input", dir.resolve("train.pcap").toString()});
            if (!noRun) {
                steps.add(new String[] {"run", "--state-dir", dir.resolve("state").toString(), "--run-dir",
                    dir.resolve("run").toString(), "--summary-json", dir.resolve("run.json").toString()});
            }
            for (String[] step : steps) {
                out.println("aot-train: hft " + String.join(" ", step));
                out.flush();
                long t0 = System.nanoTime();
                int code = Main.commandLine(out, err).execute(step);
                out.printf("aot-train: exit %d after %.1f s%n", code, (System.nanoTime() - t0) / 1e9);
                if (code != ExitCodes.OK) {
                    err.println("hft aot-train: step '" + step[0] + "' exited " + code);
                    return ExitCodes.FAILURE;
                }
            }
            return ExitCodes.OK;
        } finally {
            IoUtil.delete(dir.toFile(), true); // a leftover temporary folder is not worth failing the training for
        }
    }
}
