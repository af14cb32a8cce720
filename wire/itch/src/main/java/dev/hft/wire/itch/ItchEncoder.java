package dev.hft.wire.itch;

import static dev.hft.wire.itch.ItchMessage.INT;
import static dev.hft.wire.itch.ItchMessage.LONG;
import static dev.hft.wire.itch.ItchMessage.SHORT;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;

/**
 * Writes complete ITCH 5.0 messages (header included) into a {@link MemorySegment} at an offset, one method per
 * message type, parameters in the specification's field order. Each returns the message's length. Used by tests,
 * generators and the venue simulator; the destination must have room ({@link ItchMessages#MAX_LENGTH} bytes
 * always suffice), else the segment's bounds check throws.
 */
public final class ItchEncoder {

    private ItchEncoder() {
    }

    private static void header(MemorySegment dst, long offset, byte type, int stockLocate, int trackingNumber,
            long timestamp) {
        dst.set(JAVA_BYTE, offset + ItchMessage.MESSAGE_TYPE_OFFSET, type);
        dst.set(SHORT, offset + ItchMessage.STOCK_LOCATE_OFFSET, (short) stockLocate);
        dst.set(SHORT, offset + ItchMessage.TRACKING_NUMBER_OFFSET, (short) trackingNumber);
        dst.set(SHORT, offset + ItchMessage.TIMESTAMP_OFFSET, (short) (timestamp >>> 32));
        dst.set(INT, offset + ItchMessage.TIMESTAMP_OFFSET + 2, (int) timestamp);
    }

    /** Writes a complete {@code 'S'} System Event; returns its length, 12. */
    public static int systemEvent(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, byte eventCode) {
        header(dst, offset, SystemEvent.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(JAVA_BYTE, offset + SystemEvent.EVENT_CODE_OFFSET, eventCode);
        return SystemEvent.LENGTH;
    }

    /** Writes a complete {@code 'R'} Stock Directory; returns its length, 39. */
    public static int stockDirectory(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long stock, byte marketCategory,
            byte financialStatusIndicator, long roundLotSize, byte roundLotsOnly, byte issueClassification,
            short issueSubType, byte authenticity, byte shortSaleThresholdIndicator, byte ipoFlag,
            byte luldReferencePriceTier, byte etpFlag, long etpLeverageFactor, byte inverseIndicator) {
        header(dst, offset, StockDirectory.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + StockDirectory.STOCK_OFFSET, stock);
        dst.set(JAVA_BYTE, offset + StockDirectory.MARKET_CATEGORY_OFFSET, marketCategory);
        dst.set(JAVA_BYTE, offset + StockDirectory.FINANCIAL_STATUS_INDICATOR_OFFSET, financialStatusIndicator);
        dst.set(INT, offset + StockDirectory.ROUND_LOT_SIZE_OFFSET, (int) roundLotSize);
        dst.set(JAVA_BYTE, offset + StockDirectory.ROUND_LOTS_ONLY_OFFSET, roundLotsOnly);
        dst.set(JAVA_BYTE, offset + StockDirectory.ISSUE_CLASSIFICATION_OFFSET, issueClassification);
        dst.set(SHORT, offset + StockDirectory.ISSUE_SUB_TYPE_OFFSET, issueSubType);
        dst.set(JAVA_BYTE, offset + StockDirectory.AUTHENTICITY_OFFSET, authenticity);
        dst.set(JAVA_BYTE, offset + StockDirectory.SHORT_SALE_THRESHOLD_INDICATOR_OFFSET,
                shortSaleThresholdIndicator);
        dst.set(JAVA_BYTE, offset + StockDirectory.IPO_FLAG_OFFSET, ipoFlag);
        dst.set(JAVA_BYTE, offset + StockDirectory.LULD_REFERENCE_PRICE_TIER_OFFSET, luldReferencePriceTier);
        dst.set(JAVA_BYTE, offset + StockDirectory.ETP_FLAG_OFFSET, etpFlag);
        dst.set(INT, offset + StockDirectory.ETP_LEVERAGE_FACTOR_OFFSET, (int) etpLeverageFactor);
        dst.set(JAVA_BYTE, offset + StockDirectory.INVERSE_INDICATOR_OFFSET, inverseIndicator);
        return StockDirectory.LENGTH;
    }

    /** Writes a complete {@code 'H'} Stock Trading Action; returns its length, 25. */
    public static int stockTradingAction(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long stock, byte tradingState, byte reserved,
            int reason) {
        header(dst, offset, StockTradingAction.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + StockTradingAction.STOCK_OFFSET, stock);
        dst.set(JAVA_BYTE, offset + StockTradingAction.TRADING_STATE_OFFSET, tradingState);
        dst.set(JAVA_BYTE, offset + StockTradingAction.RESERVED_OFFSET, reserved);
        dst.set(INT, offset + StockTradingAction.REASON_OFFSET, reason);
        return StockTradingAction.LENGTH;
    }

    /** Writes a complete {@code 'Y'} Reg SHO Short Sale Price Test Restricted Indicator; returns its length, 20. */
    public static int regShoRestriction(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long stock, byte regShoAction) {
        header(dst, offset, RegShoRestriction.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + RegShoRestriction.STOCK_OFFSET, stock);
        dst.set(JAVA_BYTE, offset + RegShoRestriction.REG_SHO_ACTION_OFFSET, regShoAction);
        return RegShoRestriction.LENGTH;
    }

    /** Writes a complete {@code 'L'} Market Participant Position; returns its length, 26. */
    public static int marketParticipantPosition(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, int mpid, long stock, byte primaryMarketMaker,
            byte marketMakerMode, byte marketParticipantState) {
        header(dst, offset, MarketParticipantPosition.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(INT, offset + MarketParticipantPosition.MPID_OFFSET, mpid);
        dst.set(LONG, offset + MarketParticipantPosition.STOCK_OFFSET, stock);
        dst.set(JAVA_BYTE, offset + MarketParticipantPosition.PRIMARY_MARKET_MAKER_OFFSET, primaryMarketMaker);
        dst.set(JAVA_BYTE, offset + MarketParticipantPosition.MARKET_MAKER_MODE_OFFSET, marketMakerMode);
        dst.set(JAVA_BYTE, offset + MarketParticipantPosition.MARKET_PARTICIPANT_STATE_OFFSET,
                marketParticipantState);
        return MarketParticipantPosition.LENGTH;
    }

    /** Writes a complete {@code 'V'} MWCB Decline Level; returns its length, 35. */
    public static int mwcbDeclineLevel(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long level1, long level2, long level3) {
        header(dst, offset, MwcbDeclineLevel.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + MwcbDeclineLevel.LEVEL1_OFFSET, level1);
        dst.set(LONG, offset + MwcbDeclineLevel.LEVEL2_OFFSET, level2);
        dst.set(LONG, offset + MwcbDeclineLevel.LEVEL3_OFFSET, level3);
        return MwcbDeclineLevel.LENGTH;
    }

    /** Writes a complete {@code 'W'} MWCB Status; returns its length, 12. */
    public static int mwcbStatus(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, byte breachedLevel) {
        header(dst, offset, MwcbStatus.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(JAVA_BYTE, offset + MwcbStatus.BREACHED_LEVEL_OFFSET, breachedLevel);
        return MwcbStatus.LENGTH;
    }

    /** Writes a complete {@code 'K'} IPO Quoting Period Update; returns its length, 28. */
    public static int ipoQuotingPeriodUpdate(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long stock, long ipoQuotationReleaseTime,
            byte ipoQuotationReleaseQualifier, int ipoPrice) {
        header(dst, offset, IpoQuotingPeriodUpdate.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + IpoQuotingPeriodUpdate.STOCK_OFFSET, stock);
        dst.set(INT, offset + IpoQuotingPeriodUpdate.IPO_QUOTATION_RELEASE_TIME_OFFSET,
                (int) ipoQuotationReleaseTime);
        dst.set(JAVA_BYTE, offset + IpoQuotingPeriodUpdate.IPO_QUOTATION_RELEASE_QUALIFIER_OFFSET,
                ipoQuotationReleaseQualifier);
        dst.set(INT, offset + IpoQuotingPeriodUpdate.IPO_PRICE_OFFSET, ipoPrice);
        return IpoQuotingPeriodUpdate.LENGTH;
    }

    /** Writes a complete {@code 'J'} LULD Auction Collar; returns its length, 35. */
    public static int luldAuctionCollar(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long stock, int auctionCollarReferencePrice,
            int upperAuctionCollarPrice, int lowerAuctionCollarPrice, long auctionCollarExtension) {
        header(dst, offset, LuldAuctionCollar.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + LuldAuctionCollar.STOCK_OFFSET, stock);
        dst.set(INT, offset + LuldAuctionCollar.AUCTION_COLLAR_REFERENCE_PRICE_OFFSET, auctionCollarReferencePrice);
        dst.set(INT, offset + LuldAuctionCollar.UPPER_AUCTION_COLLAR_PRICE_OFFSET, upperAuctionCollarPrice);
        dst.set(INT, offset + LuldAuctionCollar.LOWER_AUCTION_COLLAR_PRICE_OFFSET, lowerAuctionCollarPrice);
        dst.set(INT, offset + LuldAuctionCollar.AUCTION_COLLAR_EXTENSION_OFFSET, (int) auctionCollarExtension);
        return LuldAuctionCollar.LENGTH;
    }

    /** Writes a complete {@code 'h'} Operational Halt; returns its length, 21. */
    public static int operationalHalt(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long stock, byte marketCode,
            byte operationalHaltAction) {
        header(dst, offset, OperationalHalt.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + OperationalHalt.STOCK_OFFSET, stock);
        dst.set(JAVA_BYTE, offset + OperationalHalt.MARKET_CODE_OFFSET, marketCode);
        dst.set(JAVA_BYTE, offset + OperationalHalt.OPERATIONAL_HALT_ACTION_OFFSET, operationalHaltAction);
        return OperationalHalt.LENGTH;
    }

    /** Writes a complete {@code 'A'} Add Order (no MPID attribution); returns its length, 36. */
    public static int addOrder(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long orderReferenceNumber, byte buySellIndicator,
            long shares, long stock, int price) {
        header(dst, offset, AddOrder.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + AddOrder.ORDER_REFERENCE_NUMBER_OFFSET, orderReferenceNumber);
        dst.set(JAVA_BYTE, offset + AddOrder.BUY_SELL_INDICATOR_OFFSET, buySellIndicator);
        dst.set(INT, offset + AddOrder.SHARES_OFFSET, (int) shares);
        dst.set(LONG, offset + AddOrder.STOCK_OFFSET, stock);
        dst.set(INT, offset + AddOrder.PRICE_OFFSET, price);
        return AddOrder.LENGTH;
    }

    /** Writes a complete {@code 'F'} Add Order with MPID attribution; returns its length, 40. */
    public static int addOrderMpid(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long orderReferenceNumber, byte buySellIndicator,
            long shares, long stock, int price, int attribution) {
        header(dst, offset, AddOrderMpid.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + AddOrderMpid.ORDER_REFERENCE_NUMBER_OFFSET, orderReferenceNumber);
        dst.set(JAVA_BYTE, offset + AddOrderMpid.BUY_SELL_INDICATOR_OFFSET, buySellIndicator);
        dst.set(INT, offset + AddOrderMpid.SHARES_OFFSET, (int) shares);
        dst.set(LONG, offset + AddOrderMpid.STOCK_OFFSET, stock);
        dst.set(INT, offset + AddOrderMpid.PRICE_OFFSET, price);
        dst.set(INT, offset + AddOrderMpid.ATTRIBUTION_OFFSET, attribution);
        return AddOrderMpid.LENGTH;
    }

    /** Writes a complete {@code 'E'} Order Executed; returns its length, 31. */
    public static int orderExecuted(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long orderReferenceNumber, long executedShares,
            long matchNumber) {
        header(dst, offset, OrderExecuted.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + OrderExecuted.ORDER_REFERENCE_NUMBER_OFFSET, orderReferenceNumber);
        dst.set(INT, offset + OrderExecuted.EXECUTED_SHARES_OFFSET, (int) executedShares);
        dst.set(LONG, offset + OrderExecuted.MATCH_NUMBER_OFFSET, matchNumber);
        return OrderExecuted.LENGTH;
    }

    /** Writes a complete {@code 'C'} Order Executed With Price; returns its length, 36. */
    public static int orderExecutedWithPrice(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long orderReferenceNumber, long executedShares,
            long matchNumber, byte printable, int executionPrice) {
        header(dst, offset, OrderExecutedWithPrice.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + OrderExecutedWithPrice.ORDER_REFERENCE_NUMBER_OFFSET, orderReferenceNumber);
        dst.set(INT, offset + OrderExecutedWithPrice.EXECUTED_SHARES_OFFSET, (int) executedShares);
        dst.set(LONG, offset + OrderExecutedWithPrice.MATCH_NUMBER_OFFSET, matchNumber);
        dst.set(JAVA_BYTE, offset + OrderExecutedWithPrice.PRINTABLE_OFFSET, printable);
        dst.set(INT, offset + OrderExecutedWithPrice.EXECUTION_PRICE_OFFSET, executionPrice);
        return OrderExecutedWithPrice.LENGTH;
    }

    /** Writes a complete {@code 'X'} Order Cancel; returns its length, 23. */
    public static int orderCancel(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long orderReferenceNumber, long cancelledShares) {
        header(dst, offset, OrderCancel.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + OrderCancel.ORDER_REFERENCE_NUMBER_OFFSET, orderReferenceNumber);
        dst.set(INT, offset + OrderCancel.CANCELLED_SHARES_OFFSET, (int) cancelledShares);
        return OrderCancel.LENGTH;
    }

    /** Writes a complete {@code 'D'} Order Delete; returns its length, 19. */
    public static int orderDelete(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long orderReferenceNumber) {
        header(dst, offset, OrderDelete.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + OrderDelete.ORDER_REFERENCE_NUMBER_OFFSET, orderReferenceNumber);
        return OrderDelete.LENGTH;
    }

    /** Writes a complete {@code 'U'} Order Replace; returns its length, 35. */
    public static int orderReplace(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long originalOrderReferenceNumber,
            long newOrderReferenceNumber, long shares, int price) {
        header(dst, offset, OrderReplace.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + OrderReplace.ORIGINAL_ORDER_REFERENCE_NUMBER_OFFSET, originalOrderReferenceNumber);
        dst.set(LONG, offset + OrderReplace.NEW_ORDER_REFERENCE_NUMBER_OFFSET, newOrderReferenceNumber);
        dst.set(INT, offset + OrderReplace.SHARES_OFFSET, (int) shares);
        dst.set(INT, offset + OrderReplace.PRICE_OFFSET, price);
        return OrderReplace.LENGTH;
    }

    /** Writes a complete {@code 'P'} Trade (non-cross); returns its length, 44. */
    public static int trade(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long orderReferenceNumber, byte buySellIndicator,
            long shares, long stock, int price, long matchNumber) {
        header(dst, offset, Trade.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + Trade.ORDER_REFERENCE_NUMBER_OFFSET, orderReferenceNumber);
        dst.set(JAVA_BYTE, offset + Trade.BUY_SELL_INDICATOR_OFFSET, buySellIndicator);
        dst.set(INT, offset + Trade.SHARES_OFFSET, (int) shares);
        dst.set(LONG, offset + Trade.STOCK_OFFSET, stock);
        dst.set(INT, offset + Trade.PRICE_OFFSET, price);
        dst.set(LONG, offset + Trade.MATCH_NUMBER_OFFSET, matchNumber);
        return Trade.LENGTH;
    }

    /** Writes a complete {@code 'Q'} Cross Trade; returns its length, 40. */
    public static int crossTrade(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long shares, long stock, int crossPrice,
            long matchNumber, byte crossType) {
        header(dst, offset, CrossTrade.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + CrossTrade.SHARES_OFFSET, shares);
        dst.set(LONG, offset + CrossTrade.STOCK_OFFSET, stock);
        dst.set(INT, offset + CrossTrade.CROSS_PRICE_OFFSET, crossPrice);
        dst.set(LONG, offset + CrossTrade.MATCH_NUMBER_OFFSET, matchNumber);
        dst.set(JAVA_BYTE, offset + CrossTrade.CROSS_TYPE_OFFSET, crossType);
        return CrossTrade.LENGTH;
    }

    /** Writes a complete {@code 'B'} Broken Trade; returns its length, 19. */
    public static int brokenTrade(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long matchNumber) {
        header(dst, offset, BrokenTrade.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + BrokenTrade.MATCH_NUMBER_OFFSET, matchNumber);
        return BrokenTrade.LENGTH;
    }

    /** Writes a complete {@code 'I'} Net Order Imbalance Indicator (NOII); returns its length, 50. */
    public static int netOrderImbalanceIndicator(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long pairedShares, long imbalanceShares,
            byte imbalanceDirection, long stock, int farPrice, int nearPrice, int currentReferencePrice,
            byte crossType, byte priceVariationIndicator) {
        header(dst, offset, NetOrderImbalanceIndicator.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + NetOrderImbalanceIndicator.PAIRED_SHARES_OFFSET, pairedShares);
        dst.set(LONG, offset + NetOrderImbalanceIndicator.IMBALANCE_SHARES_OFFSET, imbalanceShares);
        dst.set(JAVA_BYTE, offset + NetOrderImbalanceIndicator.IMBALANCE_DIRECTION_OFFSET, imbalanceDirection);
        dst.set(LONG, offset + NetOrderImbalanceIndicator.STOCK_OFFSET, stock);
        dst.set(INT, offset + NetOrderImbalanceIndicator.FAR_PRICE_OFFSET, farPrice);
        dst.set(INT, offset + NetOrderImbalanceIndicator.NEAR_PRICE_OFFSET, nearPrice);
        dst.set(INT, offset + NetOrderImbalanceIndicator.CURRENT_REFERENCE_PRICE_OFFSET, currentReferencePrice);
        dst.set(JAVA_BYTE, offset + NetOrderImbalanceIndicator.CROSS_TYPE_OFFSET, crossType);
        dst.set(JAVA_BYTE, offset + NetOrderImbalanceIndicator.PRICE_VARIATION_INDICATOR_OFFSET,
                priceVariationIndicator);
        return NetOrderImbalanceIndicator.LENGTH;
    }

    /** Writes a complete {@code 'N'} Retail Price Improvement Indicator (RPII); returns its length, 20. */
    public static int retailPriceImprovementIndicator(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long stock, byte interestFlag) {
        header(dst, offset, RetailPriceImprovementIndicator.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + RetailPriceImprovementIndicator.STOCK_OFFSET, stock);
        dst.set(JAVA_BYTE, offset + RetailPriceImprovementIndicator.INTEREST_FLAG_OFFSET, interestFlag);
        return RetailPriceImprovementIndicator.LENGTH;
    }

    /** Writes a complete {@code 'O'} Direct Listing with Capital Raise Price Discovery; returns its length, 48. */
    public static int directListingWithCapitalRaisePriceDiscovery(MemorySegment dst, long offset,
            int stockLocate, int trackingNumber, long timestamp, long stock, byte openEligibilityStatus,
            int minimumAllowablePrice, int maximumAllowablePrice, int nearExecutionPrice, long nearExecutionTime,
            int lowerPriceRangeCollar, int upperPriceRangeCollar) {
        header(dst, offset, DirectListingWithCapitalRaisePriceDiscovery.MESSAGE_TYPE,
                stockLocate, trackingNumber, timestamp);
        dst.set(LONG, offset + DirectListingWithCapitalRaisePriceDiscovery.STOCK_OFFSET, stock);
        dst.set(JAVA_BYTE, offset + DirectListingWithCapitalRaisePriceDiscovery.OPEN_ELIGIBILITY_STATUS_OFFSET,
                openEligibilityStatus);
        dst.set(INT, offset + DirectListingWithCapitalRaisePriceDiscovery.MINIMUM_ALLOWABLE_PRICE_OFFSET,
                minimumAllowablePrice);
        dst.set(INT, offset + DirectListingWithCapitalRaisePriceDiscovery.MAXIMUM_ALLOWABLE_PRICE_OFFSET,
                maximumAllowablePrice);
        dst.set(INT, offset + DirectListingWithCapitalRaisePriceDiscovery.NEAR_EXECUTION_PRICE_OFFSET,
                nearExecutionPrice);
        dst.set(LONG, offset + DirectListingWithCapitalRaisePriceDiscovery.NEAR_EXECUTION_TIME_OFFSET,
                nearExecutionTime);
        dst.set(INT, offset + DirectListingWithCapitalRaisePriceDiscovery.LOWER_PRICE_RANGE_COLLAR_OFFSET,
                lowerPriceRangeCollar);
        dst.set(INT, offset + DirectListingWithCapitalRaisePriceDiscovery.UPPER_PRICE_RANGE_COLLAR_OFFSET,
                upperPriceRangeCollar);
        return DirectListingWithCapitalRaisePriceDiscovery.LENGTH;
    }
}
