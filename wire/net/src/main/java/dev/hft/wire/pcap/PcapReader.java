package dev.hft.wire.pcap;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A cursor over a capture in memory: classic libpcap (either byte order, microsecond or nanosecond timestamps) or
 * pcapng (Enhanced and Simple Packet Blocks, any interface time resolution, several sections). {@link #peek()}
 * finds the next Ethernet frame without consuming it, {@link #advance()} consumes it; a record that cannot be a
 * frame is skipped and reported to the {@link Skips} listener, never thrown.
 * <pre>
 *  pcap global header (24): magic | major u16 | minor u16 | thiszone | sigfigs | snaplen | network
 *  pcap record header (16): ts_sec | ts_frac | incl_len | orig_len, then incl_len bytes of frame
 *  pcapng block: type | total length | body | total length (SHB 0x0A0D0D0A, IDB 1, SPB 3, EPB 6)
 *  pcapng EPB body: interface id | ts high | ts low | captured length | original length | frame, padded to 4
 * </pre>
 */
public final class PcapReader {

    public static final int MAGIC_MICROS = 0xA1B2C3D4;
    public static final int MAGIC_NANOS = 0xA1B23C4D;
    public static final int PCAPNG_MAGIC = 0x0A0D0D0A;
    public static final int GLOBAL_HEADER_LENGTH = 24;
    public static final int SNAPLEN_OFFSET = 16;
    public static final int NETWORK_OFFSET = 20;
    public static final int RECORD_HEADER_LENGTH = 16;
    public static final int TS_SEC_OFFSET = 0;
    public static final int TS_FRAC_OFFSET = 4;
    public static final int INCL_LEN_OFFSET = 8;
    public static final int LINKTYPE_ETHERNET = 1;

    static final int NG_BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int NG_IDB = 1;
    static final int NG_SPB = 3;
    static final int NG_EPB = 6;
    static final int NG_BLOCK_HEADER = 8;
    static final int NG_EPB_HEADER = 28;
    static final int NG_SPB_HEADER = 12;
    static final int NG_IDB_OPTIONS_OFFSET = 16;
    static final int NG_OPTION_TSRESOL = 9;
    private static final int MAX_INTERFACES = 64;

    private static final ValueLayout.OfInt LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort BE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** Why a record was not handed out as a frame. */
    public enum Skip {
        /** A record whose declared length runs past its block, or a packet of an undeclared interface. */
        TRUNCATED_FRAME,
        /** A pcapng packet on an interface whose link type is not Ethernet. */
        NOT_ETHERNET,
        /** The file ends inside a record header or a record: the rest of the file is unreadable. */
        FILE_TRUNCATED
    }

    /** Told of every record skipped; called on the reading thread. */
    @FunctionalInterface
    public interface Skips {
        void onSkip(Skip reason);
    }

    private final MemorySegment file;
    private final Skips skips;
    private final boolean pcapng;
    private ValueLayout.OfInt u32;
    private ValueLayout.OfShort u16;
    private long fractionNanos;
    /** pcapng: per interface of the current section, whether it is Ethernet and its time unit. */
    private final boolean[] ethernet = new boolean[MAX_INTERFACES];
    private final long[] unitsPerSecond = new long[MAX_INTERFACES];
    private int interfaces;

    private long position;
    private boolean peeked;
    private long frameOffset;
    private int frameLength;
    private long frameNanos;
    private long nextPosition;
    private boolean ended;
    private long frames;

    /** @throws IllegalArgumentException when {@code file} is neither pcap (Ethernet link type) nor pcapng */
    public PcapReader(MemorySegment file, Skips skips) {
        this.file = file;
        this.skips = skips;
        if (file.byteSize() < GLOBAL_HEADER_LENGTH) {
            throw new IllegalArgumentException("not a pcap file: shorter than its 24-byte header");
        }
        int magic = file.get(LE, 0);
        int swapped = file.get(BE, 0);
        pcapng = magic == PCAPNG_MAGIC;
        if (pcapng) {
            position = 0;
            return;
        }
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            order(LE, LE16);
        } else if (swapped == MAGIC_MICROS || swapped == MAGIC_NANOS) {
            order(BE, BE16);
        } else {
            throw new IllegalArgumentException(String.format("not a pcap file: magic 0x%08x", swapped));
        }
        fractionNanos = file.get(u32, 0) == MAGIC_NANOS ? 1 : 1000;
        int network = file.get(u32, NETWORK_OFFSET);
        if (network != LINKTYPE_ETHERNET) {
            throw new IllegalArgumentException("pcap link type " + network + " is not Ethernet (1)");
        }
        position = GLOBAL_HEADER_LENGTH;
    }

    /** True when {@code path} starts with a pcap or pcapng magic number. */
    public static boolean isPcap(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4);
            channel.read(head, 0);
            int magic = head.flip().remaining() == 4 ? head.getInt() : 0;
            return magic == MAGIC_MICROS || magic == MAGIC_NANOS || magic == PCAPNG_MAGIC
                    || Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS;
        }
    }

    public MemorySegment file() {
        return file;
    }

    /** True for pcapng, false for classic pcap. */
    public boolean pcapng() {
        return pcapng;
    }

    /** A classic file's snapshot length (the longest record its writer meant to keep); 0 for pcapng. */
    public long snaplen() {
        return pcapng ? 0 : Integer.toUnsignedLong(file.get(u32, SNAPLEN_OFFSET));
    }

    /** Finds the next frame without consuming it; false once the capture is at its end (or unreadable past here). */
    public boolean peek() {
        if (peeked) {
            return true;
        }
        if (ended) {
            return false;
        }
        peeked = pcapng ? nextBlockFrame() : nextRecord();
        return peeked;
    }

    /** Consumes the frame {@link #peek()} found. */
    public void advance() {
        if (peeked) {
            peeked = false;
            position = nextPosition;
            frames++;
        }
    }

    /** True once {@link #peek()} has reached the end of the capture. */
    public boolean ended() {
        return ended;
    }

    public long frameOffset() {
        return frameOffset;
    }

    public int frameLength() {
        return frameLength;
    }

    /** Capture time of the frame (epoch nanoseconds as recorded; SPBs carry none and read as the previous one). */
    public long frameNanos() {
        return frameNanos;
    }

    /** Frames consumed so far. */
    public long frames() {
        return frames;
    }

    private void order(ValueLayout.OfInt ints, ValueLayout.OfShort shorts) {
        u32 = ints;
        u16 = shorts;
    }

    private boolean nextRecord() {
        long end = file.byteSize();
        if (position == end) {
            ended = true;
            return false;
        }
        if (end - position < RECORD_HEADER_LENGTH) {
            return truncated();
        }
        long included = Integer.toUnsignedLong(file.get(u32, position + INCL_LEN_OFFSET));
        if (included > end - position - RECORD_HEADER_LENGTH) {
            return truncated();
        }
        frameOffset = position + RECORD_HEADER_LENGTH;
        frameLength = (int) included;
        frameNanos = Integer.toUnsignedLong(file.get(u32, position + TS_SEC_OFFSET)) * 1_000_000_000L
                + Integer.toUnsignedLong(file.get(u32, position + TS_FRAC_OFFSET)) * fractionNanos;
        nextPosition = position + RECORD_HEADER_LENGTH + included;
        return true;
    }

    private boolean nextBlockFrame() {
        long end = file.byteSize();
        while (position < end) {
            if (end - position < NG_BLOCK_HEADER + 4) {
                return truncated();
            }
            int type = file.get(LE, position);
            if (type == PCAPNG_MAGIC && !startSection()) {
                return false;
            }
            long length = Integer.toUnsignedLong(file.get(u32, position + 4));
            if (length < NG_BLOCK_HEADER + 4 || length % 4 != 0 || length > end - position) {
                return truncated();
            }
            type = file.get(u32, position);
            if (type == NG_IDB) {
                addInterface(length);
            } else if ((type == NG_EPB || type == NG_SPB) && packet(type, length)) {
                return true;
            }
            position += length;
        }
        ended = true;
        return false;
    }

    private boolean startSection() {
        int magic = file.get(LE, position + NG_BLOCK_HEADER);
        if (magic == NG_BYTE_ORDER_MAGIC) {
            order(LE, LE16);
        } else if (Integer.reverseBytes(magic) == NG_BYTE_ORDER_MAGIC) {
            order(BE, BE16);
        } else {
            return truncated();
        }
        interfaces = 0;
        return true;
    }

    private void addInterface(long length) {
        if (interfaces == MAX_INTERFACES) {
            return;
        }
        ethernet[interfaces] = (file.get(u16, position + NG_BLOCK_HEADER) & 0xFFFF) == LINKTYPE_ETHERNET;
        long units = 1_000_000;
        long option = position + NG_IDB_OPTIONS_OFFSET;
        long optionsEnd = position + length - 4;
        while (option + 4 <= optionsEnd) {
            int code = file.get(u16, option) & 0xFFFF;
            int optionLength = file.get(u16, option + 2) & 0xFFFF;
            if (code == 0 || option + 4 + optionLength > optionsEnd) {
                break;
            }
            if (code == NG_OPTION_TSRESOL && optionLength >= 1) {
                int resolution = file.get(ValueLayout.JAVA_BYTE, option + 4) & 0xFF;
                int exponent = Math.min(resolution & 0x7F, (resolution & 0x80) != 0 ? 62 : 18);
                units = (resolution & 0x80) != 0 ? 1L << exponent : Math.round(Math.pow(10, exponent));
            }
            option += 4 + ((optionLength + 3) & ~3);
        }
        unitsPerSecond[interfaces++] = units;
    }

    /** Sets the frame of an EPB or SPB; false when the block holds no usable Ethernet frame (reported). */
    private boolean packet(int type, long length) {
        nextPosition = position + length;
        int iface = type == NG_EPB ? file.get(u32, position + NG_BLOCK_HEADER) : 0;
        if (iface < 0 || iface >= interfaces) {
            skips.onSkip(Skip.TRUNCATED_FRAME);
            return false;
        }
        long captured;
        if (type == NG_EPB) {
            if (length < NG_EPB_HEADER + 4) {
                skips.onSkip(Skip.TRUNCATED_FRAME);
                return false;
            }
            captured = Integer.toUnsignedLong(file.get(u32, position + 20));
            frameOffset = position + NG_EPB_HEADER;
            long units = unitsPerSecond[iface];
            long timestamp = Integer.toUnsignedLong(file.get(u32, position + 12)) << 32
                    | Integer.toUnsignedLong(file.get(u32, position + 16));
            frameNanos = timestamp / units * 1_000_000_000L + (long) (timestamp % units * (1e9 / units));
        } else {
            if (length < NG_SPB_HEADER + 4) {
                skips.onSkip(Skip.TRUNCATED_FRAME);
                return false;
            }
            captured = Math.min(Integer.toUnsignedLong(file.get(u32, position + NG_BLOCK_HEADER)), length - NG_SPB_HEADER - 4);
            frameOffset = position + NG_SPB_HEADER;
        }
        if (captured > position + length - 4 - frameOffset) {
            skips.onSkip(Skip.TRUNCATED_FRAME);
            return false;
        }
        if (!ethernet[iface]) {
            skips.onSkip(Skip.NOT_ETHERNET);
            return false;
        }
        frameLength = (int) captured;
        return true;
    }

    private boolean truncated() {
        skips.onSkip(Skip.FILE_TRUNCATED);
        ended = true;
        return false;
    }
}
