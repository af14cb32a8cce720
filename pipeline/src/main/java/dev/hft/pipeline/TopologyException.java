package dev.hft.pipeline;

/** A problem in the topology file at a YAML path, phrased for the person who wrote the file. */
public final class TopologyException extends RuntimeException {

    private final String yamlPath;

    public TopologyException(String yamlPath, String message) {
        super(yamlPath + ": " + message);
        this.yamlPath = yamlPath;
    }

    public String yamlPath() {
        return yamlPath;
    }
}
