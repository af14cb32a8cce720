package dev.hft.book;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import dev.hft.wire.itch.AddOrder;
import dev.hft.wire.itch.ItchDecoder;
import dev.hft.wire.itch.ItchMessage;
import dev.hft.wire.itch.ItchMessages;
import dev.hft.wire.itch.OperationalHalt;
import dev.hft.wire.itch.OrderCancel;
import dev.hft.wire.itch.OrderExecuted;
import dev.hft.wire.itch.OrderExecutedWithPrice;
import dev.hft.wire.itch.OrderReplace;
import dev.hft.wire.itch.StockDirectory;
import dev.hft.wire.itch.StockTradingAction;
import dev.hft.wire.itch.Trade;

/**
 * The book's own ITCH 5.0 decoding: reads the fields the books use straight from the message bytes and applies
 * them to {@link OrderBooks}, with the checks, result codes and counters of {@link ItchDecoder} (type and exact
 * length against {@link ItchMessages}; a bad message is counted, never thrown, and changes nothing). Messages
 * that do not change books (S, Y, L, V, W, K, J, Q, B, I, N, O) are checked and counted only.
 *
 * <p>It exists for speed: {@link ItchDecoder} wraps a flyweight and calls an {@link dev.hft.wire.itch.ItchListener}
 * for each of 23 types, and C2 stops inlining inside its large dispatch, so the most frequent messages went
 * through real calls and flyweight accessors. Here each message is a few big-endian reads in one small switch.
 * Same effect as {@code new ItchDecoder(new BookUpdater(books))}. One thread. (Fields are read in place: a
 * helper method for the unsigned reads was compiled on its own and then not inlined, "already compiled into a
 * medium method".)
 */
public final class BookDecoder {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long LOW = 0xFFFF_FFFFL;
    /** The reference is at the same offset in A, F, E, C, X, D and U (original reference). */
    private static final int REF = AddOrder.ORDER_REFERENCE_NUMBER_OFFSET;

    private final OrderBooks books;
    private final long[] counts = new long[256];
    private long messages;
    private long unknownTypes;
    private long badLengths;

    public BookDecoder(OrderBooks books) {
        this.books = books;
    }

    public OrderBooks books() {
        return books;
    }

    /**
     * Decodes the message of {@code length} bytes at {@code offset} in {@code segment} and applies it.
     *
     * @return {@link ItchDecoder#OK}, {@link ItchDecoder#UNKNOWN_TYPE} or {@link ItchDecoder#BAD_LENGTH}
     */
    public int decode(MemorySegment segment, long offset, int length) {
        if (length <= 0 || offset < 0 || offset > segment.byteSize() - length) {
            badLengths++;
            return ItchDecoder.BAD_LENGTH;
        }
        byte type = segment.get(JAVA_BYTE, offset);
        int expected = ItchMessages.length(type);
        if (expected == 0) {
            unknownTypes++;
            return ItchDecoder.UNKNOWN_TYPE;
        }
        if (length != expected) {
            badLengths++;
            return ItchDecoder.BAD_LENGTH;
        }
        int locate = segment.get(U16, offset + ItchMessage.STOCK_LOCATE_OFFSET) & 0xFFFF;
        switch (type) {
            case 'A', 'F' -> books.add(locate, segment.get(U64, offset + REF),
                    OrderBooks.side(segment.get(JAVA_BYTE, offset + AddOrder.BUY_SELL_INDICATOR_OFFSET)),
                    segment.get(U32, offset + AddOrder.SHARES_OFFSET) & LOW, segment.get(U32, offset + AddOrder.PRICE_OFFSET) & LOW);
            case 'E' -> books.execute(locate, segment.get(U64, offset + REF),
                    segment.get(U32, offset + OrderExecuted.EXECUTED_SHARES_OFFSET) & LOW,
                    segment.get(U64, offset + OrderExecuted.MATCH_NUMBER_OFFSET));
            case 'C' -> books.executeWithPrice(locate, segment.get(U64, offset + REF),
                    segment.get(U32, offset + OrderExecutedWithPrice.EXECUTED_SHARES_OFFSET) & LOW,
                    segment.get(U64, offset + OrderExecutedWithPrice.MATCH_NUMBER_OFFSET),
                    segment.get(U32, offset + OrderExecutedWithPrice.EXECUTION_PRICE_OFFSET) & LOW);
            case 'X' -> books.cancel(locate, segment.get(U64, offset + REF),
                    segment.get(U32, offset + OrderCancel.CANCELLED_SHARES_OFFSET) & LOW);
            case 'D' -> books.delete(locate, segment.get(U64, offset + REF));
            case 'U' -> books.replace(locate, segment.get(U64, offset + REF),
                    segment.get(U64, offset + OrderReplace.NEW_ORDER_REFERENCE_NUMBER_OFFSET),
                    segment.get(U32, offset + OrderReplace.SHARES_OFFSET) & LOW, segment.get(U32, offset + OrderReplace.PRICE_OFFSET) & LOW);
            case 'P' -> books.trade(locate, OrderBooks.side(segment.get(JAVA_BYTE, offset + Trade.BUY_SELL_INDICATOR_OFFSET)),
                    segment.get(U32, offset + Trade.SHARES_OFFSET) & LOW, segment.get(U32, offset + Trade.PRICE_OFFSET) & LOW,
                    segment.get(U64, offset + Trade.MATCH_NUMBER_OFFSET));
            case 'R' -> books.stockDirectory(locate, segment.get(U64, offset + StockDirectory.STOCK_OFFSET));
            case 'H' -> books.tradingAction(locate, segment.get(JAVA_BYTE, offset + StockTradingAction.TRADING_STATE_OFFSET));
            case 'h' -> books.operationalHalt(locate, segment.get(JAVA_BYTE, offset + OperationalHalt.OPERATIONAL_HALT_ACTION_OFFSET));
            default -> {
            }
        }
        messages++;
        counts[type & 0xFF]++;
        return ItchDecoder.OK;
    }

    /** Messages of {@code type} decoded (and applied, for the book types). */
    public long count(byte type) {
        return counts[type & 0xFF];
    }

    /** Messages decoded, all types. */
    public long messages() {
        return messages;
    }

    /** Messages dropped as {@link ItchDecoder#UNKNOWN_TYPE}. */
    public long unknownTypes() {
        return unknownTypes;
    }

    /** Messages dropped as {@link ItchDecoder#BAD_LENGTH}. */
    public long badLengths() {
        return badLengths;
    }

}
