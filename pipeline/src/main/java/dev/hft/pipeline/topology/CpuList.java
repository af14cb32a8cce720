package dev.hft.pipeline.topology;

import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/** The kernel's CPU list format ({@code 0-3,8,10-11}), as in /sys and /proc/self/status. */
public final class CpuList {

    /** Highest CPU number accepted: Linux's own limit (CONFIG_NR_CPUS at most 8192). */
    public static final int MAX_CPU = 8191;

    private CpuList() {
    }

    /** Parses a CPU list; throws IllegalArgumentException naming the bad part. An empty text is an empty set. */
    public static SortedSet<Integer> parse(String text) {
        SortedSet<Integer> cpus = new TreeSet<>();
        for (String part : text.trim().split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            try {
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                if (from < 0 || to < from) {
                    throw new IllegalArgumentException("'" + p + "' is not a CPU range");
                }
                if (to > MAX_CPU) {
                    throw new IllegalArgumentException("'" + p + "' goes past CPU " + MAX_CPU + ", the most Linux numbers");
                }
                for (int c = from; c <= to; c++) {
                    cpus.add(c);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not a CPU number or range");
            }
        }
        return cpus;
    }

    /** Formats a set back into ranges: {0,1,2,5} is {@code 0-2,5}; the empty set is {@code none}. */
    public static String format(SortedSet<Integer> cpus) {
        if (cpus.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        Iterator<Integer> it = cpus.iterator();
        int start = it.next();
        int prev = start;
        while (true) {
            Integer next = it.hasNext() ? it.next() : null;
            if (next != null && next == prev + 1) {
                prev = next;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(start);
            if (prev != start) {
                out.append('-').append(prev);
            }
            if (next == null) {
                return out.toString();
            }
            start = next;
            prev = next;
        }
    }
}
