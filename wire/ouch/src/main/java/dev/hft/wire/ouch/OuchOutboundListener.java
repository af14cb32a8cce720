package dev.hft.wire.ouch;

/** Receives decoded venue → client OUCH 4.2 messages; the flyweight is valid only during the call. */
public interface OuchOutboundListener {

    void systemEvent(SystemEvent message);

    void orderAccepted(OrderAccepted message);

    void orderReplaced(OrderReplaced message);

    void orderCanceled(OrderCanceled message);

    void aiqCanceled(AiqCanceled message);

    void orderExecuted(OrderExecuted message);

    void brokenTrade(BrokenTrade message);

    void orderRejected(OrderRejected message);

    void cancelPending(CancelPending message);

    void cancelReject(CancelReject message);

    void orderPriorityUpdate(OrderPriorityUpdate message);

    void orderModified(OrderModified message);
}
