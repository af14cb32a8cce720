package dev.hft.wire.ouch;

import java.lang.foreign.MemorySegment;

/**
 * Decodes client → venue OUCH 4.2 messages (the venue side: simulator, tests). {@code U} here is Replace
 * Order (47 bytes) and {@code M} is Modify Order (20); the Trade Now request {@code N} (15) is skipped.
 */
public final class OuchInboundDecoder extends OuchDecoder {

    /** Trade Now, client → venue: type + token. */
    public static final int TRADE_NOW_LENGTH = 15;

    private final OuchInboundListener listener;
    private final EnterOrder enterOrder = new EnterOrder();
    private final ReplaceOrder replaceOrder = new ReplaceOrder();
    private final CancelOrder cancelOrder = new CancelOrder();
    private final ModifyOrder modifyOrder = new ModifyOrder();

    public OuchInboundDecoder(OuchInboundListener listener) {
        this.listener = listener;
    }

    @Override
    int dispatch(byte type, MemorySegment segment, long offset, int length) {
        OuchInboundListener l = listener;
        return switch (type) {
            case EnterOrder.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, EnterOrder.LENGTH);
                if (ok) {
                    l.enterOrder(enterOrder.wrap(segment, offset));
                }
                yield result(ok);
            }
            case ReplaceOrder.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, ReplaceOrder.LENGTH);
                if (ok) {
                    l.replaceOrder(replaceOrder.wrap(segment, offset));
                }
                yield result(ok);
            }
            case CancelOrder.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, CancelOrder.LENGTH);
                if (ok) {
                    l.cancelOrder(cancelOrder.wrap(segment, offset));
                }
                yield result(ok);
            }
            case ModifyOrder.MESSAGE_TYPE -> {
                boolean ok = lengthIs(length, ModifyOrder.LENGTH);
                if (ok) {
                    l.modifyOrder(modifyOrder.wrap(segment, offset));
                }
                yield result(ok);
            }
            case 'N' -> skip(length, TRADE_NOW_LENGTH);
            default -> unknownType();
        };
    }
}
