package dev.hft.wire.itch;

/** The ITCH 5.0 message types and their one length table. */
public final class ItchMessages {

    /** Every ITCH 5.0 message type, in the specification's order. */
    public static final String TYPES = "SRHYLVWKJhAFECXDUPQBINO";

    /** The longest message, Net Order Imbalance Indicator ({@code 'I'}). */
    public static final int MAX_LENGTH = NetOrderImbalanceIndicator.LENGTH;

    private static final int[] LENGTHS = new int[256];

    static {
        register(SystemEvent.MESSAGE_TYPE, SystemEvent.LENGTH);
        register(StockDirectory.MESSAGE_TYPE, StockDirectory.LENGTH);
        register(StockTradingAction.MESSAGE_TYPE, StockTradingAction.LENGTH);
        register(RegShoRestriction.MESSAGE_TYPE, RegShoRestriction.LENGTH);
        register(MarketParticipantPosition.MESSAGE_TYPE, MarketParticipantPosition.LENGTH);
        register(MwcbDeclineLevel.MESSAGE_TYPE, MwcbDeclineLevel.LENGTH);
        register(MwcbStatus.MESSAGE_TYPE, MwcbStatus.LENGTH);
        register(IpoQuotingPeriodUpdate.MESSAGE_TYPE, IpoQuotingPeriodUpdate.LENGTH);
        register(LuldAuctionCollar.MESSAGE_TYPE, LuldAuctionCollar.LENGTH);
        register(OperationalHalt.MESSAGE_TYPE, OperationalHalt.LENGTH);
        register(AddOrder.MESSAGE_TYPE, AddOrder.LENGTH);
        register(AddOrderMpid.MESSAGE_TYPE, AddOrderMpid.LENGTH);
        register(OrderExecuted.MESSAGE_TYPE, OrderExecuted.LENGTH);
        register(OrderExecutedWithPrice.MESSAGE_TYPE, OrderExecutedWithPrice.LENGTH);
        register(OrderCancel.MESSAGE_TYPE, OrderCancel.LENGTH);
        register(OrderDelete.MESSAGE_TYPE, OrderDelete.LENGTH);
        register(OrderReplace.MESSAGE_TYPE, OrderReplace.LENGTH);
        register(Trade.MESSAGE_TYPE, Trade.LENGTH);
        register(CrossTrade.MESSAGE_TYPE, CrossTrade.LENGTH);
        register(BrokenTrade.MESSAGE_TYPE, BrokenTrade.LENGTH);
        register(NetOrderImbalanceIndicator.MESSAGE_TYPE, NetOrderImbalanceIndicator.LENGTH);
        register(RetailPriceImprovementIndicator.MESSAGE_TYPE, RetailPriceImprovementIndicator.LENGTH);
        register(DirectListingWithCapitalRaisePriceDiscovery.MESSAGE_TYPE,
                DirectListingWithCapitalRaisePriceDiscovery.LENGTH);
    }

    private ItchMessages() {
    }

    private static void register(byte type, int length) {
        LENGTHS[type & 0xFF] = length;
    }

    /** The total length of a message of {@code type}, type byte included; 0 for an unknown type. */
    public static int length(byte type) {
        return LENGTHS[type & 0xFF];
    }
}
