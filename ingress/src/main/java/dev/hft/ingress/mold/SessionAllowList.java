package dev.hft.ingress.mold;

import java.lang.foreign.MemorySegment;
import java.util.List;

import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.DropReason;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.net.PayloadHandler;

/** Passes on only MoldUDP64 packets of the listed sessions; the rest are counted as {@link DropReason#MOLD_WRONG_SESSION}. */
public final class SessionAllowList implements PayloadHandler {

    private final MemorySegment[] sessions;
    private final PayloadHandler next;
    private final DropCounters drops;

    public SessionAllowList(List<String> names, PayloadHandler next, DropCounters drops) {
        this.sessions = names.stream().map(MoldPacket::session).toArray(MemorySegment[]::new);
        this.next = next;
        this.drops = drops;
    }

    @Override
    public void onPayload(MemorySegment segment, long offset, int length, long receiveNanos, int line) {
        if (length >= MoldPacket.HEADER_LENGTH) {
            for (MemorySegment session : sessions) {
                if (MemorySegment.mismatch(segment, offset + MoldPacket.SESSION_OFFSET,
                        offset + MoldPacket.SESSION_OFFSET + MoldPacket.SESSION_LENGTH, session, 0,
                        MoldPacket.SESSION_LENGTH) < 0) {
                    next.onPayload(segment, offset, length, receiveNanos, line);
                    return;
                }
            }
            drops.add(DropReason.MOLD_WRONG_SESSION);
            return;
        }
        next.onPayload(segment, offset, length, receiveNanos, line);
    }
}
