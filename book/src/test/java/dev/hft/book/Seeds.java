package dev.hft.book;

import java.util.stream.LongStream;

/**
 * Seeds for the randomized tests: {@code 1..count}, the same on every run, or only the one given with
 * {@code -Dhft.seed=N} to replay a failure. A failing seed is in the test's name ({@code seed 17}) and in its message.
 */
final class Seeds {

    private Seeds() {
    }

    static LongStream upTo(int count) {
        String one = System.getProperty("hft.seed");
        return one != null ? LongStream.of(Long.parseLong(one.trim())) : LongStream.rangeClosed(1, count);
    }

    /** Runs {@code check}; a failure is rethrown naming the seed and how to replay it alone. */
    static void check(long seed, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + " (replay it alone with -Dhft.seed=" + seed + "): " + e.getMessage(), e);
        }
    }
}
