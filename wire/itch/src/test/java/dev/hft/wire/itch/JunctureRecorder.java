package dev.hft.wire.itch;

import static dev.hft.wire.itch.RecordingListener.v;

import java.util.ArrayList;
import java.util.List;

import com.paritytrading.juncture.nasdaq.itch50.ITCH50;
import com.paritytrading.juncture.nasdaq.itch50.ITCH50Listener;

/** The oracle's side of {@link RecordingListener}: the same field lists from juncture-nasdaq's decoded messages. */
final class JunctureRecorder implements ITCH50Listener {

    final List<long[]> messages = new ArrayList<>();

    private void add(char type, int stockLocate, int trackingNumber, int timestampHigh, long timestampLow, long... fields) {
        long[] all = new long[4 + fields.length];
        all[0] = type;
        all[1] = stockLocate;
        all[2] = trackingNumber;
        all[3] = (long) timestampHigh << 32 | timestampLow;
        System.arraycopy(fields, 0, all, 4, fields.length);
        messages.add(all);
    }

    @Override
    public void systemEvent(ITCH50.SystemEvent m) {
        add('S', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.eventCode));
    }

    @Override
    public void stockDirectory(ITCH50.StockDirectory m) {
        add('R', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.stock), v(m.marketCategory),
                v(m.financialStatusIndicator), v(m.roundLotSize), v(m.roundLotsOnly), v(m.issueClassification),
                v(m.issueSubType), v(m.authenticity), v(m.shortSaleThresholdIndicator), v(m.ipoFlag),
                v(m.luldReferencePriceTier), v(m.etpFlag), v(m.etpLeverageFactor), v(m.inverseIndicator));
    }

    @Override
    public void stockTradingAction(ITCH50.StockTradingAction m) {
        add('H', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.stock), v(m.tradingState),
                v(m.reserved), v(m.reason));
    }

    @Override
    public void regSHORestriction(ITCH50.RegSHORestriction m) {
        add('Y', m.locateCode, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.stock), v(m.regSHOAction));
    }

    @Override
    public void marketParticipantPosition(ITCH50.MarketParticipantPosition m) {
        add('L', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.mpid), v(m.stock),
                v(m.primaryMarketMaker), v(m.marketMakerMode), v(m.marketParticipantState));
    }

    @Override
    public void mwcbDeclineLevel(ITCH50.MWCBDeclineLevel m) {
        add('V', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.level1), v(m.level2),
                v(m.level3));
    }

    @Override
    public void mwcbStatus(ITCH50.MWCBStatus m) {
        add('W', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.breachedLevel));
    }

    @Override
    public void ipoQuotingPeriodUpdate(ITCH50.IPOQuotingPeriodUpdate m) {
        add('K', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.stock),
                v(m.ipoQuotationReleaseTime), v(m.ipoQuotationReleaseQualifier), v(m.ipoPrice));
    }

    @Override
    public void luldAuctionCollar(ITCH50.LULDAuctionCollar m) {
        add('J', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.stock),
                v(m.auctionCollarReferencePrice), v(m.upperAuctionCollarPrice), v(m.lowerAuctionCollarPrice),
                v(m.auctionCollarExtension));
    }

    @Override
    public void operationalHalt(ITCH50.OperationalHalt m) {
        add('h', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.stock), v(m.marketCode),
                v(m.operationalHaltAction));
    }

    @Override
    public void addOrder(ITCH50.AddOrder m) {
        add('A', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.orderReferenceNumber),
                v(m.buySellIndicator), v(m.shares), v(m.stock), v(m.price));
    }

    @Override
    public void addOrderMPID(ITCH50.AddOrderMPID m) {
        add('F', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.orderReferenceNumber),
                v(m.buySellIndicator), v(m.shares), v(m.stock), v(m.price), v(m.attribution));
    }

    @Override
    public void orderExecuted(ITCH50.OrderExecuted m) {
        add('E', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.orderReferenceNumber),
                v(m.executedShares), v(m.matchNumber));
    }

    @Override
    public void orderExecutedWithPrice(ITCH50.OrderExecutedWithPrice m) {
        add('C', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.orderReferenceNumber),
                v(m.executedShares), v(m.matchNumber), v(m.printable), v(m.executionPrice));
    }

    @Override
    public void orderCancel(ITCH50.OrderCancel m) {
        add('X', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.orderReferenceNumber),
                v(m.canceledShares));
    }

    @Override
    public void orderDelete(ITCH50.OrderDelete m) {
        add('D', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.orderReferenceNumber));
    }

    @Override
    public void orderReplace(ITCH50.OrderReplace m) {
        add('U', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow,
                v(m.originalOrderReferenceNumber), v(m.newOrderReferenceNumber), v(m.shares), v(m.price));
    }

    @Override
    public void trade(ITCH50.Trade m) {
        add('P', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.orderReferenceNumber),
                v(m.buySellIndicator), v(m.shares), v(m.stock), v(m.price), v(m.matchNumber));
    }

    @Override
    public void crossTrade(ITCH50.CrossTrade m) {
        add('Q', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.shares), v(m.stock),
                v(m.crossPrice), v(m.matchNumber), v(m.crossType));
    }

    @Override
    public void brokenTrade(ITCH50.BrokenTrade m) {
        add('B', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.matchNumber));
    }

    @Override
    public void noii(ITCH50.NOII m) {
        add('I', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.pairedShares),
                v(m.imbalanceShares), v(m.imbalanceDirection), v(m.stock), v(m.farPrice), v(m.nearPrice),
                v(m.currentReferencePrice), v(m.crossType), v(m.priceVariationIndicator));
    }

    @Override
    public void rpii(ITCH50.RPII m) {
        add('N', m.stockLocate, m.trackingNumber, m.timestampHigh, m.timestampLow, v(m.stock), v(m.interestFlag));
    }
}
