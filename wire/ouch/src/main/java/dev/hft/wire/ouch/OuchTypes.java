package dev.hft.wire.ouch;

import java.nio.charset.StandardCharsets;

/**
 * OUCH 4.2 data-type helpers and code values. Alpha fields are ASCII, left-justified and padded on the right
 * with spaces; the 8-byte Stock is carried as one big-endian {@code long} and the 4-byte Firm as an {@code int},
 * so the hot path never builds a String. The String helpers here are for configuration, tests and logs.
 */
public final class OuchTypes {

    public static final int TOKEN_LENGTH = 14;

    /** Highest limit price OUCH accepts: $199,999.9900. */
    public static final int MAX_PRICE = 0x7735939C;
    /** Price sentinel of a market order for a cross ($214,748.3647). */
    public static final int MARKET_PRICE = 0x7FFFFFFF;

    public static final byte BUY = 'B';
    public static final byte SELL = 'S';
    public static final byte SELL_SHORT = 'T';
    public static final byte SELL_SHORT_EXEMPT = 'E';

    public static final int TIF_IMMEDIATE_OR_CANCEL = 0;
    public static final int TIF_MARKET_HOURS = 99_998;
    public static final int TIF_SYSTEM_HOURS = 99_999;

    public static final byte ORDER_STATE_LIVE = 'L';
    public static final byte ORDER_STATE_DEAD = 'D';

    private OuchTypes() {
    }

    /** The 8-byte Stock field of {@code symbol} (at most 8 ASCII characters) as a big-endian long. */
    public static long stock(String symbol) {
        return alphaLong(symbol, 8);
    }

    /** The 4-byte Firm field of {@code firm} (at most 4 ASCII characters) as a big-endian int. */
    public static int firm(String firm) {
        return (int) alphaLong(firm, 4);
    }

    /** The text of an alpha field held in the low {@code width} bytes of {@code value}, trailing spaces removed. */
    public static String alpha(long value, int width) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) {
            bytes[i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        int end = width;
        while (end > 0 && bytes[end - 1] == ' ') {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    private static long alphaLong(String text, int width) {
        if (text.length() > width) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + width + " characters");
        }
        long value = 0;
        for (int i = 0; i < width; i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c > 0x7E || c < 0x20) {
                throw new IllegalArgumentException("'" + text + "' is not printable ASCII");
            }
            value = (value << 8) | c;
        }
        return value;
    }
}
