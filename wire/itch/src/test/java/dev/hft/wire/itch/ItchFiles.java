package dev.hft.wire.itch;

import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared ITCH samples: NASDAQ BinaryFILE (2-byte big-endian length, then the message; 0 ends the file). */
final class ItchFiles {

    static final String DAY_OPEN = "day-open-1000.NASDAQ_ITCH50";
    static final String MID_DAY = "12302019-0930-1000.NASDAQ_ITCH50";

    private static final ValueLayout.OfShort LENGTH = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private ItchFiles() {
    }

    static Path sharedDir() {
        String configured = System.getProperty("hft.shared.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir.resolve("../shared").normalize();
    }

    /** The file copied into off-heap memory, as a packet buffer would hold it. */
    static MemorySegment load(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(sharedDir().resolve("data").resolve(name));
        MemorySegment segment = Arena.ofAuto().allocate(bytes.length);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, segment, 0, bytes.length);
        return segment;
    }

    /** {offset, length} of each message, up to a zero length or the end of the file. */
    static List<long[]> frames(MemorySegment file) {
        List<long[]> frames = new ArrayList<>();
        long position = 0;
        while (position + 2 <= file.byteSize()) {
            int length = Short.toUnsignedInt(file.get(LENGTH, position));
            if (length == 0 || position + 2 + length > file.byteSize()) {
                break;
            }
            frames.add(new long[] {position + 2, length});
            position += 2 + length;
        }
        return frames;
    }
}
