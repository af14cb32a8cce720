package dev.hft.journal;

import java.nio.charset.StandardCharsets;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

import dev.hft.events.OrderCommand;
import dev.hft.events.OrderResponse;
import dev.hft.wire.ouch.OuchTypes;

/**
 * Appends records for one stage, from the stage's thread only (Chronicle appenders are single-threaded; this one is
 * made on the first append, so on the thread that uses it). Each method returns once the record is in the journal
 * (see {@link Journal} for what that survives). Nothing here allocates after the first append.
 */
public final class JournalWriter {

    private final Journal journal;
    private ExcerptAppender appender;
    private long appended;

    JournalWriter(Journal journal) {
        this.journal = journal;
    }

    public Journal journal() {
        return journal;
    }

    /** Records appended by this writer. */
    public long appended() {
        return appended;
    }

    /** An order command, before it is published to the egress ring. */
    public void command(OrderCommand c) {
        DocumentContext dc = begin(JournalRecord.COMMAND);
        try (dc) {
            JournalRecord.writeCommand(dc.wire().bytes(), c);
        }
        done(dc);
    }

    /**
     * An intent pre-trade risk refused.
     *
     * @param owner  the strategy's token prefix, space-padded to 14 bytes
     * @param token  the order the replace or cancel was for, -1 for an enter
     * @param reason the ordinal of the strategy's reject reason
     */
    public void riskReject(byte[] owner, OrderCommand.Kind intent, long token, int locate, int reason, byte side,
            int shares, int price) {
        DocumentContext dc = begin(JournalRecord.RISK_REJECT);
        try (dc) {
            Bytes<?> b = dc.wire().bytes();
            b.write(owner, 0, OuchTypes.TOKEN_LENGTH);
            b.writeByte((byte) intent.ordinal());
            b.writeLong(token);
            b.writeInt(locate);
            b.writeByte((byte) reason);
            b.writeByte(side);
            b.writeInt(shares);
            b.writeInt(price);
        }
        done(dc);
    }

    /** A response, before it is published to the response ring. */
    public void response(OrderResponse r) {
        DocumentContext dc = begin(JournalRecord.RESPONSE);
        try (dc) {
            JournalRecord.writeResponse(dc.wire().bytes(), r);
        }
        done(dc);
    }

    /** A session event (rare: allocates nothing but is not on the order path). */
    public void session(byte event, String session, long sequence, long offered) {
        byte[] name = String.format("%-10s", session == null ? "" : session).getBytes(StandardCharsets.US_ASCII);
        DocumentContext dc = begin(JournalRecord.SESSION);
        try (dc) {
            Bytes<?> b = dc.wire().bytes();
            b.writeByte(event);
            b.writeLong(sequence);
            b.writeLong(offered);
            b.write(name, 0, 10);
        }
        done(dc);
    }

    private DocumentContext begin(byte type) {
        if (appender == null) {
            appender = journal.queue().createAppender();
        }
        DocumentContext dc = appender.writingDocument();
        Bytes<?> b = dc.wire().bytes();
        b.writeByte(JournalRecord.VERSION);
        b.writeByte(type);
        b.writeLong(System.currentTimeMillis() * 1_000_000L);
        return dc;
    }

    /** Counts the record; with {@code sync}, msyncs the mapped file up to its end (the close wrote its header). */
    private void done(DocumentContext dc) {
        appended++;
        if (journal.sync()) {
            Bytes<?> b = dc.wire().bytes();
            if (b.bytesStore() instanceof MappedBytesStore mapped) {
                mapped.syncUpTo(b.writePosition(), SyncMode.SYNC);
            }
        }
    }

    /** Closes this writer's appender; call from the stage's thread when it stops. */
    public void close() {
        if (appender != null) {
            appender.close();
            appender = null;
        }
    }
}
