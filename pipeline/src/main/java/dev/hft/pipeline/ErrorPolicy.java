package dev.hft.pipeline;

/** What the runtime does when a stage throws: count it and skip the event, or halt the whole pipeline. */
public enum ErrorPolicy {
    SKIP,
    HALT
}
