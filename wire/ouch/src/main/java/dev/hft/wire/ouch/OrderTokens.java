package dev.hft.wire.ouch;

/**
 * Allocation-free OUCH order tokens: a fixed prefix (the session's, for example trading day + account) then a
 * counter in base 36, zero-padded to fill the 14 bytes. Digits sort before upper-case letters in ASCII and the
 * width is fixed, so successive tokens are lexicographically increasing, as Nasdaq recommends, and unique as
 * long as the prefix is unique per session. A token travels as its counter (a {@code long}) plus the shared
 * prefix; {@link #counter(byte[])} turns the 14 bytes back into the counter.
 *
 * <pre>
 *   prefix "AB" + 12 base-36 digits:  A B 0 0 0 0 0 0 0 0 0 0 1 Z   = counter 71
 * </pre>
 */
public final class OrderTokens {

    private static final byte[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final byte[] prefix;
    private final String prefixText;
    private final int digits;
    private final long limit;
    private final byte[] current = new byte[OuchTypes.TOKEN_LENGTH];
    private long next;

    /**
     * @param prefix 2 to 12 characters of [0-9A-Z]; leaves 12 to 2 base-36 digits for the counter
     * @param first  the first counter value to hand out (continue after a restart with the last one seen + 1)
     */
    public OrderTokens(String prefix, long first) {
        if (prefix.length() < 2 || prefix.length() > 12 || !prefix.chars().allMatch(c -> indexOf((byte) c) >= 0)) {
            throw new IllegalArgumentException("token prefix must be 2 to 12 characters of [0-9A-Z], found '" + prefix + "'");
        }
        this.prefix = prefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.prefixText = prefix;
        this.digits = OuchTypes.TOKEN_LENGTH - prefix.length();
        long l = 1;
        for (int i = 0; i < digits; i++) {
            l *= 36;
        }
        this.limit = l;
        if (first < 0 || first >= limit) {
            throw new IllegalArgumentException("first counter " + first + " is outside [0, " + limit + ")");
        }
        this.next = first;
        write(first, current);
    }

    /** Writes the next token into {@code dst[0..14)} and returns its counter, or -1 once the counter space is used up. */
    public long next(byte[] dst) {
        if (next >= limit) {
            return -1;
        }
        System.arraycopy(current, 0, dst, 0, OuchTypes.TOKEN_LENGTH);
        increment();
        return next++;
    }

    /** Adds one to {@link #current} in place, base 36 with carry: no division on the per-order path. */
    private void increment() {
        for (int i = OuchTypes.TOKEN_LENGTH - 1; i >= prefix.length; i--) {
            byte b = current[i];
            if (b != 'Z') {
                current[i] = b == '9' ? (byte) 'A' : (byte) (b + 1);
                return;
            }
            current[i] = '0';
        }
    }

    /** The prefix every token of this generator starts with. */
    public String prefix() {
        return prefixText;
    }

    /**
     * Continues at {@code counter} when it is above the next counter (a restart resuming after the tokens a journal
     * shows as used); never goes back.
     */
    public void skipTo(long counter) {
        if (counter > next && counter <= limit) {
            next = counter;
            write(Math.min(counter, limit - 1), current);
        }
    }

    /** The counter the next call to {@link #next(byte[])} will use. */
    public long peek() {
        return next;
    }

    /** Writes the token of {@code counter} (0 ≤ counter &lt; the limit) into {@code dst[0..14)}. */
    public void write(long counter, byte[] dst) {
        System.arraycopy(prefix, 0, dst, 0, prefix.length);
        long v = counter;
        for (int i = OuchTypes.TOKEN_LENGTH - 1; i >= prefix.length; i--) {
            dst[i] = DIGITS[(int) (v % 36)];
            v /= 36;
        }
    }

    /** The counter of a token made by this generator, or -1 if {@code token} has another prefix or a bad digit. */
    public long counter(byte[] token) {
        for (int i = 0; i < prefix.length; i++) {
            if (token[i] != prefix[i]) {
                return -1;
            }
        }
        long v = 0;
        for (int i = prefix.length; i < OuchTypes.TOKEN_LENGTH; i++) {
            int d = indexOf(token[i]);
            if (d < 0) {
                return -1;
            }
            v = v * 36 + d;
        }
        return v;
    }

    private static int indexOf(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'Z') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
