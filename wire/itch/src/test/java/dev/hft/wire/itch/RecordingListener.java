package dev.hft.wire.itch;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every message it receives as a field list: type, stock locate, tracking number, timestamp, then the
 * spec's fields in order, each as an unsigned {@code long}. {@link JunctureRecorder} makes the same lists from the
 * oracle, so the two compare field by field.
 */
final class RecordingListener implements ItchListener {

    final List<long[]> messages = new ArrayList<>();

    static long v(byte value) {
        return Byte.toUnsignedLong(value);
    }

    static long v(short value) {
        return Short.toUnsignedLong(value);
    }

    static long v(int value) {
        return Integer.toUnsignedLong(value);
    }

    static long v(long value) {
        return value;
    }

    private void add(ItchMessage m, long... fields) {
        long[] all = new long[4 + fields.length];
        all[0] = m.messageType();
        all[1] = m.stockLocate();
        all[2] = m.trackingNumber();
        all[3] = m.timestamp();
        System.arraycopy(fields, 0, all, 4, fields.length);
        messages.add(all);
    }

    @Override
    public void systemEvent(SystemEvent m) {
        add(m, v(m.eventCode()));
    }

    @Override
    public void stockDirectory(StockDirectory m) {
        add(m, v(m.stock()), v(m.marketCategory()), v(m.financialStatusIndicator()), v(m.roundLotSize()),
                v(m.roundLotsOnly()), v(m.issueClassification()), v(m.issueSubType()), v(m.authenticity()),
                v(m.shortSaleThresholdIndicator()), v(m.ipoFlag()), v(m.luldReferencePriceTier()), v(m.etpFlag()),
                v(m.etpLeverageFactor()), v(m.inverseIndicator()));
    }

    @Override
    public void stockTradingAction(StockTradingAction m) {
        add(m, v(m.stock()), v(m.tradingState()), v(m.reserved()), v(m.reason()));
    }

    @Override
    public void regShoRestriction(RegShoRestriction m) {
        add(m, v(m.stock()), v(m.regShoAction()));
    }

    @Override
    public void marketParticipantPosition(MarketParticipantPosition m) {
        add(m, v(m.mpid()), v(m.stock()), v(m.primaryMarketMaker()), v(m.marketMakerMode()),
                v(m.marketParticipantState()));
    }

    @Override
    public void mwcbDeclineLevel(MwcbDeclineLevel m) {
        add(m, v(m.level1()), v(m.level2()), v(m.level3()));
    }

    @Override
    public void mwcbStatus(MwcbStatus m) {
        add(m, v(m.breachedLevel()));
    }

    @Override
    public void ipoQuotingPeriodUpdate(IpoQuotingPeriodUpdate m) {
        add(m, v(m.stock()), v(m.ipoQuotationReleaseTime()), v(m.ipoQuotationReleaseQualifier()), v(m.ipoPrice()));
    }

    @Override
    public void luldAuctionCollar(LuldAuctionCollar m) {
        add(m, v(m.stock()), v(m.auctionCollarReferencePrice()), v(m.upperAuctionCollarPrice()),
                v(m.lowerAuctionCollarPrice()), v(m.auctionCollarExtension()));
    }

    @Override
    public void operationalHalt(OperationalHalt m) {
        add(m, v(m.stock()), v(m.marketCode()), v(m.operationalHaltAction()));
    }

    @Override
    public void addOrder(AddOrder m) {
        add(m, v(m.orderReferenceNumber()), v(m.buySellIndicator()), v(m.shares()), v(m.stock()), v(m.price()));
    }

    @Override
    public void addOrderMpid(AddOrderMpid m) {
        add(m, v(m.orderReferenceNumber()), v(m.buySellIndicator()), v(m.shares()), v(m.stock()), v(m.price()),
                v(m.attribution()));
    }

    @Override
    public void orderExecuted(OrderExecuted m) {
        add(m, v(m.orderReferenceNumber()), v(m.executedShares()), v(m.matchNumber()));
    }

    @Override
    public void orderExecutedWithPrice(OrderExecutedWithPrice m) {
        add(m, v(m.orderReferenceNumber()), v(m.executedShares()), v(m.matchNumber()), v(m.printable()),
                v(m.executionPrice()));
    }

    @Override
    public void orderCancel(OrderCancel m) {
        add(m, v(m.orderReferenceNumber()), v(m.cancelledShares()));
    }

    @Override
    public void orderDelete(OrderDelete m) {
        add(m, v(m.orderReferenceNumber()));
    }

    @Override
    public void orderReplace(OrderReplace m) {
        add(m, v(m.originalOrderReferenceNumber()), v(m.newOrderReferenceNumber()), v(m.shares()), v(m.price()));
    }

    @Override
    public void trade(Trade m) {
        add(m, v(m.orderReferenceNumber()), v(m.buySellIndicator()), v(m.shares()), v(m.stock()), v(m.price()),
                v(m.matchNumber()));
    }

    @Override
    public void crossTrade(CrossTrade m) {
        add(m, v(m.shares()), v(m.stock()), v(m.crossPrice()), v(m.matchNumber()), v(m.crossType()));
    }

    @Override
    public void brokenTrade(BrokenTrade m) {
        add(m, v(m.matchNumber()));
    }

    @Override
    public void netOrderImbalanceIndicator(NetOrderImbalanceIndicator m) {
        add(m, v(m.pairedShares()), v(m.imbalanceShares()), v(m.imbalanceDirection()), v(m.stock()),
                v(m.farPrice()), v(m.nearPrice()), v(m.currentReferencePrice()), v(m.crossType()),
                v(m.priceVariationIndicator()));
    }

    @Override
    public void retailPriceImprovementIndicator(RetailPriceImprovementIndicator m) {
        add(m, v(m.stock()), v(m.interestFlag()));
    }

    @Override
    public void directListingWithCapitalRaisePriceDiscovery(DirectListingWithCapitalRaisePriceDiscovery m) {
        add(m, v(m.stock()), v(m.openEligibilityStatus()), v(m.minimumAllowablePrice()),
                v(m.maximumAllowablePrice()), v(m.nearExecutionPrice()), v(m.nearExecutionTime()),
                v(m.lowerPriceRangeCollar()), v(m.upperPriceRangeCollar()));
    }
}
