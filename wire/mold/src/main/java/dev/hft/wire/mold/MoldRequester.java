package dev.hft.wire.mold;

import java.lang.foreign.MemorySegment;

/** Asks for {@code count} messages of {@code session} from {@code sequence} again (a MoldUDP64 request packet). */
@FunctionalInterface
public interface MoldRequester {

    void request(MemorySegment session, long sequence, int count);
}
