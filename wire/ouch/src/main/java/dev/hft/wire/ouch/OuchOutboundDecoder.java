package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * Decodes venue → client OUCH 4.2 messages (the trading side). {@code U} here is Order Replaced (80 bytes)
 * and {@code M} is Order Modified (28). Trade Correction {@code F} (41), Executed with Reference Price
 * {@code G} (45), Price Correction {@code K} (36) and Trade Now {@code N} (23) are skipped by length.
 */
public final class OuchOutboundDecoder extends OuchDecoder {

    public static final int TRADE_CORRECTION_LENGTH = 41;
    public static final int EXECUTED_WITH_REFERENCE_PRICE_LENGTH = 45;
    public static final int PRICE_CORRECTION_LENGTH = 36;
    public static final int TRADE_NOW_LENGTH = 23;

    private final OuchOutboundListener listener;
    private final SystemEvent systemEvent = new SystemEvent();
    private final OrderAccepted orderAccepted = new OrderAccepted();
    private final OrderReplaced orderReplaced = new OrderReplaced();
    private final OrderCanceled orderCanceled = new OrderCanceled();
    private final AiqCanceled aiqCanceled = new AiqCanceled();
    private final OrderExecuted orderExecuted = new OrderExecuted();
    private final BrokenTrade brokenTrade = new BrokenTrade();
    private final OrderRejected orderRejected = new OrderRejected();
    private final CancelPending cancelPending = new CancelPending();
    private final CancelReject cancelReject = new CancelReject();
    private final OrderPriorityUpdate orderPriorityUpdate = new OrderPriorityUpdate();
    private final OrderModified orderModified = new OrderModified();

    public OuchOutboundDecoder(OuchOutboundListener listener) {
        this.listener = listener;
    }

    @Override
    int dispatch(byte type, MemorySegment segment, long offset, int length) {
        OuchOutboundListener l = listener;
        return switch (type) {
            case SystemEvent.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, SystemEvent.LENGTH);
                if (ok) {
                    l.systemEvent(systemEvent.wrap(segment, offset));
                }
                yield result(ok);
            }
            case OrderAccepted.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, OrderAccepted.LENGTH);
                if (ok) {
                    l.orderAccepted(orderAccepted.wrap(segment, offset));
                }
                yield result(ok);
            }
            case OrderReplaced.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, OrderReplaced.LENGTH);
                if (ok) {
                    l.orderReplaced(orderReplaced.wrap(segment, offset));
                }
                yield result(ok);
            }
            case OrderCanceled.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, OrderCanceled.LENGTH);
                if (ok) {
                    l.orderCanceled(orderCanceled.wrap(segment, offset));
                }
                yield result(ok);
            }
            case AiqCanceled.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, AiqCanceled.LENGTH);
                if (ok) {
                    l.aiqCanceled(aiqCanceled.wrap(segment, offset));
                }
                yield result(ok);
            }
            case OrderExecuted.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, OrderExecuted.LENGTH);
                if (ok) {
                    l.orderExecuted(orderExecuted.wrap(segment, offset));
                }
                yield result(ok);
            }
            case BrokenTrade.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, BrokenTrade.LENGTH);
                if (ok) {
                    l.brokenTrade(brokenTrade.wrap(segment, offset));
                }
                yield result(ok);
            }
            case OrderRejected.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, OrderRejected.LENGTH);
                if (ok) {
                    l.orderRejected(orderRejected.wrap(segment, offset));
                }
                yield result(ok);
            }
            case CancelPending.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, CancelPending.LENGTH);
                if (ok) {
                    l.cancelPending(cancelPending.wrap(segment, offset));
                }
                yield result(ok);
            }
            case CancelReject.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, CancelReject.LENGTH);
                if (ok) {
                    l.cancelReject(cancelReject.wrap(segment, offset));
                }
                yield result(ok);
            }
            case OrderPriorityUpdate.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, OrderPriorityUpdate.LENGTH);
                if (ok) {
                    l.orderPriorityUpdate(orderPriorityUpdate.wrap(segment, offset));
                }
                yield result(ok);
            }
            case OrderModified.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, OrderModified.LENGTH);
                if (ok) {
                    l.orderModified(orderModified.wrap(segment, offset));
                }
                yield result(ok);
            }
            case 'F' -> skip(length, TRADE_CORRECTION_LENGTH);
            case 'G' -> skip(length, EXECUTED_WITH_REFERENCE_PRICE_LENGTH);
            case 'K' -> skip(length, PRICE_CORRECTION_LENGTH);
            case 'N' -> skip(length, TRADE_NOW_LENGTH);
            default -> unknownType();
        };
    }
}
