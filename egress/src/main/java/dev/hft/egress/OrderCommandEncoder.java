package dev.hft.egress;

import java.lang.foreign.MemorySegment;

import dev.hft.events.OrderCommand;
import dev.hft.wire.ouch.CancelOrder;
import dev.hft.wire.ouch.EnterOrder;
import dev.hft.wire.ouch.ModifyOrder;
import dev.hft.wire.ouch.ReplaceOrder;

/** Writes an {@link OrderCommand} as its OUCH 4.2 client message into any memory: a socket buffer, an mbuf. */
public final class OrderCommandEncoder {

    private final EnterOrder enterOrder = new EnterOrder();
    private final ReplaceOrder replaceOrder = new ReplaceOrder();
    private final CancelOrder cancelOrder = new CancelOrder();
    private final ModifyOrder modifyOrder = new ModifyOrder();

    /** Bytes the OUCH message of {@code kind} takes. */
    public static int length(OrderCommand.Kind kind) {
        return switch (kind) {
            case ENTER -> EnterOrder.LENGTH;
            case REPLACE -> ReplaceOrder.LENGTH;
            case CANCEL -> CancelOrder.LENGTH;
            case MODIFY -> ModifyOrder.LENGTH;
        };
    }

    /** Encodes {@code command} at {@code offset}, which must have {@link #length} bytes of room; returns that length. */
    public int encode(OrderCommand command, MemorySegment segment, long offset) {
        switch (command.kind) {
            case ENTER -> enterOrder.wrapForEncode(segment, offset)
                    .orderToken(command.token)
                    .buySellIndicator(command.side)
                    .shares(command.shares)
                    .stock(command.stock)
                    .price(command.price)
                    .timeInForce(command.timeInForce)
                    .firm(command.firm)
                    .display(command.display)
                    .capacity(command.capacity)
                    .intermarketSweepEligibility(command.intermarketSweep)
                    .minimumQuantity(command.minimumQuantity)
                    .crossType(command.crossType)
                    .customerType(command.customerType);
            case REPLACE -> replaceOrder.wrapForEncode(segment, offset)
                    .existingOrderToken(command.token)
                    .replacementOrderToken(command.replacementToken)
                    .shares(command.shares)
                    .price(command.price)
                    .timeInForce(command.timeInForce)
                    .display(command.display)
                    .intermarketSweepEligibility(command.intermarketSweep)
                    .minimumQuantity(command.minimumQuantity);
            case CANCEL -> cancelOrder.wrapForEncode(segment, offset)
                    .orderToken(command.token)
                    .shares(command.shares);
            case MODIFY -> modifyOrder.wrapForEncode(segment, offset)
                    .orderToken(command.token)
                    .buySellIndicator(command.side)
                    .shares(command.shares);
        }
        return length(command.kind);
    }
}
