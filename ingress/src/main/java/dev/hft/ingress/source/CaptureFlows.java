package dev.hft.ingress.source;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.UdpFrameHandler;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.pcap.PcapReader;

/**
 * The MoldUDP64 flows of a capture: each destination group:port and session with its packet count, in order of
 * first appearance, so a replay can take the feed and leave other traffic (another feed's port, a stray packet)
 * out by name. At most {@code maxFlows} distinct flows are tracked; packets of further ones are counted apart.
 */
public final class CaptureFlows {

    /** One destination and MoldUDP64 session, and how many packets it carried. */
    public record Flow(String destination, String session, long packets) {
    }

    /** The flows found, packets of flows beyond the bound, and frames that were not MoldUDP64 over UDP/IPv4. */
    public record Result(List<Flow> flows, long untrackedPackets, long otherFrames) {
    }

    private CaptureFlows() {
    }

    public static Result scan(Path capture, int maxFlows) throws IOException {
        try (Arena arena = Arena.ofConfined(); FileChannel channel = FileChannel.open(capture, StandardOpenOption.READ)) {
            MemorySegment file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            Map<String, long[]> counts = new LinkedHashMap<>();
            long[] untracked = {0};
            DropCounters drops = new DropCounters();
            UdpFrameHandler[] frames = new UdpFrameHandler[1];
            frames[0] = new UdpFrameHandler((segment, offset, length, receiveNanos, line) -> {
                if (length < MoldPacket.HEADER_LENGTH) {
                    return;
                }
                byte[] session = new byte[MoldPacket.SESSION_LENGTH];
                MemorySegment.copy(segment, java.lang.foreign.ValueLayout.JAVA_BYTE, offset + MoldPacket.SESSION_OFFSET,
                        session, 0, session.length);
                String key = address(frames[0].destination()) + ":" + frames[0].destinationPort() + " "
                        + new String(session, StandardCharsets.US_ASCII).stripTrailing();
                long[] n = counts.get(key);
                if (n == null && counts.size() == maxFlows) {
                    untracked[0]++;
                } else {
                    counts.computeIfAbsent(key, k -> new long[1])[0]++;
                }
            }, drops);
            PcapReader reader = new PcapReader(file, skip -> { });
            while (reader.peek()) {
                frames[0].onFrame(file, reader.frameOffset(), reader.frameLength(), 0);
                reader.advance();
            }
            List<Flow> flows = new ArrayList<>();
            counts.forEach((key, n) -> {
                int space = key.indexOf(' ');
                flows.add(new Flow(key.substring(0, space), key.substring(space + 1), n[0]));
            });
            return new Result(flows, untracked[0], frames[0].frames() - frames[0].payloads());
        }
    }

    private static String address(int ip) {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xFF) + "." + (ip >>> 8 & 0xFF) + "." + (ip & 0xFF);
    }
}
