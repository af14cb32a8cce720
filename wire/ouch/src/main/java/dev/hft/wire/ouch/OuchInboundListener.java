package dev.hft.wire.ouch;

/** Receives decoded client → venue OUCH 4.2 messages; the flyweight is valid only during the call. */
public interface OuchInboundListener {

    void enterOrder(EnterOrder message);

    void replaceOrder(ReplaceOrder message);

    void cancelOrder(CancelOrder message);

    void modifyOrder(ModifyOrder message);
}
