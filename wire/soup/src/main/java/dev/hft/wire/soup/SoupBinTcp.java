package dev.hft.wire.soup;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * SoupBinTCP 3.00 constants and the ASCII field helpers of its login packets.
 *
 * <pre>
 *   packet:  0 Packet Length (2, big-endian, counts type + payload) | 2 Packet Type (1) | 3 Payload
 *
 *   L Login Request (payload 46)       A Login Accepted (payload 30)     J Login Rejected (payload 1)
 *     0 Username          6 left         0 Session          10 right       0 Reject Reason Code  1
 *     6 Password         10 left        10 Sequence Number  20 right
 *    16 Requested Session 10 right
 *    26 Requested Sequence Number 20 right
 * </pre>
 *
 * "left" = left-justified, space-padded on the right; "right" = right-justified, space-padded on the left.
 * Readers trim spaces on both sides.
 */
public final class SoupBinTcp {

    public static final byte DEBUG = '+';
    public static final byte LOGIN_ACCEPTED = 'A';
    public static final byte LOGIN_REJECTED = 'J';
    public static final byte SEQUENCED_DATA = 'S';
    public static final byte SERVER_HEARTBEAT = 'H';
    public static final byte END_OF_SESSION = 'Z';
    public static final byte LOGIN_REQUEST = 'L';
    public static final byte UNSEQUENCED_DATA = 'U';
    public static final byte CLIENT_HEARTBEAT = 'R';
    public static final byte LOGOUT_REQUEST = 'O';

    public static final byte REJECT_NOT_AUTHORIZED = 'A';
    public static final byte REJECT_SESSION_NOT_AVAILABLE = 'S';

    /** Bytes before the payload: length (2) + type (1). */
    public static final int HEADER_LENGTH = 3;
    public static final int LENGTH_OFFSET = 0;
    public static final int TYPE_OFFSET = 2;

    public static final int USERNAME_OFFSET = 0;
    public static final int USERNAME_LENGTH = 6;
    public static final int PASSWORD_OFFSET = 6;
    public static final int PASSWORD_LENGTH = 10;
    public static final int REQUESTED_SESSION_OFFSET = 16;
    public static final int REQUESTED_SEQUENCE_NUMBER_OFFSET = 26;
    public static final int LOGIN_REQUEST_PAYLOAD = 46;

    public static final int SESSION_OFFSET = 0;
    public static final int SESSION_LENGTH = 10;
    public static final int SEQUENCE_NUMBER_OFFSET = 10;
    public static final int SEQUENCE_NUMBER_LENGTH = 20;
    public static final int LOGIN_ACCEPTED_PAYLOAD = 30;

    public static final int LOGIN_REJECTED_PAYLOAD = 1;

    /** Either side sends a heartbeat after this long without sending anything. */
    public static final long HEARTBEAT_INTERVAL_NANOS = 1_000_000_000L;
    /** The usual silence after which a peer is declared dead. */
    public static final long DEFAULT_SILENCE_TIMEOUT_NANOS = 15_000_000_000L;

    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SoupBinTcp() {
    }

    /** Writes {@code text} left-justified in {@code width} bytes, padded with spaces. */
    public static void putLeft(MemorySegment segment, long offset, int width, String text) {
        put(segment, offset, width, text, false);
    }

    /** Writes {@code text} right-justified in {@code width} bytes, padded with spaces. */
    public static void putRight(MemorySegment segment, long offset, int width, String text) {
        put(segment, offset, width, text, true);
    }

    /** Writes {@code value} as ASCII decimal, right-justified in {@code width} bytes. */
    public static void putNumber(MemorySegment segment, long offset, int width, long value) {
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
            byte b = ' ';
            if (v > 0 || i == width - 1) {
                b = (byte) ('0' + v % 10);
                v /= 10;
            }
            segment.set(ValueLayout.JAVA_BYTE, offset + i, b);
        }
    }

    /** The number in an ASCII decimal field, spaces on either side allowed; -1 if empty or not a number. */
    public static long parseNumber(MemorySegment segment, long offset, int width) {
        long value = 0;
        int digits = 0;
        boolean after = false;
        for (int i = 0; i < width; i++) {
            byte b = segment.get(ValueLayout.JAVA_BYTE, offset + i);
            if (b == ' ') {
                after = digits > 0;
            } else if (b >= '0' && b <= '9' && !after && digits < 18) {
                value = value * 10 + (b - '0');
                digits++;
            } else {
                return -1;
            }
        }
        return digits == 0 ? -1 : value;
    }

    /** The text of an alpha field with surrounding spaces removed. */
    public static String text(MemorySegment segment, long offset, int width) {
        byte[] bytes = new byte[width];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, bytes, 0, width);
        return new String(bytes, StandardCharsets.US_ASCII).strip();
    }

    private static void put(MemorySegment segment, long offset, int width, String text, boolean right) {
        if (text.length() > width) {
            throw new IllegalArgumentException("'" + text + "' does not fit in " + width + " bytes");
        }
        int start = right ? width - text.length() : 0;
        for (int i = 0; i < width; i++) {
            int c = i - start;
            byte b = c >= 0 && c < text.length() ? (byte) text.charAt(c) : (byte) ' ';
            segment.set(ValueLayout.JAVA_BYTE, offset + i, b);
        }
    }
}
