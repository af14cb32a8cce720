package dev.hft.wire.ouch;

import java.util.ArrayList;
import java.util.List;

/** Records every decoded flyweight (still wrapping the decoded bytes) in arrival order. */
final class Recorder implements OuchInboundListener, OuchOutboundListener {

    final List<OuchFlyweight> messages = new ArrayList<>();

    @SuppressWarnings("unchecked")
    <T extends OuchFlyweight> T only(Class<T> type) {
        if (messages.size() != 1 || !type.isInstance(messages.get(0))) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", got " + messages);
        }
        return (T) messages.get(0);
    }

    @Override public void enterOrder(EnterOrder m) { messages.add(m); }
    @Override public void replaceOrder(ReplaceOrder m) { messages.add(m); }
    @Override public void cancelOrder(CancelOrder m) { messages.add(m); }
    @Override public void modifyOrder(ModifyOrder m) { messages.add(m); }
    @Override public void systemEvent(SystemEvent m) { messages.add(m); }
    @Override public void orderAccepted(OrderAccepted m) { messages.add(m); }
    @Override public void orderReplaced(OrderReplaced m) { messages.add(m); }
    @Override public void orderCanceled(OrderCanceled m) { messages.add(m); }
    @Override public void aiqCanceled(AiqCanceled m) { messages.add(m); }
    @Override public void orderExecuted(OrderExecuted m) { messages.add(m); }
    @Override public void brokenTrade(BrokenTrade m) { messages.add(m); }
    @Override public void orderRejected(OrderRejected m) { messages.add(m); }
    @Override public void cancelPending(CancelPending m) { messages.add(m); }
    @Override public void cancelReject(CancelReject m) { messages.add(m); }
    @Override public void orderPriorityUpdate(OrderPriorityUpdate m) { messages.add(m); }
    @Override public void orderModified(OrderModified m) { messages.add(m); }
}
