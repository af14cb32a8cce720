package dev.hft.cli.replay;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;

import org.agrona.concurrent.status.AtomicCounter;

import dev.hft.book.BookShardStage;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.ingress.route.MessageSink;
import dev.hft.ingress.route.ShardRouter;
import dev.hft.ingress.source.BinaryFileSource;
import dev.hft.pipeline.Stage;
import dev.hft.wire.itch.ItchMessage;
import dev.hft.wire.itch.ItchMessages;
import dev.hft.wire.net.BigEndian;

/**
 * One book shard that reads the whole BinaryFILE day itself and applies, in place, the messages of the stock locates
 * it owns ({@code locate % shards}; market-wide S, V and W go to every shard), with no source thread, router, copy or
 * ring between the file and the book ({@code kind: file-book}, {@code hft replay --layout direct}). Every shard reads
 * every record, so a skipped record costs its length and type checks only.
 *
 * <p>Each shard checks every record as {@link ShardRouter} does, but only shard 0 publishes what the source side
 * counts ({@code records.read}, drops by reason, {@code messages.<type>} for the whole file): the same figures, under
 * shard 0's role, that a replay through the pipeline layout gives under its source's. The book counters are each
 * shard's own, as in that layout.
 */
public final class FileBookStage implements Stage, MessageSink {

    private static final int LOCATES = 1 << 16;
    private static final byte[] TYPES = ItchMessages.TYPES.getBytes(StandardCharsets.US_ASCII);

    private final BookShardStage book;
    private final BinaryFileSource source;
    /** Published by shard 0 only; every shard sees the same records. */
    private final DropCounters drops;
    private final boolean[] owned = new boolean[LOCATES];
    private final long[] typeCounts = new long[256];
    private final AtomicCounter[] publishedTypeCounts = new AtomicCounter[256];

    /**
     * @param book     the shard's book stage; it must publish nothing
     * @param counters the stage's counters by name; shard 0 publishes the source-side counts through it
     */
    FileBookStage(BookShardStage book, int shard, int shards, Path day, int batch, Function<String, AtomicCounter> counters)
            throws IOException {
        if (book.publishes()) {
            throw new IllegalArgumentException(book.role() + ": a file-book shard applies messages in place and publishes no book events");
        }
        this.book = book;
        for (int locate = 0; locate < LOCATES; locate++) {
            owned[locate] = locate % shards == shard;
        }
        boolean counting = shard == 0;
        this.drops = counting ? new DropCounters().publishTo(counters) : new DropCounters();
        BinaryFileSource reader = BinaryFileSource.open(book.role(), day, this, drops, batch);
        if (counting) {
            reader.publishTo(counters);
            for (char type : ItchMessages.TYPES.toCharArray()) {
                publishedTypeCounts[type] = counters.apply("messages." + type);
            }
        }
        this.source = reader;
    }

    @Override
    public String role() {
        return book.role();
    }

    @Override
    public int doWork() {
        return source.doWork();
    }

    @Override
    public boolean isExhausted() {
        return source.isExhausted();
    }

    @Override
    public void onMessage(MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
        DropReason rejected = ShardRouter.reject(segment, offset, length);
        if (rejected != null) {
            drops.add(rejected);
            return;
        }
        byte type = segment.get(ValueLayout.JAVA_BYTE, offset);
        typeCounts[type & 0xFF]++;
        if (owned[BigEndian.u16(segment, offset + ItchMessage.STOCK_LOCATE_OFFSET)] || ShardRouter.marketWide(type)) {
            book.apply(segment, offset, length, sequence, receiveNanos);
        }
    }

    /** Once per batch of records: the counters, as the ring-fed stages refresh theirs once per batch. */
    @Override
    public void onPacketEnd() {
        for (int i = 0; i < TYPES.length; i++) {
            AtomicCounter counter = publishedTypeCounts[TYPES[i]];
            if (counter != null) {
                counter.setRelease(typeCounts[TYPES[i]]);
            }
        }
        book.publishCounters();
    }

    /** The shard's book stage: its books and decoder. */
    public BookShardStage book() {
        return book;
    }

    @Override
    public void onStop() {
        try {
            source.close();
        } finally {
            book.onStop();
        }
    }
}
