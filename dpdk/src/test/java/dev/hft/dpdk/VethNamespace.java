package dev.hft.dpdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A veth pair for the DPDK tests: {@link #local()} stays in this network namespace for a DPDK port to attach to,
 * its peer sits in a namespace made for it with {@value #PEER_IP}/24, a permanent neighbour entry for
 * {@value #LOCAL_IP} (a DPDK port on the local end takes ARP away from the kernel, so nothing would answer) and a
 * multicast route; both ends have {@code queues} RX and TX queues. {@link #close()} removes the pair and the
 * namespace, also after a failed {@link #create}. Needs root; a command that fails is reported through
 * {@link DpdkTestSupport#unavailable} (skip, or failure under CI=true).
 */
public final class VethNamespace implements AutoCloseable {

    public static final String LOCAL_IP = "10.77.0.1";
    public static final String PEER_IP = "10.77.0.2";

    private final String namespace;
    private final String local;
    private final int queues;

    private VethNamespace(String namespace, String local, int queues) {
        this.namespace = namespace;
        this.local = local;
        this.queues = queues;
    }

    /** {@code tag}: two letters that keep the names of pairs from different tests apart (names hold the pid too). */
    public static VethNamespace create(String tag, int queues) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            DpdkTestSupport.unavailable("creating a veth pair and a network namespace needs root");
        }
        long pid = ProcessHandle.current().pid() % 100000;
        VethNamespace veth = new VethNamespace("hft" + tag + pid, "hft" + tag + pid + "a", queues);
        String peer = "hft" + tag + pid + "b";
        try {
            sh("ip netns add " + veth.namespace);
            sh("ip link add " + veth.local + " numrxqueues " + queues + " numtxqueues " + queues + " type veth peer name "
                    + peer + " numrxqueues " + queues + " numtxqueues " + queues + " netns " + veth.namespace);
            sh("ip link set " + veth.local + " up");
            sh("ip -n " + veth.namespace + " link set " + peer + " up");
            sh("ip -n " + veth.namespace + " addr add " + PEER_IP + "/24 dev " + peer);
            String mac = Files.readString(Path.of("/sys/class/net/" + veth.local + "/address")).trim();
            sh("ip -n " + veth.namespace + " neigh add " + LOCAL_IP + " lladdr " + mac + " dev " + peer + " nud permanent");
            sh("ip -n " + veth.namespace + " route add 224.0.0.0/4 dev " + peer);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            veth.close();
            throw e;
        }
        return veth;
    }

    /** The end in this namespace, for {@code iface=}. */
    public String local() {
        return local;
    }

    public String namespace() {
        return namespace;
    }

    public int queues() {
        return queues;
    }

    /**
     * Starts {@code sender} on a new thread that first moves itself into the namespace (setns(2) is per thread), so
     * the sockets it opens send across the pair.
     */
    public Sender startFromPeer(ThrowingRunnable sender) {
        Sender running = new Sender(namespace);
        running.thread = new Thread(() -> {
            try {
                enterOnThisThread();
                sender.run();
            } catch (Exception e) {
                running.failure = e;
            }
        }, "veth-sender");
        running.thread.start();
        return running;
    }

    /** What {@link #startFromPeer} runs. */
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A sender thread started by {@link #startFromPeer}. */
    public static final class Sender {

        private final String namespace;
        private Thread thread;
        private volatile Exception failure;

        private Sender(String namespace) {
            this.namespace = namespace;
        }

        public boolean running() {
            return thread.isAlive();
        }

        /** Waits (at most 2 minutes) for the sender to end and rethrows what it threw. */
        public void finish() throws Exception {
            thread.join(TimeUnit.MINUTES.toMillis(2));
            if (thread.isAlive()) {
                thread.interrupt();
                throw new IllegalStateException("the sender in " + namespace + " did not finish within 2 minutes");
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void enterOnThisThread() {
        NetNamespace.enter(namespace);
    }

    /** The local end's kernel counters ({@code ip -s link}, {@code ethtool -S}: per-queue XDP counts), for failure messages. */
    public String kernelCounters() throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        for (String command : List.of("ip -s link show " + local, "ethtool -S " + local,
                "ip netns exec " + namespace + " sh -c 'ip -s link; ethtool -S " + local.substring(0, local.length() - 1) + "b'")) {
            Process process = new ProcessBuilder(List.of("sh", "-c", command + " 2>&1")).redirectErrorStream(true).start();
            out.append("$ ").append(command).append('\n')
                    .append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            process.waitFor();
        }
        return out.toString();
    }

    /** Deletes the pair (both ends at once), then the namespace; quiet about what is already gone. */
    @Override
    public void close() throws IOException, InterruptedException {
        shQuietly("ip link del " + local);
        shQuietly("ip netns del " + namespace);
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
