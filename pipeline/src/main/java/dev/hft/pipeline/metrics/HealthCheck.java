package dev.hft.pipeline.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares two snapshots of the same run taken an interval apart and says what is wrong: a stage stalled
 * (its input ring held events at both reads and its consumed count did not move), a ring full, or a feed
 * with messages lost to a gap that was not recovered ({@code drop-gap}, {@code drop-gap-abandoned}). An empty
 * list means healthy.
 */
public final class HealthCheck {

    private HealthCheck() {
    }

    public static List<String> problems(Snapshot before, Snapshot after) {
        List<String> problems = new ArrayList<>();
        for (Snapshot.Ring ring : after.rings().values()) {
            Snapshot.Ring earlier = before.rings().get(ring.name());
            for (Map.Entry<String, Long> consumer : ring.consumedBy().entrySet()) {
                long was = earlier == null ? -1 : earlier.consumedBy().getOrDefault(consumer.getKey(), -1L);
                boolean waiting = ring.published() > consumer.getValue() && earlier != null && earlier.published() > was;
                if (waiting && was == consumer.getValue()) {
                    problems.add("stage " + consumer.getKey() + " stalled: ring " + ring.name() + " holds "
                            + (ring.published() - consumer.getValue()) + " events for it and it consumed none in "
                            + millis(after.nanos() - before.nanos()) + " ms");
                }
            }
            if (ring.full()) {
                problems.add("ring " + ring.name() + " full: " + ring.fill() + " of " + ring.capacity() + " slots");
            }
        }
        for (Snapshot.Stage stage : after.stages().values()) {
            long lost = stage.drops().getOrDefault("gap", 0L) + stage.drops().getOrDefault("gap-abandoned", 0L);
            if (lost > 0) {
                problems.add("feed " + stage.role() + " has an unrecovered gap: " + lost + " messages lost (drop-gap "
                        + stage.drops().getOrDefault("gap", 0L) + ", drop-gap-abandoned "
                        + stage.drops().getOrDefault("gap-abandoned", 0L) + ", mold-gaps "
                        + after.other(stage.role(), "mold-gaps") + ")");
            }
        }
        return problems;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
