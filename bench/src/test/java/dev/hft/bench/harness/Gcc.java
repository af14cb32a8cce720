package dev.hft.bench.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;

import org.junit.jupiter.api.Assumptions;

/** gcc must be present under CI=true (`./hft test` installs it); elsewhere a test without it is skipped with the reason. */
public final class Gcc {

    private Gcc() {
    }

    public static void require() throws InterruptedException {
        boolean present;
        try {
            present = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("gcc is not installed (CI=true): the C baselines cannot be built");
        }
        Assumptions.assumeTrue(present, "gcc is not installed: the C baselines cannot be built");
    }
}
