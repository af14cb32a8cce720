package dev.hft.strategy;

import java.util.ArrayList;
import java.util.List;

import dev.hft.events.OrderCommand;
import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.StageContext;
import dev.hft.wire.ouch.OuchTypes;

/** A test stage in place of egress: records each order command as text. */
public final class OrderSink implements EventStage<OrderCommand> {

    final List<String> commands = new ArrayList<>();
    private final String role;

    public OrderSink(StageContext context) {
        role = context.role();
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public void onEvent(OrderCommand c, long sequence, boolean endOfBatch) {
        commands.add(c.kind + " " + (char) c.side + " " + c.shares + " " + OuchTypes.alpha(c.stock, 8) + " "
                + c.price + " " + c.timeInForce + " locate " + c.stockLocate);
    }
}
