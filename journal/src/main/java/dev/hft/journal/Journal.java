package dev.hft.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The order-entry journal of one OUCH session for one trading day: a Chronicle Queue (memory-mapped files, one
 * appender per writing thread) in its own folder, {@code <journal_dir>/<trading day>/}. The strategies of the session
 * append every command before it goes to the egress ring and every risk decision; the egress stage appends every
 * response before the strategies may see it, and the session's logins and disconnects. Read back from the start, it
 * rebuilds open orders, positions, tokens and the SoupBinTCP sequence after a restart (docs/order-entry.md).
 *
 * <p>A record is durable once its append returns: it is in the page cache, so it survives the death of this process
 * (kill -9, System.exit, a JVM crash). With {@code sync} every append also waits for msync, which survives a kernel
 * crash or power loss too, at the price of a disk write per record.
 *
 * <p>One process at a time: the folder's {@code journal.lock} is locked while the journal is open (a second process
 * gets an error naming the holder). Within a process, stages that name the same folder share one instance:
 * {@link #acquire} counts them and {@link #close} releases the folder with the last one.
 */
public final class Journal implements AutoCloseable {

    static {
        // the analytics jar is not on the class path (excluded in the build); this keeps them off should it come back;
        // the announcer only logs a release-notes banner at start
        for (String off : new String[] {"chronicle.analytics.disable", "chronicle.announcer.disable"}) {
            if (System.getProperty(off) == null) {
                System.setProperty(off, "true");
            }
        }
        // Chronicle logs at INFO how long it took to map files; only its warnings belong in a run's output
        if (System.getProperty("org.slf4j.simpleLogger.log.net.openhft") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.net.openhft", "warn");
        }
    }

    /** The zone whose calendar date is the default trading day: NASDAQ's. */
    public static final ZoneId TRADING_ZONE = ZoneId.of("America/New_York");
    private static final String DAY_PATTERN = "[0-9A-Za-z][0-9A-Za-z_.-]{0,63}";
    private static final String LOCK_FILE = "journal.lock";
    private static final Map<Path, Journal> OPEN = new HashMap<>();

    /** What the session part of a journal says, for the SoupBinTCP login after a restart. */
    public record SessionState(String session, long lastSequence, long records) {
    }

    private final Path dir;
    private final boolean sync;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ChronicleQueue queue;
    private int references;

    private Journal(Path dir, boolean sync) throws IOException {
        this.dir = dir;
        this.sync = sync;
        Files.createDirectories(dir);
        this.lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = lockChannel.tryLock();
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (held == null) {
            String holder = holder(lockChannel);
            lockChannel.close();
            throw new IllegalStateException("journal " + dir + " is in use by another process" + holder
                    + ": one process per OUCH session and trading day");
        }
        this.lock = held;
        byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
        lockChannel.truncate(0);
        lockChannel.write(ByteBuffer.wrap(pid), 0);
        try {
            this.queue = SingleChronicleQueueBuilder.binary(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).build();
        } catch (RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            int n = channel.read(b, 0);
            return n > 0 ? " (pid " + new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim() + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Opens the journal in {@code dir} (created if missing), or shares the instance this process already has open
     * there; every call needs its {@link #close()}.
     *
     * @param sync msync every record (see the class comment); the first opener decides for the process
     * @throws IllegalStateException when another process holds the folder
     */
    public static synchronized Journal acquire(Path dir, boolean sync) {
        Path key = dir.toAbsolutePath().normalize();
        Journal j = OPEN.get(key);
        if (j == null) {
            try {
                j = new Journal(key, sync);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open journal " + key, e);
            }
            OPEN.put(key, j);
        }
        j.references++;
        return j;
    }

    /** The folder of one trading day: {@code journalDir/day}. */
    public static Path dayDir(Path journalDir, String day) {
        if (!isDayKey(day)) {
            throw new IllegalArgumentException("a trading day is 1 to 64 of [0-9A-Za-z_.-], starting with a letter or"
                    + " digit, found '" + day + "'");
        }
        return journalDir.resolve(day);
    }

    public static boolean isDayKey(String day) {
        return day != null && day.matches(DAY_PATTERN);
    }

    /** Today's trading day key: the date in {@link #TRADING_ZONE}, e.g. {@code 2026-12-07}. */
    public static String today() {
        return LocalDate.now(TRADING_ZONE).toString();
    }

    /**
     * Deletes the journal files of {@code dir} (a day whose venue is gone, such as an embedded venue's last run); fails
     * while any process, this one included, has it open.
     */
    public static synchronized void wipe(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        if (OPEN.containsKey(key)) {
            throw new IllegalStateException("journal " + key + " is open in this process");
        }
        if (!Files.isDirectory(key)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(key.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                throw new IllegalStateException("journal " + key + " is in use by another process" + holder(channel));
            }
            try (Stream<Path> files = Files.list(key)) {
                for (Path f : files.filter(f -> f.getFileName().toString().matches(".*\\.cq4t?")).toList()) {
                    Files.delete(f);
                }
            } finally {
                held.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear journal " + key, e);
        }
    }

    public Path dir() {
        return dir;
    }

    boolean sync() {
        return sync;
    }

    ChronicleQueue queue() {
        return queue;
    }

    /** A writer for the calling stage; use it from one thread only (its appender is made on the first append). */
    public JournalWriter writer() {
        return new JournalWriter(this);
    }

    /** Hands every record from the first to {@code handler}, in journal order; the record object is reused. */
    public void replay(JournalRecord.Handler handler) {
        JournalRecord record = new JournalRecord();
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.toStart();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return;
                    }
                    record.read(dc.wire().bytes());
                }
                handler.onRecord(record);
            }
        }
    }

    /** The session of the last login and the highest SoupBinTCP sequence number of a journaled response. */
    public SessionState sessionState() {
        String[] session = {""};
        long[] last = {0};
        long[] records = {0};
        replay(r -> {
            records[0]++;
            if (r.type == JournalRecord.SESSION && r.sessionEvent == JournalRecord.LOGIN_ACCEPTED) {
                session[0] = r.session;
            } else if (r.type == JournalRecord.RESPONSE && r.response.sequence > last[0]) {
                last[0] = r.response.sequence;
            }
        });
        return new SessionState(session[0], last[0], records[0]);
    }

    /** The records of the journal, for tests and reports (allocates one record object each). */
    public List<JournalRecord> records() {
        List<JournalRecord> out = new java.util.ArrayList<>();
        replay(r -> out.add(r.copy()));
        return out;
    }

    /** Releases this reference; the last one closes the queue and unlocks the folder. */
    @Override
    public void close() {
        synchronized (Journal.class) {
            if (references == 0) {
                return;
            }
            if (--references > 0) {
                return;
            }
            OPEN.remove(dir);
        }
        try {
            queue.close();
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unlock journal " + dir, e);
            }
        }
    }
}
