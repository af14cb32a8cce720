package dev.hft.pipeline;

/**
 * Control codes shared by every event type, so a halt means the same on any ring.
 *
 * <p>Control reaches a stage as an ordinary event on its own input ring, in order with the data before it
 * (an actor never gets called from another thread). How an event says "I am control" is the event type's
 * business: {@code ItchEvent.kind == CONTROL} with {@code ItchEvent.control} one of these codes,
 * {@code SyntheticEvent.control != NONE}. The runtime itself does not read events; stopping the whole
 * pipeline goes through {@link StageContext#requestHalt(String)} and the pipeline's stop, which drain rings.
 */
public final class Control {

    public static final int NONE = 0;
    /** Stop acting (a strategy stops sending orders) but keep consuming, so upstream stays drained. */
    public static final int HALT = 1;
    /** Resume after {@link #HALT}. */
    public static final int RESUME = 2;
    /** Cancel everything working and refuse new orders until a human resets it. */
    public static final int KILL_SWITCH = 3;

    private Control() {
    }

    public static String name(int code) {
        return switch (code) {
            case NONE -> "none";
            case HALT -> "halt";
            case RESUME -> "resume";
            case KILL_SWITCH -> "kill-switch";
            default -> "control-" + code;
        };
    }
}
