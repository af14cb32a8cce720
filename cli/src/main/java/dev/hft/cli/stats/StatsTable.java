package dev.hft.cli.stats;

import java.util.ArrayList;
import java.util.List;

import dev.hft.pipeline.metrics.Snapshot;

/**
 * The {@code hft stats} table from two snapshots an interval apart: stages (in, out, rate, errors, idle %),
 * rings (fill, capacity, fill %) and queues (packets, drops by reason).
 */
public final class StatsTable {

    private StatsTable() {
    }

    public static List<String> lines(Snapshot before, Snapshot after) {
        double seconds = Math.max(1e-9, (after.nanos() - before.nanos()) / 1e9);
        List<String> out = new ArrayList<>();
        out.add(String.format("%-20s %14s %14s %12s %8s %6s", "stage", "in", "out", "rate/s", "errors", "idle%"));
        for (Snapshot.Stage s : after.stages().values()) {
            Snapshot.Stage was = before.stages().getOrDefault(s.role(), s);
            long moved = Math.max(s.eventsIn() - was.eventsIn(), s.eventsOut() - was.eventsOut());
            long busy = s.batches() - was.batches();
            long idle = s.idleCycles() - was.idleCycles();
            String idlePercent = busy + idle == 0 ? "-" : Long.toString(idle * 100 / (busy + idle));
            out.add(String.format("%-20s %14d %14d %12.0f %8d %6s", s.role(), s.eventsIn(), s.eventsOut(), moved / seconds,
                    s.errors(), idlePercent));
        }
        out.add(String.format("%-20s %14s %14s %12s %8s", "ring", "published", "fill", "capacity", "fill%"));
        for (Snapshot.Ring r : after.rings().values()) {
            out.add(String.format("%-20s %14d %14d %12s %8s", r.name(), r.published(), r.fill(),
                    r.capacity() == 0 ? "?" : Long.toString(r.capacity()),
                    r.capacity() == 0 ? "?" : Long.toString(r.fill() * 100 / r.capacity())));
        }
        List<Snapshot.Stage> queues = after.stages().values().stream().filter(s -> !s.drops().isEmpty()).toList();
        if (!queues.isEmpty()) {
            out.add(String.format("%-20s %14s %14s  %s", "queue", "packets", "drops", "by reason (non-zero)"));
            for (Snapshot.Stage q : queues) {
                StringBuilder reasons = new StringBuilder();
                q.drops().forEach((reason, n) -> {
                    if (n > 0) {
                        reasons.append(reasons.isEmpty() ? "" : " ").append(reason).append('=').append(n);
                    }
                });
                out.add(String.format("%-20s %14d %14d  %s", q.role(), q.eventsOut(), q.dropTotal(), reasons));
            }
        }
        return out;
    }
}
