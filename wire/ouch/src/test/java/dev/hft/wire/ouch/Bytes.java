package dev.hft.wire.ouch;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hand-written wire bytes: each part is ASCII text, or hex digits after "0x". */
final class Bytes {

    private Bytes() {
    }

    static byte[] of(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            byte[] b = part.startsWith("0x") ? HexFormat.of().parseHex(part.substring(2))
                    : part.getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] toArray(MemorySegment segment) {
        return segment.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
