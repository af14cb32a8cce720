package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * net_af_packet with qpairs=2 on one end of a veth pair whose other end sits in a network namespace the test
 * creates (and always removes): UDP flows sent from the namespace spread across both RX queues by the fanout hash,
 * every datagram received exactly once, each flow on one queue.
 */
class AfPacketRssTest {

    private static final ValueLayout.OfShort ETHER_TYPE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int FLOWS = 8;
    private static final int PACKETS_PER_FLOW = 250;
    private static final int MAX_IDLE_POLLS_AFTER_SENDER = 200_000;

    @Test
    void udpFlowsSpreadAcrossTwoQueuesAndEveryDatagramArrivesExactlyOnce() throws Exception {
        TestEal.require();
        if (!"root".equals(System.getProperty("user.name"))) {
            DpdkTestSupport.unavailable("creating a veth pair and a network namespace needs root");
        }
        long pid = ProcessHandle.current().pid();
        String namespace = "hftdpdk" + pid;
        String local = "hftA" + pid % 100000;
        String peer = "hftB" + pid % 100000;
        try {
            sh("ip netns add " + namespace);
            sh("ip link add " + local + " type veth peer name " + peer + " netns " + namespace);
            sh("ip link set " + local + " up");
            sh("ip -n " + namespace + " link set " + peer + " up");
            sh("ip -n " + namespace + " addr add 10.77.0.2/24 dev " + peer);
            String mac = Files.readString(Path.of("/sys/class/net/" + local + "/address")).trim();
            sh("ip -n " + namespace + " neigh add 10.77.0.1 lladdr " + mac + " dev " + peer + " nud permanent");
            receiveFlows(namespace, local);
        } finally {
            shQuietly("ip netns del " + namespace);
            shQuietly("ip link del " + local);
        }
    }

    private void receiveFlows(String namespace, String local) throws Exception {
        Port port = Port.open(PortConfig.of("md", "net_af_packet9,iface=" + local + ",qpairs=2,framecnt=4096", 2, 1)
                .withMbufs(4095, 64));
        Set<String> seen = new HashSet<>();
        Map<Integer, Set<Integer>> queuesPerFlow = new HashMap<>();
        int[] perQueue = new int[2];
        int duplicates = 0;
        PortStats stats;
        try {
            Process sender = new ProcessBuilder("ip", "netns", "exec", namespace,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", Path.of("target/test-classes").toAbsolutePath().toString(),
                    UdpFlowSender.class.getName(), "10.77.0.1", String.valueOf(FLOWS), String.valueOf(PACKETS_PER_FLOW))
                    .inheritIO().start();
            MbufBurst burst = new MbufBurst(32);
            Mbuf mbuf = new Mbuf();
            int idleAfterSender = 0;
            while (seen.size() < FLOWS * PACKETS_PER_FLOW && idleAfterSender < MAX_IDLE_POLLS_AFTER_SENDER) {
                int total = 0;
                for (int q = 0; q < 2; q++) {
                    RxQueue rx = port.rxQueue(q);
                    int count = rx.poll(burst);
                    for (int i = 0; i < count; i++) {
                        String id = flowPacket(mbuf.wrap(burst.mbuf(i)).data());
                        if (id == null) {
                            continue;
                        }
                        perQueue[q]++;
                        if (!seen.add(id)) {
                            duplicates++;
                        }
                        queuesPerFlow.computeIfAbsent(Integer.parseInt(id.split(":")[0]), f -> new HashSet<>()).add(q);
                    }
                    rx.free(burst);
                    total += count;
                }
                if (total == 0 && !sender.isAlive()) {
                    idleAfterSender++;
                }
            }
            assertTrue(sender.waitFor(30, TimeUnit.SECONDS), "sender finished");
            assertEquals(0, sender.exitValue(), "sender exit code");
            assertEquals(port.pool().size(), port.pool().availableCount(), "every mbuf back in the pool");
            stats = port.stats();
        } finally {
            port.close();
        }
        assertEquals(0, duplicates);
        assertEquals(FLOWS * PACKETS_PER_FLOW, seen.size(), "per queue " + perQueue[0] + "/" + perQueue[1] + ", " + stats);
        assertTrue(perQueue[0] > 0 && perQueue[1] > 0, "both queues got flows: " + perQueue[0] + "/" + perQueue[1]);
        for (Map.Entry<Integer, Set<Integer>> flow : queuesPerFlow.entrySet()) {
            assertEquals(1, flow.getValue().size(), "flow " + flow.getKey() + " stayed on one queue");
        }
    }

    /** {@code flow:seq} of one of the sender's datagrams, or null for any other frame (IPv6 neighbour discovery...). */
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

    private static void sh(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("sh", "-c", command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            DpdkTestSupport.unavailable("'" + command + "' failed: " + output.trim());
        }
    }

    private static void shQuietly(String command) throws IOException, InterruptedException {
        new ProcessBuilder(List.of("sh", "-c", command + " 2>/dev/null")).start().waitFor();
    }
}
