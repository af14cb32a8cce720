package dev.hft.dpdk;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Receives {@link UdpFlowSender}'s datagrams on several RX queues while the sender runs in a {@link VethNamespace}:
 * what each queue got, the duplicates, and the queues each flow was seen on. Other frames on the link (IPv6
 * neighbour discovery...) are ignored.
 */
final class FlowSpread {

    private static final ValueLayout.OfShort ETHER_TYPE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int MAX_IDLE_POLLS_AFTER_SENDER = 200_000;

    final Set<String> seen = new HashSet<>();
    final Map<Integer, Set<Integer>> queuesPerFlow = new HashMap<>();
    final long[] perQueue;
    int duplicates;

    private FlowSpread(int queues) {
        perQueue = new long[queues];
    }

    /**
     * Starts {@code flows} x {@code packets} datagrams from the namespace of {@code veth} and polls {@code queues}
     * until all arrived, or the sender ended and the queues stayed empty for {@value #MAX_IDLE_POLLS_AFTER_SENDER}
     * rounds.
     */
    static FlowSpread receive(VethNamespace veth, List<RxQueue> queues, int flows, int packets) throws Exception {
        FlowSpread spread = new FlowSpread(queues.size());
        VethNamespace.Sender sender = veth.startFromPeer(() -> UdpFlowSender.send(VethNamespace.LOCAL_IP, flows, packets));
        MbufBurst burst = new MbufBurst(32);
        Mbuf mbuf = new Mbuf();
        int idleAfterSender = 0;
        while (spread.seen.size() < flows * packets && idleAfterSender < MAX_IDLE_POLLS_AFTER_SENDER) {
            boolean senderDone = !sender.running();
            int total = 0;
            for (int q = 0; q < queues.size(); q++) {
                RxQueue rx = queues.get(q);
                int count = rx.poll(burst);
                for (int i = 0; i < count; i++) {
                    String id = flowPacket(mbuf.wrap(burst.mbuf(i)).data());
                    if (id != null) {
                        spread.perQueue[q]++;
                        if (!spread.seen.add(id)) {
                            spread.duplicates++;
                        }
                        final int queue = q;
                        spread.queuesPerFlow.computeIfAbsent(Integer.parseInt(id.split(":")[0]), f -> new HashSet<>()).add(queue);
                    }
                }
                rx.free(burst);
                total += count;
            }
            if (total == 0 && senderDone) {
                idleAfterSender++;
            }
        }
        sender.finish();
        return spread;
    }

    /** Flows seen on more than one queue. */
    List<Integer> splitFlows() {
        List<Integer> split = new ArrayList<>();
        queuesPerFlow.forEach((flow, queues) -> {
            if (queues.size() != 1) {
                split.add(flow);
            }
        });
        return split;
    }

    /** {@code flow:seq} of one of the sender's datagrams, or null for any other frame. */
    private static String flowPacket(MemorySegment frame) {
        if (frame.byteSize() < 42 || frame.get(ETHER_TYPE, 12) != 0x0800
                || frame.get(ValueLayout.JAVA_BYTE, 23) != 17) {
            return null;
        }
        int headerLength = (frame.get(ValueLayout.JAVA_BYTE, 14) & 0x0F) * 4;
        byte[] payload = frame.asSlice(14 + headerLength + 8).toArray(ValueLayout.JAVA_BYTE);
        String text = new String(payload, StandardCharsets.US_ASCII);
        return text.startsWith(UdpFlowSender.TAG) ? text.substring(UdpFlowSender.TAG.length()) : null;
    }
}
