package dev.hft.pipeline.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares two snapshots of the same run taken an interval apart and says what is wrong: a stage stalled
 * (its input ring held events at both reads and its consumed count did not move), a ring full, or a feed that
 * lost data ({@code <role>.loss}: gaps never filled, frames or messages that could not be decoded). Gaps that were
 * recovered, duplicates arbitrated on A/B lines and traffic the allow-lists exclude are not problems. An empty list
 * means healthy.
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
            if (stage.lost() > 0) {
                Snapshot.Stage earlier = before.stages().get(stage.role());
                long recent = stage.lost() - (earlier == null ? 0 : earlier.lost());
                problems.add("feed " + stage.role() + " lost " + stage.lost() + " (" + recent + " in the last "
                        + millis(after.nanos() - before.nanos()) + " ms; mold.lost " + after.other(stage.role(), "mold.lost")
                        + ", mold.recovered " + after.other(stage.role(), "mold.recovered") + ")");
            }
        }
        return problems;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
