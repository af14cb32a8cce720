package dev.hft.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;

/**
 * What one ingress stage read and what became of it, from its counters: frames (or BinaryFILE records) read and
 * decoded, drops by reason, the Mold sequence counters, and what was lost. The frames read must equal the frames
 * decoded plus the frames dropped (for a BinaryFILE: the records read, the messages routed plus the messages
 * dropped); when they do not, that is reported as a loss too.
 */
public record IngressReport(String role, long read, long decoded, boolean records, long messages,
        Map<String, Long> drops, Map<String, Long> sequence, long loss, String accountingProblem) {

    /** Every stage that publishes a {@value DropCounters#LOSS} counter, from labels {@code role.name} to values. */
    public static List<IngressReport> of(Map<String, Long> counters) {
        List<IngressReport> out = new ArrayList<>();
        counters.keySet().stream().filter(label -> label.endsWith("." + DropCounters.LOSS))
                .map(label -> label.substring(0, label.length() - DropCounters.LOSS.length() - 1)).sorted()
                .forEach(role -> out.add(of(role, counters)));
        return out;
    }

    public static IngressReport of(String role, Map<String, Long> counters) {
        String prefix = role + ".";
        Map<String, Long> mine = new TreeMap<>();
        counters.forEach((label, value) -> {
            if (label.startsWith(prefix)) {
                mine.put(label.substring(prefix.length()), value);
            }
        });
        Map<String, Long> drops = new LinkedHashMap<>();
        long frameDrops = 0;
        long messageDrops = 0;
        for (DropReason reason : DropReason.values()) {
            long n = mine.getOrDefault(reason.counterName(), 0L);
            if (n != 0) {
                drops.put(reason.counterName().substring("drop.".length()), n);
            }
            if (reason.level() == DropReason.Level.FRAME) {
                frameDrops += n;
            } else if (reason.level() == DropReason.Level.MESSAGE && reason != DropReason.GAP_BUFFER_FULL
                    && reason != DropReason.UNDELIVERED_AT_STOP) {
                messageDrops += n;
            }
        }
        Map<String, Long> sequence = new LinkedHashMap<>();
        for (String name : List.of("gaps", "missing", "recovered", "lost", "duplicates", "requests", "trailing_bytes")) {
            long sum = 0;
            for (Map.Entry<String, Long> e : mine.entrySet()) {
                if (e.getKey().equals("mold." + name) || e.getKey().matches("session\\.\\d+\\.mold\\." + name)) {
                    sum += e.getValue();
                }
            }
            if (sum != 0) {
                sequence.put(name, sum);
            }
        }
        long messages = mine.entrySet().stream().filter(e -> e.getKey().startsWith("messages.")).mapToLong(Map.Entry::getValue).sum();
        boolean records = mine.containsKey("records.read");
        long read = records ? mine.get("records.read") : mine.getOrDefault("frames.read", 0L);
        long decoded = records ? messages : mine.getOrDefault("frames.decoded", 0L);
        long accounted = decoded + (records ? messageDrops : frameDrops);
        String problem = read == accounted ? null : String.format("%,d %s read but %,d decoded + %,d dropped = %,d", read,
                records ? "records" : "frames", decoded, records ? messageDrops : frameDrops, accounted);
        return new IngressReport(role, read, decoded, records, messages, drops, sequence, mine.getOrDefault(DropCounters.LOSS, 0L),
                problem);
    }

    /** Data was lost: a loss was counted, or the input does not add up. */
    public boolean lostData() {
        return loss > 0 || accountingProblem != null;
    }

    /** A few lines: the accounting, the drops, the sequence counters, and the verdict. */
    public String format() {
        StringBuilder out = new StringBuilder();
        long dropped = drops.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format("%s: %,d %s read, %,d decoded; %,d messages routed%n", role, read, records ? "records" : "frames",
                decoded, messages));
        out.append("  drops: ").append(dropped == 0 ? "none" : describe(drops)).append('\n');
        if (!sequence.isEmpty()) {
            out.append("  sequence: ").append(describe(sequence)).append('\n');
        }
        if (accountingProblem != null) {
            out.append("  ACCOUNTING: ").append(accountingProblem).append('\n');
        }
        out.append(loss > 0 ? String.format("  DATA LOST: %,d (drops that lose data, and sequence numbers never filled)%n", loss)
                : "  nothing lost\n");
        return out.toString();
    }

    private static String describe(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder();
        counts.forEach((name, n) -> out.append(out.isEmpty() ? "" : ", ").append(name).append(' ').append(String.format("%,d", n)));
        return out.toString();
    }
}
