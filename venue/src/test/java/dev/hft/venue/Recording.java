package dev.hft.venue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.hft.wire.itch.AddOrder;
import dev.hft.wire.itch.AddOrderMpid;
import dev.hft.wire.itch.ItchDecoder;
import dev.hft.wire.itch.ItchListener;
import dev.hft.wire.itch.OrderCancel;
import dev.hft.wire.itch.OrderDelete;
import dev.hft.wire.itch.OrderReplace;
import dev.hft.wire.itch.Trade;
import dev.hft.wire.ouch.AiqCanceled;
import dev.hft.wire.ouch.BrokenTrade;
import dev.hft.wire.ouch.CancelPending;
import dev.hft.wire.ouch.CancelReject;
import dev.hft.wire.ouch.OrderAccepted;
import dev.hft.wire.ouch.OrderCanceled;
import dev.hft.wire.ouch.OrderModified;
import dev.hft.wire.ouch.OrderPriorityUpdate;
import dev.hft.wire.ouch.OrderRejected;
import dev.hft.wire.ouch.OrderReplaced;
import dev.hft.wire.ouch.OuchOutboundDecoder;
import dev.hft.wire.ouch.OuchOutboundListener;
import dev.hft.wire.ouch.OuchTypes;
import dev.hft.wire.ouch.SystemEvent;

/**
 * An {@link OuchOutput} and {@link ItchOutput} that decodes everything written into short text lines, so tests
 * assert exact lists: OUCH as "account:type token fields", ITCH order messages as "type fields" (S, R and H are
 * kept apart in {@link #itchOther}).
 */
final class Recording implements OuchOutput, ItchOutput {

    final List<String> ouch = new ArrayList<>();
    final List<String> itch = new ArrayList<>();
    final List<String> itchOther = new ArrayList<>();
    /** Accounts without a session (their messages are refused, as the venue does for the background flow). */
    int closedAccount = MatchingEngine.BACKGROUND_ACCOUNT;

    private final MemorySegment buffer = MemorySegment.ofArray(new byte[4096]);
    private int account;
    private final OuchOutboundDecoder ouchDecoder = new OuchOutboundDecoder(new OuchText());
    private final ItchDecoder itchDecoder = new ItchDecoder(new ItchText());

    void clear() {
        ouch.clear();
        itch.clear();
        itchOther.clear();
    }

    static String text(byte[] token) {
        return new String(token, StandardCharsets.US_ASCII).strip();
    }

    @Override
    public long claim(int account, int length) {
        return account == closedAccount ? -1 : 0;
    }

    @Override
    public MemorySegment segment(int account) {
        return buffer;
    }

    @Override
    public void commit(int account, long offset, int length) {
        recordOuch(account, buffer, offset, length);
    }

    /** Decodes one venue → client OUCH message into {@link #ouch}. */
    void recordOuch(int account, MemorySegment segment, long offset, int length) {
        this.account = account;
        if (ouchDecoder.decode(segment, offset, length) != OuchOutboundDecoder.DECODED) {
            throw new AssertionError("undecodable OUCH message");
        }
    }

    @Override
    public long claim() {
        return 0;
    }

    @Override
    public MemorySegment segment() {
        return buffer;
    }

    @Override
    public void commit(long offset, int length) {
        recordItch(buffer, offset, length);
    }

    /** Decodes one ITCH message into {@link #itch} or {@link #itchOther}. */
    void recordItch(MemorySegment segment, long offset, int length) {
        if (itchDecoder.decode(segment, offset, length) != ItchDecoder.OK) {
            throw new AssertionError("undecodable ITCH message");
        }
    }

    private final class OuchText implements OuchOutboundListener {
        private final byte[] token = new byte[OuchTypes.TOKEN_LENGTH];
        private final byte[] previous = new byte[OuchTypes.TOKEN_LENGTH];

        private void add(String line) {
            ouch.add(account + ":" + line);
        }

        @Override public void systemEvent(SystemEvent m) { add("S " + (char) m.eventCode()); }
        @Override public void orderAccepted(OrderAccepted m) {
            m.copyOrderToken(token);
            add("A " + text(token) + " " + (char) m.buySellIndicator() + " " + m.shares() + " "
                    + OuchTypes.alpha(m.stock(), 8) + " " + m.price() + " ref=" + m.orderReferenceNumber());
        }
        @Override public void orderReplaced(OrderReplaced m) {
            m.copyReplacementOrderToken(token);
            m.copyPreviousOrderToken(previous);
            add("U " + text(token) + " was " + text(previous) + " " + m.shares() + " " + m.price() + " ref="
                    + m.orderReferenceNumber());
        }
        @Override public void orderCanceled(OrderCanceled m) {
            m.copyOrderToken(token);
            add("C " + text(token) + " " + m.decrementShares() + " " + (char) m.reason());
        }
        @Override public void aiqCanceled(AiqCanceled m) { add("D?"); }
        @Override public void orderExecuted(dev.hft.wire.ouch.OrderExecuted m) {
            m.copyOrderToken(token);
            add("E " + text(token) + " " + m.executedShares() + " " + m.executionPrice() + " "
                    + (char) m.liquidityFlag() + " match=" + m.matchNumber());
        }
        @Override public void brokenTrade(BrokenTrade m) { add("B?"); }
        @Override public void orderRejected(OrderRejected m) {
            m.copyOrderToken(token);
            add("J " + text(token) + " " + (char) m.reason());
        }
        @Override public void cancelPending(CancelPending m) { add("P?"); }
        @Override public void cancelReject(CancelReject m) {
            m.copyOrderToken(token);
            add("I " + text(token));
        }
        @Override public void orderPriorityUpdate(OrderPriorityUpdate m) { add("T?"); }
        @Override public void orderModified(OrderModified m) {
            m.copyOrderToken(token);
            add("M " + text(token) + " " + (char) m.buySellIndicator() + " " + m.shares());
        }
    }

    private final class ItchText implements ItchListener {
        @Override public void systemEvent(dev.hft.wire.itch.SystemEvent m) { itchOther.add("S " + (char) m.eventCode()); }
        @Override public void stockDirectory(dev.hft.wire.itch.StockDirectory m) {
            itchOther.add("R " + m.stockLocate() + " " + OuchTypes.alpha(m.stock(), 8));
        }
        @Override public void stockTradingAction(dev.hft.wire.itch.StockTradingAction m) {
            itchOther.add("H " + m.stockLocate() + " " + (char) m.tradingState());
        }
        @Override public void addOrder(AddOrder m) {
            itch.add("A " + m.orderReferenceNumber() + " " + (char) m.buySellIndicator() + " " + m.shares() + " " + m.price());
        }
        @Override public void addOrderMpid(AddOrderMpid m) {
            itch.add("F " + m.orderReferenceNumber() + " " + (char) m.buySellIndicator() + " " + m.shares() + " " + m.price()
                    + " " + OuchTypes.alpha(m.attribution(), 4));
        }
        @Override public void orderExecuted(dev.hft.wire.itch.OrderExecuted m) {
            itch.add("E " + m.orderReferenceNumber() + " " + m.executedShares() + " match=" + m.matchNumber());
        }
        @Override public void orderCancel(OrderCancel m) {
            itch.add("X " + m.orderReferenceNumber() + " " + m.cancelledShares());
        }
        @Override public void orderDelete(OrderDelete m) { itch.add("D " + m.orderReferenceNumber()); }
        @Override public void orderReplace(OrderReplace m) {
            itch.add("U " + m.originalOrderReferenceNumber() + " " + m.newOrderReferenceNumber() + " " + m.shares() + " "
                    + m.price());
        }
        @Override public void trade(Trade m) {
            itch.add("P " + (char) m.buySellIndicator() + " " + m.shares() + " " + m.price() + " match=" + m.matchNumber());
        }
    }
}
