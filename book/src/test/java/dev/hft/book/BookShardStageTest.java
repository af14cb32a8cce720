package dev.hft.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.lmax.disruptor.RingBuffer;

import dev.hft.events.BookEvent;
import dev.hft.events.ItchEvent;
import dev.hft.pipeline.Ring;
import dev.hft.wire.itch.ItchAlpha;

/** Steps a shard on the test thread and asserts the exact BookEvents it publishes. */
class BookShardStageTest {

    private static final int MSFT = 5;

    private RingBuffer<BookEvent> buffer;
    private BookShardStage stage;
    private long sequence;
    private long read;

    @BeforeEach
    void setUp() {
        buffer = RingBuffer.createSingleProducer(BookEvent.TYPE.factory(256), 256);
        stage = new BookShardStage("book-3", 3, new OrderBooks(16, 4), new Ring<>("strategy", buffer), 2,
                Itch.counters());
    }

    private void send(byte[]... messages) {
        for (byte[] m : messages) {
            stage.onEvent(Itch.event(m, ++sequence), sequence, false);
        }
        stage.onEvent(Itch.endOfPacket(sequence), sequence, true);
    }

    /** The events published since the last call, one line each. */
    private List<String> published() {
        List<String> out = new ArrayList<>();
        for (; read <= buffer.getCursor(); read++) {
            BookEvent e = buffer.get(read);
            String head = e.shard + " " + e.locate + " seq=" + e.sequence + " rx=" + e.receiveNanos + " ";
            out.add(head + switch (e.kind) {
                case BookEvent.TOP -> "TOP " + e.bidPrice + "/" + e.bidShares + "/" + e.bidOrders + " "
                        + e.askPrice + "/" + e.askShares + "/" + e.askOrders;
                case BookEvent.DEPTH -> {
                    StringBuilder levels = new StringBuilder("DEPTH " + (e.side == OrderBook.BID ? "bid" : "ask"));
                    for (int i = 0; i < e.levels; i++) {
                        levels.append(' ').append(e.prices[i]).append('/').append(e.shares[i]).append('/')
                                .append(e.orders[i]);
                    }
                    yield levels.toString();
                }
                case BookEvent.TRADE -> "TRADE " + (char) e.tradeType + " side=" + e.side + " " + e.tradeShares + "@"
                        + e.tradePrice + " match=" + e.matchNumber;
                case BookEvent.TRADING_STATE -> "STATE " + (char) e.tradingState;
                case BookEvent.END_OF_PACKET -> "END_OF_PACKET";
                default -> "kind " + e.kind;
            });
        }
        return out;
    }

    @Test
    void publishesCoalescedTopAndDepthThenEndOfPacket() {
        send(Itch.stockDirectory(MSFT, "MSFT"), Itch.add(MSFT, 1, 'B', 100, 1000), Itch.add(MSFT, 2, 'B', 50, 1000),
                Itch.add(MSFT, 3, 'S', 70, 1100));
        assertEquals(List.of(
                "3 5 seq=4 rx=1004 TOP 1000/150/2 1100/70/1",
                "3 5 seq=4 rx=1004 DEPTH bid 1000/150/2",
                "3 5 seq=4 rx=1004 DEPTH ask 1100/70/1",
                "3 0 seq=4 rx=1004 END_OF_PACKET"), published());
        assertEquals(ItchAlpha.stock("MSFT"), buffer.get(0).stock);
    }

    @Test
    void tradesGoOutAsAppliedAndTopOnlyWhenItChanged() {
        send(Itch.add(MSFT, 1, 'B', 100, 1000), Itch.add(MSFT, 2, 'B', 50, 1000), Itch.add(MSFT, 3, 'S', 70, 1100));
        published();

        send(Itch.execute(MSFT, 1, 30, 9), Itch.add(MSFT, 4, 'B', 10, 900));
        assertEquals(List.of(
                "3 5 seq=4 rx=1004 TRADE E side=0 30@1000 match=9",
                "3 5 seq=5 rx=1005 TOP 1000/120/2 1100/70/1",
                "3 5 seq=5 rx=1005 DEPTH bid 1000/120/2 900/10/1",
                "3 0 seq=5 rx=1005 END_OF_PACKET"), published());

        send(Itch.add(MSFT, 5, 'B', 10, 800), Itch.tradingAction(MSFT, "MSFT", 'H'));
        assertEquals(List.of(
                "3 5 seq=7 rx=1007 STATE H",
                "3 0 seq=7 rx=1007 END_OF_PACKET"), published(), "a level below depth 2 publishes nothing");

        send(Itch.add(MSFT, 6, 'S', 5, 1050), Itch.delete(MSFT, 6), Itch.trade(MSFT, 'S', 40, 1075, 11),
                Itch.executeWithPrice(MSFT, 3, 70, 12, 1090));
        assertEquals(List.of(
                "3 5 seq=10 rx=1010 TRADE P side=1 40@1075 match=11",
                "3 5 seq=11 rx=1011 TRADE C side=1 70@1090 match=12",
                "3 5 seq=11 rx=1011 TOP 1000/120/2 0/0/0",
                "3 5 seq=11 rx=1011 DEPTH ask",
                "3 0 seq=11 rx=1011 END_OF_PACKET"), published());

        send(Itch.add(MSFT, 7, 'S', 5, 1050), Itch.delete(MSFT, 7));
        assertEquals(List.of(
                "3 5 seq=13 rx=1013 DEPTH ask",
                "3 0 seq=13 rx=1013 END_OF_PACKET"), published(), "top unchanged over the packet: no TOP");
    }

    @Test
    void endOfBatchInsideAPacketPublishesNothingEarly() {
        stage.onEvent(Itch.event(Itch.add(MSFT, 1, 'B', 100, 1000), 1), 1, true);
        assertEquals(List.of(), published());
        stage.onEvent(Itch.endOfPacket(1), 2, true);
        assertEquals(3, published().size());
    }

    @Test
    void withoutAnOutputRingTheBooksStillUpdate() {
        BookShardStage quiet = Itch.replay(List.of(Itch.add(MSFT, 1, 'B', 100, 1000), Itch.execute(MSFT, 1, 40, 1)),
                1, 1).get(0);
        assertEquals(0, quiet.published());
        assertEquals(60, quiet.books().orderShares(1));
        assertEquals(40, quiet.books().book(MSFT).executedShares());
    }

    @Test
    void badMessagesAndControlsAreCountedNotThrown() {
        ItchEvent truncated = Itch.event(Itch.add(MSFT, 1, 'B', 100, 1000), 1);
        truncated.length = 20;
        stage.onEvent(truncated, 1, false);
        ItchEvent unknown = Itch.event(new byte[] {'z', 0, 5, 0, 0, 0, 0, 0, 0, 0, 0}, 2);
        stage.onEvent(unknown, 2, false);
        ItchEvent empty = Itch.event(new byte[0], 3);
        stage.onEvent(empty, 3, false);
        ItchEvent control = Itch.endOfPacket(4);
        control.kind = ItchEvent.CONTROL;
        stage.onEvent(control, 4, true);
        assertEquals(2, stage.decoder().badLengths());
        assertEquals(1, stage.decoder().unknownTypes());
        assertEquals(0, stage.books().liveOrders());
        assertEquals(List.of(), published());
    }

    @Test
    void rejectsADepthBeyondTheEventsArrays() {
        assertThrows(IllegalArgumentException.class, () -> new BookShardStage("b", 0, new OrderBooks(1, 1), null,
                BookEvent.MAX_DEPTH + 1, Itch.counters()));
    }
}
