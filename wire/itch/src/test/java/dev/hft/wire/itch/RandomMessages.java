package dev.hft.wire.itch;

import static dev.hft.wire.itch.RecordingListener.v;

import java.lang.foreign.MemorySegment;
import java.util.random.RandomGenerator;

/**
 * Writes one message of a given type with random field values (full ranges, so unsigned handling is exercised)
 * through {@link ItchEncoder}, and returns the field list a {@link RecordingListener} must record for it.
 */
final class RandomMessages {

    private RandomMessages() {
    }

    static long[] write(byte type, RandomGenerator random, MemorySegment dst, long offset) {
        int stockLocate = random.nextInt(1 << 16);
        int trackingNumber = random.nextInt(1 << 16);
        long timestamp = random.nextLong(1L << 48);
        return switch (type) {
            case SystemEvent.MESSAGE_TYPE -> {
                byte eventCode = (byte) random.nextInt();
                ItchEncoder.systemEvent(dst, offset, stockLocate, trackingNumber, timestamp, eventCode);
                yield new long[] {SystemEvent.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp, v(eventCode)};
            }
            case StockDirectory.MESSAGE_TYPE -> {
                long stock = random.nextLong();
                byte marketCategory = (byte) random.nextInt();
                byte financialStatusIndicator = (byte) random.nextInt();
                long roundLotSize = random.nextLong() >>> 32;
                byte roundLotsOnly = (byte) random.nextInt();
                byte issueClassification = (byte) random.nextInt();
                short issueSubType = (short) random.nextInt();
                byte authenticity = (byte) random.nextInt();
                byte shortSaleThresholdIndicator = (byte) random.nextInt();
                byte ipoFlag = (byte) random.nextInt();
                byte luldReferencePriceTier = (byte) random.nextInt();
                byte etpFlag = (byte) random.nextInt();
                long etpLeverageFactor = random.nextLong() >>> 32;
                byte inverseIndicator = (byte) random.nextInt();
                ItchEncoder.stockDirectory(dst, offset, stockLocate, trackingNumber, timestamp, stock,
                        marketCategory, financialStatusIndicator, roundLotSize, roundLotsOnly, issueClassification,
                        issueSubType, authenticity, shortSaleThresholdIndicator, ipoFlag, luldReferencePriceTier,
                        etpFlag, etpLeverageFactor, inverseIndicator);
                yield new long[] {StockDirectory.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp, v(stock),
                        v(marketCategory), v(financialStatusIndicator), v(roundLotSize), v(roundLotsOnly),
                        v(issueClassification), v(issueSubType), v(authenticity), v(shortSaleThresholdIndicator),
                        v(ipoFlag), v(luldReferencePriceTier), v(etpFlag), v(etpLeverageFactor), v(inverseIndicator)};
            }
            case StockTradingAction.MESSAGE_TYPE -> {
                long stock = random.nextLong();
                byte tradingState = (byte) random.nextInt();
                byte reserved = (byte) random.nextInt();
                int reason = random.nextInt();
                ItchEncoder.stockTradingAction(dst, offset, stockLocate, trackingNumber, timestamp, stock,
                        tradingState, reserved, reason);
                yield new long[] {StockTradingAction.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp, v(stock),
                        v(tradingState), v(reserved), v(reason)};
            }
            case RegShoRestriction.MESSAGE_TYPE -> {
                long stock = random.nextLong();
                byte regShoAction = (byte) random.nextInt();
                ItchEncoder.regShoRestriction(dst, offset, stockLocate, trackingNumber, timestamp, stock,
                        regShoAction);
                yield new long[] {RegShoRestriction.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp, v(stock),
                        v(regShoAction)};
            }
            case MarketParticipantPosition.MESSAGE_TYPE -> {
                int mpid = random.nextInt();
                long stock = random.nextLong();
                byte primaryMarketMaker = (byte) random.nextInt();
                byte marketMakerMode = (byte) random.nextInt();
                byte marketParticipantState = (byte) random.nextInt();
                ItchEncoder.marketParticipantPosition(dst, offset, stockLocate, trackingNumber, timestamp, mpid,
                        stock, primaryMarketMaker, marketMakerMode, marketParticipantState);
                yield new long[] {MarketParticipantPosition.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(mpid), v(stock), v(primaryMarketMaker), v(marketMakerMode), v(marketParticipantState)};
            }
            case MwcbDeclineLevel.MESSAGE_TYPE -> {
                long level1 = random.nextLong();
                long level2 = random.nextLong();
                long level3 = random.nextLong();
                ItchEncoder.mwcbDeclineLevel(dst, offset, stockLocate, trackingNumber, timestamp, level1, level2,
                        level3);
                yield new long[] {MwcbDeclineLevel.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp, v(level1),
                        v(level2), v(level3)};
            }
            case MwcbStatus.MESSAGE_TYPE -> {
                byte breachedLevel = (byte) random.nextInt();
                ItchEncoder.mwcbStatus(dst, offset, stockLocate, trackingNumber, timestamp, breachedLevel);
                yield new long[] {MwcbStatus.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp, v(breachedLevel)};
            }
            case IpoQuotingPeriodUpdate.MESSAGE_TYPE -> {
                long stock = random.nextLong();
                long ipoQuotationReleaseTime = random.nextLong() >>> 32;
                byte ipoQuotationReleaseQualifier = (byte) random.nextInt();
                int ipoPrice = random.nextInt();
                ItchEncoder.ipoQuotingPeriodUpdate(dst, offset, stockLocate, trackingNumber, timestamp, stock,
                        ipoQuotationReleaseTime, ipoQuotationReleaseQualifier, ipoPrice);
                yield new long[] {IpoQuotingPeriodUpdate.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(stock), v(ipoQuotationReleaseTime), v(ipoQuotationReleaseQualifier), v(ipoPrice)};
            }
            case LuldAuctionCollar.MESSAGE_TYPE -> {
                long stock = random.nextLong();
                int auctionCollarReferencePrice = random.nextInt();
                int upperAuctionCollarPrice = random.nextInt();
                int lowerAuctionCollarPrice = random.nextInt();
                long auctionCollarExtension = random.nextLong() >>> 32;
                ItchEncoder.luldAuctionCollar(dst, offset, stockLocate, trackingNumber, timestamp, stock,
                        auctionCollarReferencePrice, upperAuctionCollarPrice, lowerAuctionCollarPrice,
                        auctionCollarExtension);
                yield new long[] {LuldAuctionCollar.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp, v(stock),
                        v(auctionCollarReferencePrice), v(upperAuctionCollarPrice), v(lowerAuctionCollarPrice),
                        v(auctionCollarExtension)};
            }
            case OperationalHalt.MESSAGE_TYPE -> {
                long stock = random.nextLong();
                byte marketCode = (byte) random.nextInt();
                byte operationalHaltAction = (byte) random.nextInt();
                ItchEncoder.operationalHalt(dst, offset, stockLocate, trackingNumber, timestamp, stock, marketCode,
                        operationalHaltAction);
                yield new long[] {OperationalHalt.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp, v(stock),
                        v(marketCode), v(operationalHaltAction)};
            }
            case AddOrder.MESSAGE_TYPE -> {
                long orderReferenceNumber = random.nextLong();
                byte buySellIndicator = (byte) random.nextInt();
                long shares = random.nextLong() >>> 32;
                long stock = random.nextLong();
                int price = random.nextInt();
                ItchEncoder.addOrder(dst, offset, stockLocate, trackingNumber, timestamp, orderReferenceNumber,
                        buySellIndicator, shares, stock, price);
                yield new long[] {AddOrder.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(orderReferenceNumber), v(buySellIndicator), v(shares), v(stock), v(price)};
            }
            case AddOrderMpid.MESSAGE_TYPE -> {
                long orderReferenceNumber = random.nextLong();
                byte buySellIndicator = (byte) random.nextInt();
                long shares = random.nextLong() >>> 32;
                long stock = random.nextLong();
                int price = random.nextInt();
                int attribution = random.nextInt();
                ItchEncoder.addOrderMpid(dst, offset, stockLocate, trackingNumber, timestamp, orderReferenceNumber,
                        buySellIndicator, shares, stock, price, attribution);
                yield new long[] {AddOrderMpid.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(orderReferenceNumber), v(buySellIndicator), v(shares), v(stock), v(price), v(attribution)};
            }
            case OrderExecuted.MESSAGE_TYPE -> {
                long orderReferenceNumber = random.nextLong();
                long executedShares = random.nextLong() >>> 32;
                long matchNumber = random.nextLong();
                ItchEncoder.orderExecuted(dst, offset, stockLocate, trackingNumber, timestamp, orderReferenceNumber,
                        executedShares, matchNumber);
                yield new long[] {OrderExecuted.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(orderReferenceNumber), v(executedShares), v(matchNumber)};
            }
            case OrderExecutedWithPrice.MESSAGE_TYPE -> {
                long orderReferenceNumber = random.nextLong();
                long executedShares = random.nextLong() >>> 32;
                long matchNumber = random.nextLong();
                byte printable = (byte) random.nextInt();
                int executionPrice = random.nextInt();
                ItchEncoder.orderExecutedWithPrice(dst, offset, stockLocate, trackingNumber, timestamp,
                        orderReferenceNumber, executedShares, matchNumber, printable, executionPrice);
                yield new long[] {OrderExecutedWithPrice.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(orderReferenceNumber), v(executedShares), v(matchNumber), v(printable), v(executionPrice)};
            }
            case OrderCancel.MESSAGE_TYPE -> {
                long orderReferenceNumber = random.nextLong();
                long cancelledShares = random.nextLong() >>> 32;
                ItchEncoder.orderCancel(dst, offset, stockLocate, trackingNumber, timestamp, orderReferenceNumber,
                        cancelledShares);
                yield new long[] {OrderCancel.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(orderReferenceNumber), v(cancelledShares)};
            }
            case OrderDelete.MESSAGE_TYPE -> {
                long orderReferenceNumber = random.nextLong();
                ItchEncoder.orderDelete(dst, offset, stockLocate, trackingNumber, timestamp, orderReferenceNumber);
                yield new long[] {OrderDelete.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(orderReferenceNumber)};
            }
            case OrderReplace.MESSAGE_TYPE -> {
                long originalOrderReferenceNumber = random.nextLong();
                long newOrderReferenceNumber = random.nextLong();
                long shares = random.nextLong() >>> 32;
                int price = random.nextInt();
                ItchEncoder.orderReplace(dst, offset, stockLocate, trackingNumber, timestamp,
                        originalOrderReferenceNumber, newOrderReferenceNumber, shares, price);
                yield new long[] {OrderReplace.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(originalOrderReferenceNumber), v(newOrderReferenceNumber), v(shares), v(price)};
            }
            case Trade.MESSAGE_TYPE -> {
                long orderReferenceNumber = random.nextLong();
                byte buySellIndicator = (byte) random.nextInt();
                long shares = random.nextLong() >>> 32;
                long stock = random.nextLong();
                int price = random.nextInt();
                long matchNumber = random.nextLong();
                ItchEncoder.trade(dst, offset, stockLocate, trackingNumber, timestamp, orderReferenceNumber,
                        buySellIndicator, shares, stock, price, matchNumber);
                yield new long[] {Trade.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(orderReferenceNumber), v(buySellIndicator), v(shares), v(stock), v(price), v(matchNumber)};
            }
            case CrossTrade.MESSAGE_TYPE -> {
                long shares = random.nextLong();
                long stock = random.nextLong();
                int crossPrice = random.nextInt();
                long matchNumber = random.nextLong();
                byte crossType = (byte) random.nextInt();
                ItchEncoder.crossTrade(dst, offset, stockLocate, trackingNumber, timestamp, shares, stock,
                        crossPrice, matchNumber, crossType);
                yield new long[] {CrossTrade.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp, v(shares),
                        v(stock), v(crossPrice), v(matchNumber), v(crossType)};
            }
            case BrokenTrade.MESSAGE_TYPE -> {
                long matchNumber = random.nextLong();
                ItchEncoder.brokenTrade(dst, offset, stockLocate, trackingNumber, timestamp, matchNumber);
                yield new long[] {BrokenTrade.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp, v(matchNumber)};
            }
            case NetOrderImbalanceIndicator.MESSAGE_TYPE -> {
                long pairedShares = random.nextLong();
                long imbalanceShares = random.nextLong();
                byte imbalanceDirection = (byte) random.nextInt();
                long stock = random.nextLong();
                int farPrice = random.nextInt();
                int nearPrice = random.nextInt();
                int currentReferencePrice = random.nextInt();
                byte crossType = (byte) random.nextInt();
                byte priceVariationIndicator = (byte) random.nextInt();
                ItchEncoder.netOrderImbalanceIndicator(dst, offset, stockLocate, trackingNumber, timestamp,
                        pairedShares, imbalanceShares, imbalanceDirection, stock, farPrice, nearPrice,
                        currentReferencePrice, crossType, priceVariationIndicator);
                yield new long[] {NetOrderImbalanceIndicator.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp,
                        v(pairedShares), v(imbalanceShares), v(imbalanceDirection), v(stock), v(farPrice),
                        v(nearPrice), v(currentReferencePrice), v(crossType), v(priceVariationIndicator)};
            }
            case RetailPriceImprovementIndicator.MESSAGE_TYPE -> {
                long stock = random.nextLong();
                byte interestFlag = (byte) random.nextInt();
                ItchEncoder.retailPriceImprovementIndicator(dst, offset, stockLocate, trackingNumber, timestamp,
                        stock, interestFlag);
                yield new long[] {RetailPriceImprovementIndicator.MESSAGE_TYPE, stockLocate, trackingNumber,
                        timestamp, v(stock), v(interestFlag)};
            }
            case DirectListingWithCapitalRaisePriceDiscovery.MESSAGE_TYPE -> {
                long stock = random.nextLong();
                byte openEligibilityStatus = (byte) random.nextInt();
                int minimumAllowablePrice = random.nextInt();
                int maximumAllowablePrice = random.nextInt();
                int nearExecutionPrice = random.nextInt();
                long nearExecutionTime = random.nextLong();
                int lowerPriceRangeCollar = random.nextInt();
                int upperPriceRangeCollar = random.nextInt();
                ItchEncoder.directListingWithCapitalRaisePriceDiscovery(dst, offset, stockLocate, trackingNumber,
                        timestamp, stock, openEligibilityStatus, minimumAllowablePrice, maximumAllowablePrice,
                        nearExecutionPrice, nearExecutionTime, lowerPriceRangeCollar, upperPriceRangeCollar);
                yield new long[] {DirectListingWithCapitalRaisePriceDiscovery.MESSAGE_TYPE, stockLocate,
                        trackingNumber, timestamp, v(stock), v(openEligibilityStatus), v(minimumAllowablePrice),
                        v(maximumAllowablePrice), v(nearExecutionPrice), v(nearExecutionTime),
                        v(lowerPriceRangeCollar), v(upperPriceRangeCollar)};
            }
            default -> throw new IllegalArgumentException("not an ITCH 5.0 type: " + (char) type);
        };
    }
}
