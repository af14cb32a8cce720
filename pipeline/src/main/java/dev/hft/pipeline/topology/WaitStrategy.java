package dev.hft.pipeline.topology;

/** What a thread does after a full round over its stages found no work. */
public enum WaitStrategy {
    /** Spin on the core: lowest latency, burns the core; wants an isolated core of its own. */
    BUSY_SPIN("busy-spin"),
    /** {@link Thread#yield()} between rounds. */
    YIELD("yield"),
    /** Spin, then yield, then park with growing sleeps (agrona BackoffIdleStrategy): the default. */
    BACKOFF("backoff"),
    /** Sleep on the input ring's barrier until a producer signals (one stage per thread only). */
    BLOCKING("blocking");

    private final String yamlName;

    WaitStrategy(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static WaitStrategy of(String yamlName) {
        for (WaitStrategy w : values()) {
            if (w.yamlName.equals(yamlName)) {
                return w;
            }
        }
        return null;
    }
}
