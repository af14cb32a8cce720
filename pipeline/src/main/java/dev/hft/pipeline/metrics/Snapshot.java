package dev.hft.pipeline.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.agrona.concurrent.status.CountersReader;

/**
 * Every counter of one pipeline at one instant, grouped the way the runtime labels them (docs/observability.md):
 * {@code <role>.events_in|events_out|batches|idle_cycles|errors} per stage instance,
 * {@code ring.<ring>.published|capacity|consumed_by.<role>} per ring replica, {@code <role>.drop.<reason>} and
 * {@code <role>.loss} per decode stage, and any other {@code <role>.<name>} a stage made. A role has no dot, so a
 * label's first dot ends it.
 */
public record Snapshot(long nanos, Map<String, Stage> stages, Map<String, Ring> rings, List<Counter> others) {

    /** @param lost what the stage lost ({@code <role>.loss}: drops that lose data, sequence numbers never filled) */
    public record Stage(String role, long eventsIn, long eventsOut, long batches, long idleCycles, long errors,
            Map<String, Long> drops, long lost) {
        public long dropTotal() {
            return drops.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** capacity is 0 when the file does not say (counters written without {@link Observability}). */
    public record Ring(String name, long published, long capacity, Map<String, Long> consumedBy) {
        public long slowestConsumed() {
            return consumedBy.values().stream().mapToLong(Long::longValue).min().orElse(published);
        }

        public long fill() {
            return Math.max(0, published - slowestConsumed());
        }

        public boolean full() {
            return capacity > 0 && fill() >= capacity;
        }
    }

    /** A stage's own counter (for example {@code egress.sent.enter}): role, name, value. */
    public record Counter(String role, String name, long value) {
    }

    static final String RING_PREFIX = "ring.";
    static final String CONSUMED_BY = ".consumed_by.";
    static final String DROP_PREFIX = "drop.";
    static final String LOSS = "loss";

    public static Snapshot read(CountersReader reader, long nanos) {
        Map<String, long[]> stageValues = new TreeMap<>();
        Map<String, Map<String, Long>> stageDrops = new TreeMap<>();
        Map<String, long[]> ringValues = new TreeMap<>();
        Map<String, Map<String, Long>> consumed = new TreeMap<>();
        List<Counter> others = new ArrayList<>();
        reader.forEach((long value, int id, String label) -> {
            if (label.startsWith(RING_PREFIX)) {
                String rest = label.substring(RING_PREFIX.length());
                int by = rest.indexOf(CONSUMED_BY);
                if (by > 0) {
                    consumed.computeIfAbsent(rest.substring(0, by), k -> new TreeMap<>())
                            .put(rest.substring(by + CONSUMED_BY.length()), value);
                } else if (rest.endsWith(".published")) {
                    ringValues.computeIfAbsent(rest.substring(0, rest.length() - 10), k -> new long[2])[0] = value;
                } else if (rest.endsWith(".capacity")) {
                    ringValues.computeIfAbsent(rest.substring(0, rest.length() - 9), k -> new long[2])[1] = value;
                }
                return;
            }
            int dot = label.indexOf('.');
            if (dot <= 0) {
                return;
            }
            String role = label.substring(0, dot);
            String name = label.substring(dot + 1);
            int slot = switch (name) {
                case "events_in" -> 0;
                case "events_out" -> 1;
                case "batches" -> 2;
                case "idle_cycles" -> 3;
                case "errors" -> 4;
                case LOSS -> 5;
                default -> -1;
            };
            if (slot >= 0) {
                stageValues.computeIfAbsent(role, k -> new long[6])[slot] = value;
            } else if (name.startsWith(DROP_PREFIX)) {
                stageDrops.computeIfAbsent(role, k -> new TreeMap<>()).put(name.substring(DROP_PREFIX.length()), value);
            } else {
                others.add(new Counter(role, name, value));
            }
        });
        stageDrops.keySet().forEach(role -> stageValues.computeIfAbsent(role, k -> new long[6]));
        Map<String, Stage> stages = new TreeMap<>();
        stageValues.forEach((role, v) -> stages.put(role,
                new Stage(role, v[0], v[1], v[2], v[3], v[4], stageDrops.getOrDefault(role, Map.of()), v[5])));
        Map<String, Ring> rings = new TreeMap<>();
        ringValues.forEach((name, v) -> rings.put(name, new Ring(name, v[0], v[1], consumed.getOrDefault(name, Map.of()))));
        return new Snapshot(nanos, stages, rings, others);
    }

    /** The ring this stage consumes, or null for a source. */
    public Ring inputOf(String role) {
        return rings.values().stream().filter(r -> r.consumedBy().containsKey(role)).findFirst().orElse(null);
    }

    public long totalDrops() {
        return stages.values().stream().mapToLong(Stage::dropTotal).sum();
    }

    /** What every stage lost. */
    public long totalLost() {
        return stages.values().stream().mapToLong(Stage::lost).sum();
    }

    /** The value of a stage's own counter, or 0 when it has none. */
    public long other(String role, String name) {
        return others.stream().filter(c -> c.role().equals(role) && c.name().equals(name)).mapToLong(Counter::value)
                .findFirst().orElse(0);
    }
}
