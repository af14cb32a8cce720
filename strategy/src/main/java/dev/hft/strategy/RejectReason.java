package dev.hft.strategy;

/**
 * Why an order intent did not reach the venue (every value but {@link #VENUE}), or that the venue refused it.
 * {@link Orders} calls return {@link #code()} (a negative number) on reject; {@link #of(long)} maps it back.
 */
public enum RejectReason {
    /** The venue sent an OUCH Rejected; its reason byte comes with the callback. */
    VENUE,
    /** The kill switch is engaged: no new orders or replaces. */
    KILL_SWITCH,
    /** The stage got a HALT control: no new orders or replaces until RESUME. */
    HALTED,
    /** Side not B/S/T/E, shares or price not positive, price above the OUCH maximum, negative time in force. */
    INVALID_ORDER,
    /** No stock symbol known for the locate yet (no book event named it), so no OUCH Stock field. */
    UNKNOWN_SYMBOL,
    /** Replace or cancel of a token that is not open. */
    UNKNOWN_ORDER,
    /**
     * Replace or cancel of an order that already has a replace or cancel in flight (or of the replacement token
     * itself, before the venue confirms the replace).
     */
    ORDER_PENDING,
    ORDER_SIZE,
    NOTIONAL,
    /** The price collar needs a two-sided BBO and there is none (and the limits do not allow that). */
    NO_BBO,
    PRICE_COLLAR,
    OPEN_ORDERS,
    POSITION,
    THROTTLE,
    /** The token is not above every token this session has already used or seen from the venue. */
    DUPLICATE_TOKEN,
    TOKENS_EXHAUSTED,
    /** The egress ring had no free slot. */
    EGRESS_FULL,
    /**
     * After a restart, orders the journal shows open are being resolved with the venue (cancelled, each answer
     * awaited): no new orders or replaces until every one is known.
     */
    RECOVERING,
    /** Egress could not send the command (not logged in, no room in the frame, the frame's send failed). */
    NOT_SENT,
    /** The order-entry journal could not record the intent: it was not sent, and the kill switch is engaged. */
    JOURNAL_FAILED;

    private static final RejectReason[] VALUES = values();

    /** The negative result an {@link Orders} call returns for this reason. */
    public long code() {
        return -1L - ordinal();
    }

    /** The reason behind a negative {@link Orders} result, or null for a non-negative one (a token). */
    public static RejectReason of(long result) {
        return result >= 0 ? null : VALUES[(int) (-1L - result)];
    }

    /** The counter label of this reason, {@code rejected.<reason>}. */
    public String counterName() {
        return "rejected." + name().toLowerCase();
    }
}
