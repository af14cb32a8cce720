package dev.hft.pipeline.topology;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem the single validation pass found, errors first, in file order within each group. */
public record ValidationReport(String source, List<Problem> problems) {

    public ValidationReport {
        problems = problems.stream()
                .sorted(java.util.Comparator.comparing(Problem::severity).thenComparingInt(Problem::line))
                .toList();
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** The report as the CLI prints it: one line per problem, then a count. */
    public String format() {
        String lines = problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
        String counts = source + ": " + errors().size() + " error(s), " + warnings().size() + " warning(s)";
        return lines.isEmpty() ? counts : lines + "\n" + counts;
    }
}
