package dev.hft.wire.itch;

/**
 * Receives decoded ITCH 5.0 messages from an {@link ItchDecoder}, one method per message type, named as in the
 * specification. The flyweight is only valid during the call: it is rewrapped for the next message.
 * Every method does nothing by default, so a consumer implements only the messages it reads.
 */
public interface ItchListener {

    /** {@code 'S'} System Event. */
    default void systemEvent(SystemEvent message) {
    }

    /** {@code 'R'} Stock Directory. */
    default void stockDirectory(StockDirectory message) {
    }

    /** {@code 'H'} Stock Trading Action. */
    default void stockTradingAction(StockTradingAction message) {
    }

    /** {@code 'Y'} Reg SHO Short Sale Price Test Restricted Indicator. */
    default void regShoRestriction(RegShoRestriction message) {
    }

    /** {@code 'L'} Market Participant Position. */
    default void marketParticipantPosition(MarketParticipantPosition message) {
    }

    /** {@code 'V'} MWCB Decline Level. */
    default void mwcbDeclineLevel(MwcbDeclineLevel message) {
    }

    /** {@code 'W'} MWCB Status. */
    default void mwcbStatus(MwcbStatus message) {
    }

    /** {@code 'K'} IPO Quoting Period Update. */
    default void ipoQuotingPeriodUpdate(IpoQuotingPeriodUpdate message) {
    }

    /** {@code 'J'} LULD Auction Collar. */
    default void luldAuctionCollar(LuldAuctionCollar message) {
    }

    /** {@code 'h'} Operational Halt. */
    default void operationalHalt(OperationalHalt message) {
    }

    /** {@code 'A'} Add Order (no MPID attribution). */
    default void addOrder(AddOrder message) {
    }

    /** {@code 'F'} Add Order with MPID attribution. */
    default void addOrderMpid(AddOrderMpid message) {
    }

    /** {@code 'E'} Order Executed. */
    default void orderExecuted(OrderExecuted message) {
    }

    /** {@code 'C'} Order Executed With Price. */
    default void orderExecutedWithPrice(OrderExecutedWithPrice message) {
    }

    /** {@code 'X'} Order Cancel. */
    default void orderCancel(OrderCancel message) {
    }

    /** {@code 'D'} Order Delete. */
    default void orderDelete(OrderDelete message) {
    }

    /** {@code 'U'} Order Replace. */
    default void orderReplace(OrderReplace message) {
    }

    /** {@code 'P'} Trade (non-cross). */
    default void trade(Trade message) {
    }

    /** {@code 'Q'} Cross Trade. */
    default void crossTrade(CrossTrade message) {
    }

    /** {@code 'B'} Broken Trade. */
    default void brokenTrade(BrokenTrade message) {
    }

    /** {@code 'I'} Net Order Imbalance Indicator (NOII). */
    default void netOrderImbalanceIndicator(NetOrderImbalanceIndicator message) {
    }

    /** {@code 'N'} Retail Price Improvement Indicator (RPII). */
    default void retailPriceImprovementIndicator(RetailPriceImprovementIndicator message) {
    }

    /** {@code 'O'} Direct Listing with Capital Raise Price Discovery. */
    default void directListingWithCapitalRaisePriceDiscovery(DirectListingWithCapitalRaisePriceDiscovery message) {
    }
}
