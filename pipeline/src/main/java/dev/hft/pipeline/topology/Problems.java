package dev.hft.pipeline.topology;

/** Where a check reports what it found, each with its YAML path (the loader adds the line). */
public interface Problems {

    void error(String path, String message);

    void warn(String path, String message);

    /** {@code ", did you mean 'shards'?"} for the closest of {@code candidates}, else "": for unknown-key messages. */
    static String didYouMean(String word, java.util.Collection<String> candidates) {
        return Findings.didYouMean(word, candidates);
    }
}
