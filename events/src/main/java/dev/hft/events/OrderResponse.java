package dev.hft.events;

import com.lmax.disruptor.EventFactory;

import dev.hft.pipeline.EventType;
import dev.hft.wire.ouch.OuchTypes;

/**
 * The event on the egress → strategy ring: one OUCH 4.2 venue message, flattened. A field a message does not
 * carry is left at zero (bytes) or all zeros (tokens).
 *
 * <pre>
 *   kind             from  fields set
 *   SYSTEM_EVENT     S     reason (event code S / E)
 *   ACCEPTED         A     token side shares stock price timeInForce display orderReferenceNumber orderState
 *   REPLACED         U     token (the replacement) previousToken side shares stock price timeInForce display orderReferenceNumber orderState
 *   CANCELED         C, D  token shares (decrement) reason; from D also quantityPrevented price (execution) liquidityFlag
 *   EXECUTED         E     token shares (executed) price (execution) liquidityFlag matchNumber
 *   BROKEN           B     token matchNumber reason
 *   REJECTED         J     token reason
 *   CANCEL_PENDING   P     token
 *   CANCEL_REJECT    I     token
 *   PRIORITY_UPDATE  T     token price display orderReferenceNumber
 *   MODIFIED         M     token side shares
 *   NOT_SENT         -     token (the Enter's, the Replace's replacement, or the order a Cancel was for) reason (the
 *                          OUCH type of the command that did not leave: O, U, X, M); egress never sent it
 *   LINK_DOWN        -     the order-entry session dropped: commands in flight may or may not have reached the venue
 *   LINK_UP          -     logged in (again)
 * </pre>
 *
 * The last three come from the egress stage itself, not from the venue: their sequence is 0.
 */
public final class OrderResponse {

    public enum Kind {
        SYSTEM_EVENT, ACCEPTED, REPLACED, CANCELED, EXECUTED, BROKEN, REJECTED, CANCEL_PENDING, CANCEL_REJECT,
        PRIORITY_UPDATE, MODIFIED, NOT_SENT, LINK_DOWN, LINK_UP
    }

    public Kind kind = Kind.SYSTEM_EVENT;
    /** The venue's timestamp, nanoseconds since midnight. */
    public long timestamp;
    public final byte[] token = new byte[OuchTypes.TOKEN_LENGTH];
    public final byte[] previousToken = new byte[OuchTypes.TOKEN_LENGTH];
    public byte side;
    public int shares;
    public long stock;
    public int price;
    public int timeInForce;
    public byte display;
    public long orderReferenceNumber;
    public byte orderState;
    /** Cancel reason, reject reason, broken-trade reason, or the system event code. */
    public byte reason;
    public byte liquidityFlag;
    public long matchNumber;
    public int quantityPrevented;
    /** SoupBinTCP sequence number of the message (0 when the transport has none). */
    public long sequence;
    /** When the message was read from the transport ({@link System#nanoTime()} clock). */
    public long receiveNanos;

    /** Zeroes every field so nothing from the slot's previous use shows through. */
    public void clear() {
        kind = Kind.SYSTEM_EVENT;
        timestamp = 0;
        java.util.Arrays.fill(token, (byte) 0);
        java.util.Arrays.fill(previousToken, (byte) 0);
        side = 0;
        shares = 0;
        stock = 0;
        price = 0;
        timeInForce = 0;
        display = 0;
        orderReferenceNumber = 0;
        orderState = 0;
        reason = 0;
        liquidityFlag = 0;
        matchNumber = 0;
        quantityPrevented = 0;
        sequence = 0;
        receiveNanos = 0;
    }

    public static final EventType<OrderResponse> TYPE = new Provider();

    /** Registered through {@link java.util.ServiceLoader}: {@code event: order-response}. */
    public static final class Provider implements EventType<OrderResponse> {
        @Override
        public String name() {
            return "order-response";
        }

        @Override
        public Class<OrderResponse> eventClass() {
            return OrderResponse.class;
        }

        @Override
        public EventFactory<OrderResponse> factory(int ringSize) {
            return OrderResponse::new;
        }
    }
}
