package dev.hft.journal;

import java.nio.charset.StandardCharsets;

import net.openhft.chronicle.bytes.Bytes;

import dev.hft.events.OrderCommand;
import dev.hft.events.OrderResponse;
import dev.hft.wire.ouch.OuchTypes;

/**
 * One journal record as {@link Journal#replay} hands it out (one reused object). Every record starts with the format
 * version (1), the type and the wall-clock time of the append ({@link #epochNanos}, millisecond resolution); then:
 *
 * <pre>
 *   COMMAND      an order command as the strategy published it        {@link #command}
 *   RISK_REJECT  an intent pre-trade risk refused: the strategy's token prefix ({@link #owner}), the intent
 *                ({@link #intent}), the token it was for (-1: an enter), locate, reason (ordinal of the strategy's
 *                RejectReason), side, shares, price
 *   RESPONSE     a venue response (sequence = its SoupBinTCP number) or egress's own notice (sequence 0) {@link #response}
 *   SESSION      a session event: LOGIN_ACCEPTED (session, next sequence), DISCONNECTED, LOGIN_REJECTED,
 *                END_OF_SESSION, SEQUENCE_MISMATCH (asked for {@link #sequence}, offered {@link #offered})
 * </pre>
 */
public final class JournalRecord {

    /** What {@link Journal#replay} calls per record. */
    public interface Handler {
        void onRecord(JournalRecord record);
    }

    static final byte VERSION = 1;

    public static final byte COMMAND = 1;
    public static final byte RISK_REJECT = 2;
    public static final byte RESPONSE = 3;
    public static final byte SESSION = 4;

    public static final byte LOGIN_ACCEPTED = 1;
    public static final byte DISCONNECTED = 2;
    public static final byte LOGIN_REJECTED = 3;
    public static final byte END_OF_SESSION = 4;
    public static final byte SEQUENCE_MISMATCH = 5;

    private static final OrderCommand.Kind[] COMMAND_KINDS = OrderCommand.Kind.values();
    private static final OrderResponse.Kind[] RESPONSE_KINDS = OrderResponse.Kind.values();

    public byte type;
    public long epochNanos;
    public final OrderCommand command = new OrderCommand();
    public final OrderResponse response = new OrderResponse();
    public final byte[] owner = new byte[OuchTypes.TOKEN_LENGTH];
    public OrderCommand.Kind intent = OrderCommand.Kind.ENTER;
    public long intentToken;
    public int locate;
    public int reason;
    public byte side;
    public int shares;
    public int price;
    public byte sessionEvent;
    public String session = "";
    public long sequence;
    public long offered;

    void read(Bytes<?> b) {
        byte version = b.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("journal record of format " + version + ", this build reads " + VERSION
                    + ": start a new trading day");
        }
        type = b.readByte();
        epochNanos = b.readLong();
        switch (type) {
            case COMMAND -> readCommand(b);
            case RISK_REJECT -> {
                b.read(owner);
                intent = COMMAND_KINDS[b.readByte()];
                intentToken = b.readLong();
                locate = b.readInt();
                reason = b.readByte();
                side = b.readByte();
                shares = b.readInt();
                price = b.readInt();
            }
            case RESPONSE -> readResponse(b);
            case SESSION -> {
                sessionEvent = b.readByte();
                sequence = b.readLong();
                offered = b.readLong();
                byte[] name = new byte[10];
                b.read(name);
                session = new String(name, StandardCharsets.US_ASCII).strip();
            }
            default -> throw new IllegalStateException("unknown journal record type " + type);
        }
    }

    private void readCommand(Bytes<?> b) {
        OrderCommand c = command;
        c.kind = COMMAND_KINDS[b.readByte()];
        b.read(c.token);
        b.read(c.replacementToken);
        c.intentId = b.readLong();
        c.stockLocate = b.readInt();
        c.side = b.readByte();
        c.shares = b.readInt();
        c.stock = b.readLong();
        c.price = b.readInt();
        c.timeInForce = b.readInt();
        c.firm = b.readInt();
        c.display = b.readByte();
        c.capacity = b.readByte();
        c.intermarketSweep = b.readByte();
        c.minimumQuantity = b.readInt();
        c.crossType = b.readByte();
        c.customerType = b.readByte();
    }

    static void writeCommand(Bytes<?> b, OrderCommand c) {
        b.writeByte((byte) c.kind.ordinal());
        b.write(c.token);
        b.write(c.replacementToken);
        b.writeLong(c.intentId);
        b.writeInt(c.stockLocate);
        b.writeByte(c.side);
        b.writeInt(c.shares);
        b.writeLong(c.stock);
        b.writeInt(c.price);
        b.writeInt(c.timeInForce);
        b.writeInt(c.firm);
        b.writeByte(c.display);
        b.writeByte(c.capacity);
        b.writeByte(c.intermarketSweep);
        b.writeInt(c.minimumQuantity);
        b.writeByte(c.crossType);
        b.writeByte(c.customerType);
    }

    private void readResponse(Bytes<?> b) {
        OrderResponse r = response;
        r.clear();
        r.kind = RESPONSE_KINDS[b.readByte()];
        r.sequence = b.readLong();
        r.timestamp = b.readLong();
        b.read(r.token);
        b.read(r.previousToken);
        r.side = b.readByte();
        r.shares = b.readInt();
        r.stock = b.readLong();
        r.price = b.readInt();
        r.timeInForce = b.readInt();
        r.display = b.readByte();
        r.orderReferenceNumber = b.readLong();
        r.orderState = b.readByte();
        r.reason = b.readByte();
        r.liquidityFlag = b.readByte();
        r.matchNumber = b.readLong();
        r.quantityPrevented = b.readInt();
    }

    static void writeResponse(Bytes<?> b, OrderResponse r) {
        b.writeByte((byte) r.kind.ordinal());
        b.writeLong(r.sequence);
        b.writeLong(r.timestamp);
        b.write(r.token);
        b.write(r.previousToken);
        b.writeByte(r.side);
        b.writeInt(r.shares);
        b.writeLong(r.stock);
        b.writeInt(r.price);
        b.writeInt(r.timeInForce);
        b.writeByte(r.display);
        b.writeLong(r.orderReferenceNumber);
        b.writeByte(r.orderState);
        b.writeByte(r.reason);
        b.writeByte(r.liquidityFlag);
        b.writeLong(r.matchNumber);
        b.writeInt(r.quantityPrevented);
    }

    /** A detached copy (allocates). */
    public JournalRecord copy() {
        JournalRecord c = new JournalRecord();
        c.type = type;
        c.epochNanos = epochNanos;
        copyCommand(command, c.command);
        copyResponse(response, c.response);
        System.arraycopy(owner, 0, c.owner, 0, owner.length);
        c.intent = intent;
        c.intentToken = intentToken;
        c.locate = locate;
        c.reason = reason;
        c.side = side;
        c.shares = shares;
        c.price = price;
        c.sessionEvent = sessionEvent;
        c.session = session;
        c.sequence = sequence;
        c.offered = offered;
        return c;
    }

    private static void copyCommand(OrderCommand from, OrderCommand to) {
        to.kind = from.kind;
        System.arraycopy(from.token, 0, to.token, 0, from.token.length);
        System.arraycopy(from.replacementToken, 0, to.replacementToken, 0, from.replacementToken.length);
        to.intentId = from.intentId;
        to.stockLocate = from.stockLocate;
        to.side = from.side;
        to.shares = from.shares;
        to.stock = from.stock;
        to.price = from.price;
        to.timeInForce = from.timeInForce;
        to.firm = from.firm;
        to.display = from.display;
        to.capacity = from.capacity;
        to.intermarketSweep = from.intermarketSweep;
        to.minimumQuantity = from.minimumQuantity;
        to.crossType = from.crossType;
        to.customerType = from.customerType;
    }

    private static void copyResponse(OrderResponse from, OrderResponse to) {
        to.kind = from.kind;
        to.sequence = from.sequence;
        to.timestamp = from.timestamp;
        System.arraycopy(from.token, 0, to.token, 0, from.token.length);
        System.arraycopy(from.previousToken, 0, to.previousToken, 0, from.previousToken.length);
        to.side = from.side;
        to.shares = from.shares;
        to.stock = from.stock;
        to.price = from.price;
        to.timeInForce = from.timeInForce;
        to.display = from.display;
        to.orderReferenceNumber = from.orderReferenceNumber;
        to.orderState = from.orderState;
        to.reason = from.reason;
        to.liquidityFlag = from.liquidityFlag;
        to.matchNumber = from.matchNumber;
        to.quantityPrevented = from.quantityPrevented;
    }

    @Override
    public String toString() {
        return switch (type) {
            case COMMAND -> "COMMAND " + command.kind + " " + new String(command.token, StandardCharsets.US_ASCII)
                    + (command.kind == OrderCommand.Kind.REPLACE ? "->" + new String(command.replacementToken, StandardCharsets.US_ASCII) : "")
                    + " " + (char) command.side + " " + command.shares + " @" + command.price;
            case RISK_REJECT -> "RISK_REJECT " + new String(owner, StandardCharsets.US_ASCII).strip() + " " + intent + " token "
                    + intentToken + " reason " + reason;
            case RESPONSE -> "RESPONSE #" + response.sequence + " " + response.kind + " "
                    + new String(response.token, StandardCharsets.US_ASCII) + " " + response.shares + " @" + response.price;
            case SESSION -> "SESSION " + sessionEvent + " '" + session + "' " + sequence + "/" + offered;
            default -> "record type " + type;
        };
    }
}
