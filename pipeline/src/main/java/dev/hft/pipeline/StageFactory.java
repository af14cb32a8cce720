package dev.hft.pipeline;

/**
 * Builds the stages of one {@code kind:} of the topology file (for example {@code ingress}, {@code book}),
 * found through {@link java.util.ServiceLoader}. A factory returns either a {@link Stage} (a source) or an
 * {@link EventStage} (fed from the stage's input ring).
 */
public interface StageFactory {

    /** The value of {@code kind:} this factory builds. */
    String kind();

    /** The event type name this kind consumes on its input ring, or null for a source. */
    String inputEvent();

    /**
     * Checks the stage's parameters before anything is built; every problem goes to {@code problems}
     * with the parameter's name.
     */
    default void validate(Params params, java.util.function.BiConsumer<String, String> problems) {
    }

    /** Builds one instance (one shard, one RX queue). */
    Object create(StageContext context) throws Exception;
}
