package dev.hft.pipeline.metrics;

/** The one-line status: source rate, total drops and what was lost, fullest ring, orders sent, stage errors. */
public final class StatusLine {

    private StatusLine() {
    }

    public static String format(Snapshot before, Snapshot after) {
        double seconds = Math.max(1e-9, (after.nanos() - before.nanos()) / 1e9);
        long fullestPercent = 0;
        String fullest = "-";
        for (Snapshot.Ring r : after.rings().values()) {
            long percent = r.capacity() > 0 ? r.fill() * 100 / r.capacity() : 0;
            if (fullest.equals("-") || percent > fullestPercent) {
                fullestPercent = percent;
                fullest = r.name();
            }
        }
        long errors = after.stages().values().stream().mapToLong(Snapshot.Stage::errors).sum();
        return String.format("status: %.0f msg/s, drops %d, lost %d, ring max fill %d%% (%s), orders %d, errors %d",
                (sourceOut(after) - sourceOut(before)) / seconds, after.totalDrops(), after.totalLost(), fullestPercent,
                fullest, orders(after), errors);
    }

    /** Events published by stages without an input ring: what entered the pipeline. */
    static long sourceOut(Snapshot s) {
        return s.stages().values().stream().filter(st -> s.inputOf(st.role()) == null)
                .mapToLong(Snapshot.Stage::eventsOut).sum();
    }

    /** Orders sent by egress stages ({@code sent-*} counters). */
    static long orders(Snapshot s) {
        return s.others().stream().filter(c -> c.name().startsWith("sent.")).mapToLong(Snapshot.Counter::value).sum();
    }
}
