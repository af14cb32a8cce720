package dev.hft.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hft help [COMMAND...]}: the usage of the command named by the path (e.g. {@code help bench e2e}), or of
 * {@code hft}. picocli's own help command is not used because it is final and cannot take the inherited {@code -V}.
 */
@Command(name = "help", helpCommand = true, description = "Show the usage of a command, e.g. `hft help run` or `hft help bench e2e`.")
final class HelpCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command (and subcommand) to describe.")
    List<String> path = List.of();

    @Override
    public Integer call() {
        CommandLine target = spec.parent().commandLine();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                spec.commandLine().getErr().println("hft help: no command '" + String.join(" ", path) + "'; commands of "
                        + target.getCommandName() + ": " + String.join(", ", target.getSubcommands().keySet()));
                return Main.USAGE;
            }
            target = next;
        }
        target.usage(spec.commandLine().getOut());
        return 0;
    }
}
