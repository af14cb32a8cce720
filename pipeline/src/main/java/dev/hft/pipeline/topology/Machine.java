package dev.hft.pipeline.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The cores a topology may use and the NUMA node of each: discovered from /sys, or declared by the
 * topology's own {@code machine:} block (production layouts validated on a development box).
 *
 * @param nodeOfCore every usable core and its NUMA node
 * @param isolated   cores removed from the kernel scheduler ({@code isolcpus}), good homes for busy-spin threads
 * @param source     where this description came from, for the start-up report
 */
public record Machine(SortedMap<Integer, Integer> nodeOfCore, SortedSet<Integer> isolated, String source) {

    public Machine {
        nodeOfCore = Collections.unmodifiableSortedMap(new TreeMap<>(nodeOfCore));
        isolated = Collections.unmodifiableSortedSet(new TreeSet<>(isolated));
    }

    public static Machine discover() {
        return discover(Path.of("/sys/devices/system"));
    }

    /** Reads {@code cpu/online}, {@code cpu/isolated} and {@code node/node*}/cpulist under {@code sys}; no node directory means one node. */
    public static Machine discover(Path sys) {
        SortedSet<Integer> online = CpuList.parse(read(sys.resolve("cpu/online"), "0"));
        SortedSet<Integer> isolated = CpuList.parse(read(sys.resolve("cpu/isolated"), ""));
        SortedMap<Integer, Integer> nodes = new TreeMap<>();
        for (int core : online) {
            nodes.put(core, 0);
        }
        Path nodeDir = sys.resolve("node");
        if (Files.isDirectory(nodeDir)) {
            try (Stream<Path> dirs = Files.list(nodeDir)) {
                dirs.filter(d -> d.getFileName().toString().matches("node\\d+")).forEach(d -> {
                    int node = Integer.parseInt(d.getFileName().toString().substring(4));
                    for (int core : CpuList.parse(read(d.resolve("cpulist"), ""))) {
                        if (nodes.containsKey(core)) {
                            nodes.put(core, node);
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        isolated.retainAll(online);
        return new Machine(nodes, isolated, "this machine (" + sys + ")");
    }

    private static String read(Path file, String missing) {
        try {
            return Files.isReadable(file) ? Files.readString(file).trim() : missing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean hasCore(int core) {
        return nodeOfCore.containsKey(core);
    }

    public int nodeOf(int core) {
        return nodeOfCore.getOrDefault(core, 0);
    }

    public int coreCount() {
        return nodeOfCore.size();
    }

    public SortedSet<Integer> cores() {
        return new TreeSet<>(nodeOfCore.keySet());
    }

    public int nodeCount() {
        return (int) nodeOfCore.values().stream().distinct().count();
    }

    public String describe() {
        return coreCount() + " cores (" + CpuList.format(cores()) + ") on " + nodeCount() + " NUMA node"
                + (nodeCount() == 1 ? "" : "s") + ", isolated: " + CpuList.format(isolated) + ", from " + source;
    }
}
