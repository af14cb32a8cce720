package dev.hft.cli.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import dev.hft.book.BookShardStage;
import dev.hft.book.BookStageFactory;
import dev.hft.ingress.source.BinaryFileSource;
import dev.hft.ingress.stage.ItchFileStageFactory;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;

/**
 * {@code kind: file-book}: {@link FileBookStage}, book shards that each read a BinaryFILE day (plain or gzip) and keep
 * the books of their own locates, with no ring in between; a source, so it has no input, and it publishes nothing.
 * Params: {@code path}, {@code batch} (records per step, default {@value BinaryFileSource#DEFAULT_BATCH}) and the book
 * kind's {@code order_capacity}, {@code level_capacity}, {@code levels_per_side}.
 */
public final class FileBookStageFactory implements StageFactory {

    private static final Set<String> KEYS = Set.of("path", "batch", "order_capacity", "level_capacity", "levels_per_side");

    @Override
    public String kind() {
        return "file-book";
    }

    @Override
    public String inputEvent() {
        return null;
    }

    @Override
    public void validate(Params params, BiConsumer<String, String> problems) {
        for (String key : params.asMap().keySet()) {
            if (!KEYS.contains(key)) {
                problems.accept(key, "unknown parameter; file-book takes " + new TreeSet<>(KEYS));
            }
        }
        String path = params.string("path", null);
        if (path == null) {
            problems.accept("path", "required: the BinaryFILE day to read");
        } else if (!Files.isReadable(Path.of(path))) {
            problems.accept("path", "cannot read '" + path + "'");
        } else if (ItchFileStageFactory.isPcap(Path.of(path))) {
            problems.accept("path", "'" + path + "' is a pcap; file-book reads BinaryFILE days (a pcap replays through kind: itch-file)");
        }
        if (params.intValue("batch", BinaryFileSource.DEFAULT_BATCH) < 1) {
            problems.accept("batch", "must be at least 1");
        }
        new BookStageFactory().validate(params, problems);
    }

    @Override
    public Object create(StageContext context) throws IOException {
        Params params = context.params();
        BookShardStage book = new BookShardStage(context.role(), context.instance(), BookStageFactory.books(params), null, 0,
                context::counter);
        return new FileBookStage(book, context.instance(), context.instances(), Path.of(params.string("path", "")),
                params.intValue("batch", BinaryFileSource.DEFAULT_BATCH), context::counter);
    }
}
