package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Every command and subcommand of {@code hft} answers -h, --help, -V and --version, and does nothing else. */
class CommandTreeTest {

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> longer = new ArrayList<>(path);
            longer.add(name);
            collect(sub, longer, into);
        });
    }

    @Test
    void everyCommandTakesHelpAndVersion() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), List.of(), paths);
        List<String> names = paths.stream().map(p -> String.join(" ", p)).toList();
        for (String expected : new String[] {"run", "validate", "venue", "replay", "gen", "stats", "bench", "bench jmh",
                "bench e2e-pipeline", "help"}) {
            assertTrue(names.contains(expected), "the tree has " + expected + ": " + names);
        }
        List<String> failures = new ArrayList<>();
        for (List<String> path : paths) {
            String usage = "Usage: " + String.join(" ", prepend("hft", path));
            for (String flag : new String[] {"-h", "--help", "-V", "--version"}) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CliRun r = CliRun.of(args);
                boolean help = flag.contains("h");
                boolean ok = r.code() == 0 && r.err().isEmpty()
                        && (help ? r.out().startsWith(usage) || r.out().contains("\n" + usage) : r.out().matches("hft \\S.*, Java .*\\R"));
                if (!ok) {
                    failures.add("hft " + String.join(" ", args) + " -> exit " + r.code() + ", out: " + r.out().lines().findFirst()
                            .orElse("") + ", err: " + r.err().lines().findFirst().orElse(""));
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void helpNamesACommandPath() {
        CliRun r = CliRun.of(List.of("help", "bench", "e2e-pipeline"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: hft bench e2e-pipeline"), r.out());
        CliRun bad = CliRun.of(List.of("help", "nosuch"));
        assertEquals(Main.USAGE, bad.code());
        assertTrue(bad.err().contains("no command 'nosuch'") && bad.err().contains("run"), bad.err());
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }
}
