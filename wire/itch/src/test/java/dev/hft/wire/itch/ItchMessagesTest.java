package dev.hft.wire.itch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ItchMessagesTest {

    /** Total lengths as printed in the specification's table (PROTOCOLS-ITCH50.md). */
    private static final String SPEC = "S12 R39 H25 Y20 L26 V35 W12 K28 J35 h21 A36 F40 E31 C36 X23 D19 U35 P44 Q40 B19 I50"
            + " N20 O48";

    @Test
    void lengthTableMatchesTheSpecificationForEveryByte() {
        Map<Byte, Integer> spec = new HashMap<>();
        for (String entry : SPEC.split(" ")) {
            spec.put((byte) entry.charAt(0), Integer.parseInt(entry.substring(1)));
        }
        assertEquals(23, spec.size());
        for (int b = 0; b < 256; b++) {
            assertEquals(spec.getOrDefault((byte) b, 0), ItchMessages.length((byte) b), "type byte " + b);
        }
    }

    @Test
    void typesListsEveryKnownTypeOnce() {
        assertEquals(23, ItchMessages.TYPES.length());
        assertEquals(23, ItchMessages.TYPES.chars().distinct().count());
        for (char type : ItchMessages.TYPES.toCharArray()) {
            assertEquals(true, ItchMessages.length((byte) type) > 0, "type " + type);
        }
        assertEquals(50, ItchMessages.MAX_LENGTH);
    }
}
