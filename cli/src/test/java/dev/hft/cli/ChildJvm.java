package dev.hft.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
