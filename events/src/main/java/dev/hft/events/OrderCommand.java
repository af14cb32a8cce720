package dev.hft.events;

import com.lmax.disruptor.EventFactory;

import dev.hft.pipeline.Control;
import dev.hft.pipeline.EventType;
import dev.hft.wire.ouch.OuchTypes;

/**
 * The event on the strategy → egress ring: one order instruction, encoded by the egress stage as one OUCH 4.2
 * client message. Which fields count depends on {@link #kind}:
 *
 * <pre>
 *   ENTER    token side shares stock price timeInForce firm display capacity intermarketSweep minimumQuantity crossType customerType
 *   REPLACE  token replacementToken shares price timeInForce display intermarketSweep minimumQuantity
 *   CANCEL   token shares (the new intended size; 0 cancels all)
 *   MODIFY   token side shares
 * </pre>
 *
 * The remaining fields carry the decision's context for risk, reports and tick-to-trade measurement.
 */
public final class OrderCommand {

    public enum Kind { ENTER, REPLACE, CANCEL, MODIFY }

    public Kind kind = Kind.ENTER;
    /**
     * {@link dev.hft.pipeline.Control#NONE} for an order; otherwise this event is a control message for the egress
     * stage (HALT, RESUME, KILL_SWITCH) and every other field is ignored.
     */
    public int control = Control.NONE;
    /** Order Token (ENTER), or the token of the live order (REPLACE, CANCEL, MODIFY). */
    public final byte[] token = new byte[OuchTypes.TOKEN_LENGTH];
    public final byte[] replacementToken = new byte[OuchTypes.TOKEN_LENGTH];
    /** Buy/Sell Indicator: {@code B S T E}. */
    public byte side = OuchTypes.BUY;
    public int shares;
    /** The 8-byte Stock alpha as a big-endian long ({@link OuchTypes#stock(String)}). */
    public long stock;
    /** Price with 4 implied decimals. */
    public int price;
    public int timeInForce = OuchTypes.TIF_MARKET_HOURS;
    /** The 4-byte Firm alpha as an int; all spaces means the account's default firm. */
    public int firm = 0x20202020;
    public byte display = 'A';
    public byte capacity = 'P';
    public byte intermarketSweep = 'N';
    public int minimumQuantity;
    public byte crossType = 'N';
    public byte customerType = ' ';
    /** The strategy's own id for the decision that made this order. */
    public long intentId;
    /** ITCH stock locate of the instrument, for routing responses and books. */
    public int stockLocate;
    /** When the strategy decided ({@link System#nanoTime()} clock). */
    public long decisionNanos;
    /** Receipt time of the market-data packet that caused the decision ({@link System#nanoTime()} clock). */
    public long receiveNanos;

    public static final EventType<OrderCommand> TYPE = new Provider();

    /** Registered through {@link java.util.ServiceLoader}: {@code event: order}. */
    public static final class Provider implements EventType<OrderCommand> {
        @Override
        public String name() {
            return "order";
        }

        @Override
        public Class<OrderCommand> eventClass() {
            return OrderCommand.class;
        }

        @Override
        public EventFactory<OrderCommand> factory(int ringSize) {
            return OrderCommand::new;
        }
    }
}
