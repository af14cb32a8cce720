package dev.hft.cli;

import java.io.PrintWriter;

/**
 * Whether this JVM started from the AOT cache the {@code hft} launcher handed it (JEP 483/514/515: classes loaded and
 * linked, method profiles, from a training replay; docs/operations.md). The launcher passes {@code -XX:AOTCache=FILE}
 * with {@code -Dhft.aot.cache=FILE} and silences the JVM's own AOT logging; a JVM that refuses the cache (another JDK,
 * another build of the jar, other JVM options, a damaged file) runs without it, and {@code java.vm.info} then lacks
 * "sharing". This class turns that into one line.
 */
public final class AotCache {

    /** The system property naming the cache the launcher passed. */
    public static final String PROPERTY = "hft.aot.cache";
    /** Set by {@code ./hft warm} on the training run. */
    public static final String TRAINING_PROPERTY = "hft.aot.training";

    private AotCache() {
    }

    /** {@code used}, {@code refused}, {@code training} or {@code none} (no cache given, e.g. {@code HFT_AOT=off}). */
    public static String status() {
        if (System.getProperty(TRAINING_PROPERTY) != null) {
            return "training";
        }
        String cache = System.getProperty(PROPERTY);
        if (cache == null || cache.isEmpty()) {
            return "none";
        }
        return System.getProperty("java.vm.info", "").contains("sharing") ? "used" : "refused";
    }

    /** For the replay's warm-up line. */
    static String describe() {
        return switch (status()) {
            case "used" -> "AOT cache: used (" + System.getProperty(PROPERTY) + ")";
            case "refused" -> "AOT cache: refused by the JVM, started cold";
            case "training" -> "AOT cache: this is the training run";
            default -> "AOT cache: none";
        };
    }

    /** The one-line note when the JVM refused the cache; nothing otherwise. */
    static void noteIfRefused(PrintWriter err) {
        if (status().equals("refused")) {
            err.println("hft: the JVM refused the AOT cache " + System.getProperty(PROPERTY)
                    + " (another JDK, another build of the jar, other JVM options, or a damaged file); running without it. "
                    + "`./hft warm` trains a new one");
        }
    }
}
