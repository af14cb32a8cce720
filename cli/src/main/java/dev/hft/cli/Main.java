package dev.hft.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

import dev.hft.pipeline.TopologyException;

/**
 * {@code hft}: the launcher. Each subcommand is its own class registered in {@link Command#subcommands()}.
 * {@code -h/--help} and {@code -V/--version} are inherited by every command and subcommand
 * ({@link ScopeType#INHERIT}).
 */
@Command(name = "hft", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, scope = ScopeType.INHERIT,
        description = "Kernel-bypass ITCH -> book -> strategy -> OUCH pipeline on the JVM.",
        subcommands = {RunCommand.class, VenueCommand.class, ValidateCommand.class, StatsCommand.class, ReplayCommand.class,
                GenCommand.class, BenchCommand.class, HelpCommand.class, AotTrainCommand.class})
public final class Main implements Runnable {

    /** Exit code for a topology or command line the user must fix. */
    static final int USAGE = ExitCodes.USAGE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        AotCache.noteIfRefused(err);
        System.exit(commandLine(new PrintWriter(System.out, true), err).execute(args));
    }

    /** The configured command line, writing to the given streams (tests pass their own). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof TopologyException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("hft: " + e.getMessage());
                return USAGE;
            }
            throw e;
        });
        return cl;
    }

    /** The jar's Implementation-Version (the Maven project version) and the JVM running it. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"hft " + (version != null ? version : "(classes, not a packaged jar)") + ", Java "
                    + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
