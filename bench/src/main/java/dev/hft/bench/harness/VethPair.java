package dev.hft.bench.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A veth pair with one end in a network namespace this creates ({@code ip netns add}) and removes on close:
 * {@value #HOST_IP} on the host end, {@value #PEER_IP} inside. {@link #enterOnThisThread()} moves the calling
 * thread (only it: setns(2) is per thread) into the namespace, so a socket it opens afterwards sends across the pair.
 */
public final class VethPair implements AutoCloseable {

    static final String HOST_IP = "10.201.0.1";
    static final String PEER_IP = "10.201.0.2";

    private final String namespace;
    private final String hostIf;

    private VethPair(String namespace, String hostIf) {
        this.namespace = namespace;
        this.hostIf = hostIf;
    }

    /** Creates the namespace and the pair; a failure (not root, no iproute2) is an IllegalArgumentException. */
    public static VethPair create() throws IOException, InterruptedException {
        String suffix = Long.toString(ProcessHandle.current().pid());
        VethPair pair = new VethPair("hftb" + suffix, "hftb" + suffix + "a");
        String peer = "hftb" + suffix + "b";
        try {
            ip("netns", "add", pair.namespace);
            ip("link", "add", pair.hostIf, "type", "veth", "peer", "name", peer);
            ip("link", "set", peer, "netns", pair.namespace);
            ip("addr", "add", HOST_IP + "/30", "dev", pair.hostIf);
            ip("link", "set", pair.hostIf, "up");
            ip("-n", pair.namespace, "addr", "add", PEER_IP + "/30", "dev", peer);
            ip("-n", pair.namespace, "link", "set", peer, "up");
            ip("-n", pair.namespace, "link", "set", "lo", "up");
            ip("-n", pair.namespace, "route", "add", "224.0.0.0/4", "dev", peer); // multicast feeds leave by the pair
        } catch (IOException | IllegalArgumentException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    /** Where a receiver in the host namespace binds. */
    public InetSocketAddress hostAddress() {
        return new InetSocketAddress(HOST_IP, 0);
    }

    /** The host end's interface name (where a multicast receiver joins, or DPDK net_af_packet attaches). */
    public String hostInterface() {
        return hostIf;
    }

    /** Moves the calling thread into the namespace. */
    public void enterOnThisThread() {
        dev.hft.dpdk.NetNamespace.enter(namespace);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Deleting the namespace destroys the peer end, and with it the host end of the pair.
        run(List.of("ip", "netns", "del", namespace));
        run(List.of("ip", "link", "del", hostIf));
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        String out = run(List.of(command));
        if (out != null) {
            throw new IllegalArgumentException("cannot build the veth pair (needs root and iproute2): " + String.join(" ", command)
                    + ": " + out.trim());
        }
    }

    /** Runs the command; null when it succeeded, its output otherwise. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : new String(output, StandardCharsets.UTF_8);
    }
}
