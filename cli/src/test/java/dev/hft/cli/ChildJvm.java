package dev.hft.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line of a child JVM running {@code hft}: this test JVM's module, native-access and Chronicle flags, its class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java <flags> <jvmOptions> -cp <class path> dev.hft.cli.Main <args>}. */
    static List<String> hft(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("--enable-native-access") || flag.startsWith("--sun-misc")
                    || flag.startsWith("-Dchronicle")) {
                command.add(flag);
            }
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.hft.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Waits (bounded) for a line of {@code log} matching {@code pattern}; its first group, or null if the process ended. */
    static String awaitLine(Process p, Path log, Pattern pattern, long timeoutMs) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() - deadline < 0) {
            Matcher m = pattern.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!p.isAlive()) {
                return null;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line " + pattern + " in " + log + " within " + timeoutMs + " ms:\n" + Files.readString(log));
    }
}
