package dev.hft.wire.itch;

/**
 * ITCH alpha fields (ASCII, left-justified, space-padded) kept as integers: the {@code width} bytes packed
 * big-endian into a {@code long} (stock, 8), an {@code int} (MPID, attribution, reason, 4) or a {@code short}
 * (issue sub-type, 2), as read from the wire. Two packed values compare with {@code ==}; these helpers turn them
 * into text without allocating, except {@link #toString(long, int)}, which is for cold paths.
 *
 * <p>An {@code int} or {@code short} value passes here widened to {@code long}; only its low {@code width}
 * bytes are read, so the sign extension does not matter.
 */
public final class ItchAlpha {

    /** Width of the stock field. */
    public static final int STOCK = 8;
    /** Width of the MPID, attribution and reason fields. */
    public static final int MPID = 4;

    private ItchAlpha() {
    }

    /**
     * Packs {@code text} as the wire would carry it: left-justified, space-padded to {@code width} bytes.
     *
     * @throws IllegalArgumentException if {@code text} is longer than {@code width} or not ASCII
     */
    public static long pack(CharSequence text, int width) {
        if (width < 1 || width > 8 || text.length() > width) {
            throw new IllegalArgumentException("'" + text + "' does not fit an alpha field of " + width + " bytes");
        }
        long packed = 0;
        for (int i = 0; i < width; i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c > 0x7F) {
                throw new IllegalArgumentException("'" + text + "' is not ASCII");
            }
            packed = packed << 8 | c;
        }
        return packed;
    }

    /** Packs a stock symbol ({@link #pack(CharSequence, int)} with width 8). */
    public static long stock(CharSequence symbol) {
        return pack(symbol, STOCK);
    }

    /** The byte at {@code index} (0 = leftmost) of a packed field. */
    public static byte byteAt(long packed, int width, int index) {
        return (byte) (packed >>> (8 * (width - 1 - index)));
    }

    /** The length of the text without its trailing space padding. */
    public static int length(long packed, int width) {
        int length = width;
        while (length > 0 && byteAt(packed, width, length - 1) == ' ') {
            length--;
        }
        return length;
    }

    /** Appends the text without padding to {@code out}. */
    public static StringBuilder appendTo(long packed, int width, StringBuilder out) {
        int length = length(packed, width);
        for (int i = 0; i < length; i++) {
            out.append((char) (byteAt(packed, width, i) & 0xFF));
        }
        return out;
    }

    /** Copies the text without padding into {@code dst} at {@code offset}; returns the bytes copied. */
    public static int copyTo(long packed, int width, byte[] dst, int offset) {
        int length = length(packed, width);
        for (int i = 0; i < length; i++) {
            dst[offset + i] = byteAt(packed, width, i);
        }
        return length;
    }

    /** True if the field holds exactly {@code text} (padding ignored). */
    public static boolean equals(long packed, int width, CharSequence text) {
        int length = length(packed, width);
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((byteAt(packed, width, i) & 0xFF) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The text without padding. Allocates: cold paths only (logs, reports, tests). */
    public static String toString(long packed, int width) {
        return appendTo(packed, width, new StringBuilder(width)).toString();
    }
}
