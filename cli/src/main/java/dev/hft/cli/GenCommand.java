package dev.hft.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.hft.venue.gen.FeedGenerator;
import dev.hft.wire.itch.ItchMessages;

/**
 * {@code hft gen}: a synthetic TotalView-ITCH 5.0 day from {@link FeedGenerator}, deterministic per seed,
 * written as {@code <out>/<name>.itch} (BinaryFILE) and {@code <out>/<name>.pcap} (MoldUDP64 over UDP/IPv4/Ethernet)
 * holding the same messages, both written as the messages are generated (memory stays bounded for a day of any
 * size). Prints the files, their sizes and the message count per type; a progress bar on a terminal.
 */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = "Generate a synthetic ITCH 5.0 day as a BinaryFILE and a MoldUDP64 pcap (same messages).")
public final class GenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", required = true, paramLabel = "N", description = "Total messages.")
    long messages;

    @Option(names = "--symbols", required = true, paramLabel = "K", description = "Stock locates 1..K (2..65535).")
    int symbols;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}); same seed, same bytes.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "File name without extension (default: gen-<N>-<K>-<S>).")
    String name;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (symbols < 2 || symbols > 65535) {
            err.println("hft gen: --symbols must be in 2..65535, found " + symbols);
            return Main.USAGE;
        }
        if (messages < FeedGenerator.minimumMessages(symbols)) {
            err.println("hft gen: " + messages + " messages are too few for " + symbols + " symbols: at least "
                    + FeedGenerator.minimumMessages(symbols));
            return Main.USAGE;
        }
        String base = name != null ? name : "gen-" + messages + "-" + symbols + "-" + seed;
        if (base.isBlank() || base.contains("/")) {
            err.println("hft gen: --name must be a plain file name, found '" + base + "'");
            return Main.USAGE;
        }
        long start = System.nanoTime();
        FeedGenerator.Summary summary;
        try (ProgressBar bar = progress || ReplayCommand.stderrIsTerminal() ? progressBar() : null) {
            summary = FeedGenerator.write(new FeedGenerator.Options(messages, symbols, seed), out, base,
                    bar == null ? written -> { } : bar::stepTo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.printf("generated %,d messages over %d symbols, seed %d, in %.2f s%n", summary.messages(), symbols, seed, seconds);
        for (String extension : new String[] {".itch", ".pcap"}) {
            Path file = out.resolve(base + extension);
            stdout.printf("  %s  %,d bytes%n", file, size(file));
        }
        StringBuilder counts = new StringBuilder("by type:");
        for (char type : ItchMessages.TYPES.toCharArray()) {
            counts.append(String.format(" %c %,d", type, summary.count(type)));
        }
        stdout.println(counts);
        return 0;
    }

    private ProgressBar progressBar() {
        return new ProgressBarBuilder().setTaskName("gen").setInitialMax(messages).setUnit(" msg", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
