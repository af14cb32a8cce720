package dev.hft.pipeline.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.SortedSet;

import net.openhft.affinity.Affinity;

import dev.hft.pipeline.topology.CpuList;

/** Pins the calling thread to one core with Java-Thread-Affinity and checks it in /proc, as the kernel sees it. */
public final class Pinning {

    /** What pinning achieved: the core asked for, the CPUs the kernel now allows, and whether they match. */
    public record Result(int core, String allowed, boolean verified) {
        public String describe() {
            return "pinned to core " + core + (verified ? " (verified)" : " (NOT verified: kernel allows " + allowed + ")");
        }
    }

    private Pinning() {
    }

    public static Result pinCurrentThread(int core) {
        BitSet mask = new BitSet();
        mask.set(core);
        String allowed;
        try {
            Affinity.setAffinity(mask);
            allowed = allowedCpus(Affinity.getThreadId());
        } catch (RuntimeException | LinkageError e) {
            allowed = "unknown (" + e.getMessage() + ")";
        }
        boolean verified;
        try {
            SortedSet<Integer> cpus = CpuList.parse(allowed);
            verified = cpus.size() == 1 && cpus.first() == core;
        } catch (IllegalArgumentException e) {
            verified = false;
        }
        return new Result(core, allowed, verified);
    }

    /** The {@code Cpus_allowed_list} of one thread of this process, from /proc/self/task/&lt;tid&gt;/status. */
    public static String allowedCpus(int tid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/task/" + tid + "/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring("Cpus_allowed_list:".length()).trim();
                }
            }
            return "unknown (no Cpus_allowed_list)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
