package dev.hft.egress;

import dev.hft.events.OrderResponse;
import dev.hft.journal.JournalWriter;
import dev.hft.pipeline.Ring;
import dev.hft.wire.ouch.AiqCanceled;
import dev.hft.wire.ouch.BrokenTrade;
import dev.hft.wire.ouch.CancelPending;
import dev.hft.wire.ouch.CancelReject;
import dev.hft.wire.ouch.OrderAccepted;
import dev.hft.wire.ouch.OrderCanceled;
import dev.hft.wire.ouch.OrderExecuted;
import dev.hft.wire.ouch.OrderModified;
import dev.hft.wire.ouch.OrderPriorityUpdate;
import dev.hft.wire.ouch.OrderRejected;
import dev.hft.wire.ouch.OrderReplaced;
import dev.hft.wire.ouch.OuchOutboundListener;
import dev.hft.wire.ouch.SystemEvent;

/**
 * Turns decoded venue messages into {@link OrderResponse} events on the response ring (claim, fill, publish).
 * The caller sets the message's {@link #context} before decoding it. With a journal, each response is appended to
 * it before it is published, so a strategy never acts on a response the journal lacks.
 */
public final class ResponsePublisher implements OuchOutboundListener {

    private final Ring<OrderResponse> ring;
    private final JournalWriter journal;
    private long published;
    private long journalFailures;
    private long sequence;
    private long receiveNanos;
    private long claim;

    public ResponsePublisher(Ring<OrderResponse> ring) {
        this(ring, null);
    }

    /** @param journal where every response goes before it is published, or null */
    public ResponsePublisher(Ring<OrderResponse> ring, JournalWriter journal) {
        this.ring = ring;
        this.journal = journal;
    }

    public void context(long sequence, long receiveNanos) {
        this.sequence = sequence;
        this.receiveNanos = receiveNanos;
    }

    public long published() {
        return published;
    }

    private OrderResponse begin(OrderResponse.Kind kind, long timestamp) {
        claim = ring.next();
        OrderResponse r = ring.get(claim);
        r.clear();
        r.kind = kind;
        r.timestamp = timestamp;
        r.sequence = sequence;
        r.receiveNanos = receiveNanos;
        return r;
    }

    /** Journals, then publishes (a claimed slot is published even when the journal failed, so the ring moves on). */
    private void end() {
        if (journal != null) {
            try {
                journal.response(ring.get(claim));
            } catch (RuntimeException e) {
                journalFailures++;
            }
        }
        ring.publish(claim);
        published++;
    }

    /** Responses the journal could not take (published all the same). */
    public long journalFailures() {
        return journalFailures;
    }

    @Override
    public void systemEvent(SystemEvent m) {
        OrderResponse r = begin(OrderResponse.Kind.SYSTEM_EVENT, m.timestamp());
        r.reason = m.eventCode();
        end();
    }

    @Override
    public void orderAccepted(OrderAccepted m) {
        OrderResponse r = begin(OrderResponse.Kind.ACCEPTED, m.timestamp());
        m.copyOrderToken(r.token);
        r.side = m.buySellIndicator();
        r.shares = m.shares();
        r.stock = m.stock();
        r.price = m.price();
        r.timeInForce = m.timeInForce();
        r.display = m.display();
        r.orderReferenceNumber = m.orderReferenceNumber();
        r.orderState = m.orderState();
        end();
    }

    @Override
    public void orderReplaced(OrderReplaced m) {
        OrderResponse r = begin(OrderResponse.Kind.REPLACED, m.timestamp());
        m.copyReplacementOrderToken(r.token);
        m.copyPreviousOrderToken(r.previousToken);
        r.side = m.buySellIndicator();
        r.shares = m.shares();
        r.stock = m.stock();
        r.price = m.price();
        r.timeInForce = m.timeInForce();
        r.display = m.display();
        r.orderReferenceNumber = m.orderReferenceNumber();
        r.orderState = m.orderState();
        end();
    }

    @Override
    public void orderCanceled(OrderCanceled m) {
        OrderResponse r = begin(OrderResponse.Kind.CANCELED, m.timestamp());
        m.copyOrderToken(r.token);
        r.shares = m.decrementShares();
        r.reason = m.reason();
        end();
    }

    @Override
    public void aiqCanceled(AiqCanceled m) {
        OrderResponse r = begin(OrderResponse.Kind.CANCELED, m.timestamp());
        m.copyOrderToken(r.token);
        r.shares = m.decrementShares();
        r.reason = m.reason();
        r.quantityPrevented = m.quantityPreventedFromTrading();
        r.price = m.executionPrice();
        r.liquidityFlag = m.liquidityFlag();
        end();
    }

    @Override
    public void orderExecuted(OrderExecuted m) {
        OrderResponse r = begin(OrderResponse.Kind.EXECUTED, m.timestamp());
        m.copyOrderToken(r.token);
        r.shares = m.executedShares();
        r.price = m.executionPrice();
        r.liquidityFlag = m.liquidityFlag();
        r.matchNumber = m.matchNumber();
        end();
    }

    @Override
    public void brokenTrade(BrokenTrade m) {
        OrderResponse r = begin(OrderResponse.Kind.BROKEN, m.timestamp());
        m.copyOrderToken(r.token);
        r.matchNumber = m.matchNumber();
        r.reason = m.reason();
        end();
    }

    @Override
    public void orderRejected(OrderRejected m) {
        OrderResponse r = begin(OrderResponse.Kind.REJECTED, m.timestamp());
        m.copyOrderToken(r.token);
        r.reason = m.reason();
        end();
    }

    @Override
    public void cancelPending(CancelPending m) {
        OrderResponse r = begin(OrderResponse.Kind.CANCEL_PENDING, m.timestamp());
        m.copyOrderToken(r.token);
        end();
    }

    @Override
    public void cancelReject(CancelReject m) {
        OrderResponse r = begin(OrderResponse.Kind.CANCEL_REJECT, m.timestamp());
        m.copyOrderToken(r.token);
        end();
    }

    @Override
    public void orderPriorityUpdate(OrderPriorityUpdate m) {
        OrderResponse r = begin(OrderResponse.Kind.PRIORITY_UPDATE, m.timestamp());
        m.copyOrderToken(r.token);
        r.price = m.price();
        r.display = m.display();
        r.orderReferenceNumber = m.orderReferenceNumber();
        end();
    }

    @Override
    public void orderModified(OrderModified m) {
        OrderResponse r = begin(OrderResponse.Kind.MODIFIED, m.timestamp());
        m.copyOrderToken(r.token);
        r.side = m.buySellIndicator();
        r.shares = m.shares();
        end();
    }
}
