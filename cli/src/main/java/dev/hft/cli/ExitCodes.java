package dev.hft.cli;

/**
 * What an {@code hft} command's exit status means (docs/exit-codes.md). A run that lost data, left orders live or
 * disagrees with the venue never exits 0.
 */
public final class ExitCodes {

    /** Everything accounted for: every message decoded or counted as an expected drop, order entry reconciled. */
    public static final int OK = 0;
    /** The command failed to do its work: a start-up failure, an I/O error, a stage that halted the pipeline. */
    public static final int FAILURE = 1;
    /** The command line or the topology must be fixed; nothing ran. */
    public static final int USAGE = 2;
    /** Market data was lost: a gap stayed unfilled, frames or records could not be accounted for. */
    public static final int DATA_LOST = 3;
    /** Order entry is not reconciled: orders left live, orders of unknown fate, or positions that disagree with the venue. */
    public static final int ORDERS_UNRECONCILED = 4;
    /** Both {@link #DATA_LOST} and {@link #ORDERS_UNRECONCILED}. */
    public static final int DATA_LOST_AND_ORDERS_UNRECONCILED = 5;

    private ExitCodes() {
    }

    /** The status of a run that finished: the worst of what it found. */
    public static int of(boolean dataLost, boolean ordersUnreconciled) {
        if (dataLost && ordersUnreconciled) {
            return DATA_LOST_AND_ORDERS_UNRECONCILED;
        }
        return dataLost ? DATA_LOST : ordersUnreconciled ? ORDERS_UNRECONCILED : OK;
    }
}
