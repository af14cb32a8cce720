package dev.hft.pipeline.topology;

/**
 * One finding of the validation pass, at a YAML path ({@code stages[2].core}) and a 1-based line (0 when
 * the problem has no single place, such as a cycle).
 */
public record Problem(Severity severity, String path, int line, String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (isError() ? "error" : "warning") + ": " + path + (line > 0 ? " (line " + line + ")" : "") + ": " + message;
    }
}
