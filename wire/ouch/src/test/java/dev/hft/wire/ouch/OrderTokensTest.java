package dev.hft.wire.ouch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class OrderTokensTest {

    @Test
    void tokensAreFixedWidthBase36AfterThePrefix() {
        OrderTokens tokens = new OrderTokens("AB", 71);
        byte[] token = new byte[14];
        assertEquals(71, tokens.next(token));
        assertArrayEquals("AB00000000001Z".getBytes(StandardCharsets.US_ASCII), token);
        assertEquals(71, tokens.counter(token));
    }

    @Test
    void successiveTokensAreStrictlyIncreasingAcrossDigitAndCarryBoundaries() {
        OrderTokens tokens = new OrderTokens("D1X", 36L * 36 - 50);
        byte[] previous = new byte[14];
        byte[] token = new byte[14];
        tokens.next(previous);
        for (int i = 0; i < 5_000; i++) {
            long counter = tokens.next(token);
            assertTrue(Arrays.compare(previous, token) < 0, new String(token, StandardCharsets.US_ASCII));
            assertEquals(counter, tokens.counter(token));
            System.arraycopy(token, 0, previous, 0, 14);
        }
    }

    @Test
    void theCounterSpaceEndsWithMinusOneNotAWrap() {
        OrderTokens tokens = new OrderTokens("ABCDEFGHIJKL", 36 * 36 - 1);
        byte[] token = new byte[14];
        assertEquals(36 * 36 - 1, tokens.next(token));
        assertArrayEquals("ABCDEFGHIJKLZZ".getBytes(StandardCharsets.US_ASCII), token);
        assertEquals(-1, tokens.next(token));
        assertArrayEquals("ABCDEFGHIJKLZZ".getBytes(StandardCharsets.US_ASCII), token);
    }

    @Test
    void foreignOrMalformedTokensHaveNoCounter() {
        OrderTokens tokens = new OrderTokens("AB", 0);
        assertEquals(-1, tokens.counter("AC000000000001".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(-1, tokens.counter("AB00000000000a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(-1, tokens.counter("AB0000000000 1".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void badPrefixesAndStartsAreRejectedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new OrderTokens("A", 0));
        assertThrows(IllegalArgumentException.class, () -> new OrderTokens("ab", 0));
        assertThrows(IllegalArgumentException.class, () -> new OrderTokens("ABCDEFGHIJKLM", 0));
        assertThrows(IllegalArgumentException.class, () -> new OrderTokens("AB", -1));
    }
}
