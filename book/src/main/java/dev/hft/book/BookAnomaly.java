package dev.hft.book;

/**
 * Why a book message could not be applied as written. Each is counted (never thrown) and the book stays
 * consistent: the message is skipped, or clamped where said.
 */
public enum BookAnomaly {
    /** E for an order reference not resting in this shard: normal when joined mid-day. */
    UNKNOWN_ORDER_E("anomaly.unknown_order_e"),
    UNKNOWN_ORDER_C("anomaly.unknown_order_c"),
    UNKNOWN_ORDER_X("anomaly.unknown_order_x"),
    UNKNOWN_ORDER_D("anomaly.unknown_order_d"),
    UNKNOWN_ORDER_U("anomaly.unknown_order_u"),
    /** The reference rests under a different stock locate than the message names: treated as unknown. */
    LOCATE_MISMATCH("anomaly.locate_mismatch"),
    /** E or C for more shares than rest: clamped, the order leaves the book. */
    EXECUTE_OVERSIZE("anomaly.execute_oversize"),
    /** X for more shares than rest: clamped, the order leaves the book. */
    CANCEL_OVERSIZE("anomaly.cancel_oversize"),
    /** A or F for a reference that is still resting: the add is skipped, the resting order kept. */
    DUPLICATE_ADD("anomaly.duplicate_add"),
    /** U whose new reference is already resting: the original is removed, the new order is not added. */
    REPLACE_NEW_REF_LIVE("anomaly.replace_new_ref_live"),
    /** A, F or U adding 0 shares: nothing is added (U still removes its original). */
    ZERO_SHARES("anomaly.zero_shares"),
    /** A, F buy/sell indicator neither 'B' nor 'S': skipped. */
    INVALID_SIDE("anomaly.invalid_side"),
    /** A book was first used by a locate no R (Stock Directory) declared: it works, named "#locate". */
    UNDECLARED_LOCATE("anomaly.undeclared_locate");

    private final String counterName;

    BookAnomaly(String counterName) {
        this.counterName = counterName;
    }

    /** The counter label, for example {@code anomaly.unknown_order_d}. */
    public String counterName() {
        return counterName;
    }
}
