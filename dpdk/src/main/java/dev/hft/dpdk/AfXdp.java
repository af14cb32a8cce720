package dev.hft.dpdk;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What DPDK's {@code net_af_xdp} driver needs of the port, the interface and the process. When the kernel refuses,
 * DPDK 22.11 and libxdp print the reason to the log and the ethdev call returns EINVAL or EPERM; {@link #refusal}
 * finds the contradictions that can be known before DPDK is called, {@link #diagnosis} the privilege or limit a
 * failure comes from, each as a sentence with the fix.
 */
public final class AfXdp {

    /** Mbufs the PMD puts on each queue's fill ring at queue setup ({@code XSK_RING_CONS__DEFAULT_NUM_DESCS}). */
    public static final int FILL_RING_MBUFS = 2048;
    /** Pool memory per mbuf, measured: 606,592 bytes of UMEM registered for a 255-mbuf pool (2,379 each). */
    static final long UMEM_BYTES_PER_MBUF = 2_380;

    static final int CAP_NET_ADMIN = 12;
    static final int CAP_NET_RAW = 13;
    static final int CAP_IPC_LOCK = 14;
    static final int CAP_SYS_ADMIN = 21;

    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private AfXdp() {
    }

    /** The device string's {@code iface}, {@code start_queue} and {@code queue_count} (DPDK's defaults 0 and 1). */
    public record Device(String iface, int startQueue, int queueCount) {
    }

    /** What the interface offers: its RX queues, and the queues DPDK 22.11's af_xdp takes from it (its combined channels). */
    public record Interface(String name, boolean exists, int rxQueues, int afXdpQueues) {
    }

    /** What the process may do: its effective capabilities and its soft RLIMIT_MEMLOCK (-1: unlimited). */
    public record Privileges(long effectiveCaps, long memlockBytes) {

        boolean has(int capability) {
            return (effectiveCaps & (1L << capability)) != 0;
        }
    }

    public static boolean isAfXdp(String device) {
        return device.startsWith("net_af_xdp");
    }

    public static Device parse(String device) {
        String iface = null;
        int start = 0;
        int count = 1;
        String[] fields = device.split(",");
        for (int i = 1; i < fields.length; i++) {
            String[] kv = fields[i].split("=", 2);
            String value = kv.length == 2 ? kv[1].trim() : "";
            switch (kv[0].trim()) {
                case "iface" -> iface = value;
                case "start_queue" -> start = number(device, "start_queue", value);
                case "queue_count" -> count = number(device, "queue_count", value);
                default -> { }
            }
        }
        return new Device(iface, start, count);
    }

    private static int number(String device, String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new DpdkException("device '" + device + "': " + key + " is not a whole number: '" + value + "'");
        }
    }

    /**
     * The contradiction between the port, its device string and the interface that makes DPDK refuse it, as a
     * sentence with the fix; null when there is none. {@code poolSize} is the port's mbuf count.
     */
    public static String refusal(PortConfig config, int poolSize, Interface nic) {
        Device device = parse(config.device());
        if (device.iface() == null || device.iface().isEmpty()) {
            return "net_af_xdp needs the interface: add iface=<name> to the device string";
        }
        if (config.rxQueues() != config.txQueues()) {
            return "net_af_xdp pairs every RX queue with a TX queue: give the port tx_queues: " + config.rxQueues()
                    + " (it has rx_queues: " + config.rxQueues() + ", tx_queues: " + config.txQueues() + ")";
        }
        if (config.rxQueues() != device.queueCount()) {
            return "the port asks for " + config.rxQueues() + " RX queue(s) but the device string gives queue_count="
                    + device.queueCount() + ": make them equal";
        }
        if (!nic.exists()) {
            return "there is no interface " + device.iface() + " in this network namespace (/sys/class/net/" + device.iface() + ")";
        }
        if (device.startQueue() + device.queueCount() > nic.rxQueues()) {
            return "interface " + device.iface() + " has " + nic.rxQueues() + " RX queue(s) but start_queue="
                    + device.startQueue() + ",queue_count=" + device.queueCount() + " needs " + (device.startQueue()
                    + device.queueCount()) + " (a veth gets more with 'ip link add ... numrxqueues N numtxqueues N'"
                    + ", a NIC with 'ethtool -L " + device.iface() + " combined N')";
        }
        if (device.queueCount() > nic.afXdpQueues()) {
            return "DPDK 22.11's net_af_xdp takes at most the interface's combined channels (ethtool -l " + device.iface()
                    + "), here " + nic.afXdpQueues() + " (a veth reports none and counts as 1), so it cannot open "
                    + device.queueCount() + " queues in one port: open one port per queue (start_queue=i,queue_count=1,"
                    + " each with its own dpdk-rx stage)";
        }
        long needed = (long) device.queueCount() * (FILL_RING_MBUFS + config.rxDescriptors()) + 2L * config.mbufCache();
        if (poolSize < needed) {
            return "net_af_xdp puts " + FILL_RING_MBUFS + " mbufs on each queue's fill ring when it sets the queue up and"
                    + " refills it from the pool as frames arrive, so the pool must hold, per queue, those and a full RX ring ("
                    + config.rxDescriptors() + "), plus the thread caches (2 x " + config.mbufCache() + "): " + needed
                    + " mbufs, not " + poolSize + ": give the port mbufs: " + (Long.highestOneBit(needed) * 2 - 1) + " or more";
        }
        return null;
    }

    /**
     * Why the kernel most likely refused the AF_XDP socket, its UMEM or the XDP program, with the fix, from the
     * process's privileges; with none missing, where to look (DPDK's own log lines) and the other usual causes.
     * {@code poolSize} is the port's mbuf count: the pool is registered with the kernel as the socket's UMEM.
     */
    public static String diagnosis(PortConfig config, int poolSize, Privileges privileges) {
        String iface = parse(config.device()).iface();
        List<String> missing = new ArrayList<>();
        if (!privileges.has(CAP_NET_ADMIN)) {
            missing.add("CAP_NET_ADMIN (attach the XDP program to " + iface + ")");
        }
        if (!privileges.has(CAP_NET_RAW)) {
            missing.add("CAP_NET_RAW (open the AF_XDP socket)");
        }
        if (!privileges.has(CAP_SYS_ADMIN)) {
            missing.add("CAP_SYS_ADMIN (load the BPF program and let libxdp look up the program on the interface;"
                    + " CAP_BPF and CAP_PERFMON are not enough for libxdp 1.3)");
        }
        List<String> causes = new ArrayList<>();
        if (!missing.isEmpty()) {
            causes.add("the process lacks " + String.join(", ", missing) + ": run it as root with full capabilities, or"
                    + " grant them (e.g. AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW CAP_SYS_ADMIN CAP_IPC_LOCK in its"
                    + " systemd unit)");
        }
        long umem = poolSize * UMEM_BYTES_PER_MBUF;
        if (!privileges.has(CAP_IPC_LOCK) && privileges.memlockBytes() >= 0 && privileges.memlockBytes() < umem) {
            causes.add("the kernel charges the AF_XDP UMEM (the port's pool: " + poolSize + " mbufs, about " + mib(umem)
                    + ") to RLIMIT_MEMLOCK, which is " + mib(privileges.memlockBytes()) + " here (ulimit -l "
                    + privileges.memlockBytes() / 1024 + "), and the process has no CAP_IPC_LOCK to bypass it: raise the"
                    + " limit (ulimit -l unlimited; LimitMEMLOCK=infinity in a systemd unit; memlock in"
                    + " /etc/security/limits.conf), grant CAP_IPC_LOCK, or make the pool smaller (mbufs:)");
        }
        if (!causes.isEmpty()) {
            return "AF_XDP refused: " + String.join("; and ", causes);
        }
        return "AF_XDP refused; the af_xdp, libxdp and libbpf lines DPDK logged above say what the kernel refused. Usual"
                + " causes: another XDP program already on " + iface + " (ip link show " + iface + "; libxdp can share the"
                + " interface only with bpffs mounted at /sys/fs/bpf), an MTU native XDP does not take (a veth: 'Peer MTU"
                + " is too large to set XDP'), a queue another process already holds, or other AF_XDP sockets of the same"
                + " user already using its RLIMIT_MEMLOCK";
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** The interface as this network namespace sees it: /sys/class/net, and ETHTOOL_GCHANNELS for combined channels. */
    public static Interface inspect(String iface) {
        Path dir = SYS_CLASS_NET.resolve(iface);
        if (iface.isEmpty() || iface.contains("/") || !Files.isDirectory(dir)) {
            return new Interface(iface, false, 0, 0);
        }
        int rxQueues;
        try (Stream<Path> queues = Files.list(dir.resolve("queues"))) {
            rxQueues = (int) queues.filter(q -> q.getFileName().toString().startsWith("rx-")).count();
        } catch (IOException e) {
            rxQueues = 1;
        }
        return new Interface(iface, true, rxQueues, afXdpQueues(iface));
    }

    /** This process's effective capabilities (/proc/self/status) and soft RLIMIT_MEMLOCK (/proc/self/limits). */
    public static Privileges privileges() {
        long caps = 0;
        long memlock = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("CapEff:")) {
                    caps = Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16);
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Max locked memory")) {
                    String soft = line.substring("Max locked memory".length()).trim().split("\\s+")[0];
                    memlock = soft.equals("unlimited") ? -1 : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new DpdkException("cannot read this process's capabilities and limits from /proc/self: " + e);
        }
        return new Privileges(caps, memlock);
    }

    /**
     * The queues DPDK 22.11's af_xdp allows on {@code iface}: ethtool's combined channel count, or 1 when the
     * interface reports no combined channels (a veth reports separate RX and TX channels) or no channels at all.
     */
    static int afXdpQueues(String iface) {
        MethodHandle socket = LINKER.downcallHandle(LINKER.defaultLookup().find("socket").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        MethodHandle ioctl = LINKER.downcallHandle(LINKER.defaultLookup().find("ioctl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                Linker.Option.firstVariadicArg(2));
        try (Arena arena = Arena.ofConfined()) {
            // struct ethtool_channels: cmd, max_rx, max_tx, max_other, max_combined, rx, tx, other, combined (u32 each)
            MemorySegment channels = arena.allocate(9 * 4L, 8);
            channels.set(ValueLayout.JAVA_INT, 0, ETHTOOL_GCHANNELS);
            // struct ifreq: char ifr_name[16], then the union whose ifr_data points at the command
            MemorySegment ifreq = arena.allocate(40, 8);
            byte[] name = iface.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(name, 0, ifreq, ValueLayout.JAVA_BYTE, 0, Math.min(name.length, 15));
            ifreq.set(ValueLayout.ADDRESS, 16, channels);
            int fd = (int) socket.invokeExact(AF_INET, SOCK_DGRAM, 0);
            if (fd < 0) {
                return 1;
            }
            int rc = (int) ioctl.invokeExact(fd, SIOCETHTOOL, ifreq);
            int closed = (int) CLOSE.invokeExact(fd);
            int maxCombined = channels.get(ValueLayout.JAVA_INT, 4 * 4L);
            int combined = channels.get(ValueLayout.JAVA_INT, 8 * 4L);
            return rc != 0 || closed != 0 || maxCombined == 0 ? 1 : combined;
        } catch (Throwable t) {
            throw new DpdkException("ETHTOOL_GCHANNELS on " + iface + " failed: " + t);
        }
    }

    /** How long after this process closed a queue an open of it that fails is retried, and how often. */
    static final long RELEASE_WINDOW_MS = 2_000;
    static final long RELEASE_RETRY_MS = 20;
    /** iface/queue to when this process closed it ({@link System#nanoTime()}); guarded by AfXdp.class. */
    private static final Map<String, Long> RELEASED = new HashMap<>();

    /**
     * Notes that {@code config}'s queues were just closed. The kernel releases an AF_XDP socket's queue in deferred
     * work after the last close: for a while (up to about 200 ms here) binding the queue again fails with EBUSY,
     * which DPDK reports as EINVAL from rte_eth_rx_queue_setup.
     */
    static synchronized void released(PortConfig config) {
        Device device = parse(config.device());
        for (int q = device.startQueue(); q < device.startQueue() + device.queueCount(); q++) {
            RELEASED.put(device.iface() + "/" + q, System.nanoTime());
        }
    }

    /**
     * The {@link System#nanoTime()} until which a failed open of {@code config} is retried: {@link #RELEASE_WINDOW_MS}
     * after this process last closed one of its queues; in the past when it closed none.
     */
    static synchronized long releasePending(PortConfig config) {
        Device device = parse(config.device());
        long until = System.nanoTime();
        for (int q = device.startQueue(); q < device.startQueue() + device.queueCount(); q++) {
            Long closed = RELEASED.get(device.iface() + "/" + q);
            if (closed != null && closed + RELEASE_WINDOW_MS * 1_000_000 - until > 0) {
                until = closed + RELEASE_WINDOW_MS * 1_000_000;
            }
        }
        return until;
    }

    /**
     * This process's AF_XDP sockets, fd to socket inode. DPDK 22.11's af_xdp with libxdp 1.3 leaves each queue's
     * socket (which also holds the UMEM) open when the port is closed: the queue stays bound, so the same interface
     * queue cannot be opened again in the process ("Failed to create xsk socket", bind EBUSY), and the pool stays
     * pinned and charged to RLIMIT_MEMLOCK. {@link Port} records the sockets its open created and closes those
     * still open, same fd and same inode, once DPDK has closed the port.
     */
    static Map<Integer, Long> xdpSockets() {
        Map<Integer, Long> sockets = new HashMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                long inode = socketInode(fd);
                int number = Integer.parseInt(fd.getFileName().toString());
                if (inode >= 0 && domain(number) == AF_XDP) {
                    sockets.put(number, inode);
                }
            }
        } catch (IOException e) {
            throw new DpdkException("cannot list /proc/self/fd: " + e);
        }
        return sockets;
    }

    /** Closes the sockets of {@code opened} that are still open as the same socket; returns how many it closed. */
    static int closeLeaked(Map<Integer, Long> opened) {
        int closed = 0;
        for (Map.Entry<Integer, Long> socket : opened.entrySet()) {
            if (socketInode(Path.of("/proc/self/fd", socket.getKey().toString())) == socket.getValue()) {
                try {
                    if ((int) CLOSE.invokeExact((int) socket.getKey()) == 0) {
                        closed++;
                    }
                } catch (Throwable t) {
                    throw new DpdkException("close of AF_XDP socket fd " + socket.getKey() + " failed: " + t);
                }
            }
        }
        return closed;
    }

    /** The inode of the socket {@code /proc/self/fd/N} links to, or -1 when it is no socket (or gone). */
    private static long socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("socket:[") ? Long.parseLong(target.substring(8, target.length() - 1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** getsockopt(SO_DOMAIN) of the socket {@code fd}, or -1. */
    private static int domain(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, 4);
            int rc = (int) GETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_DOMAIN, value, length);
            return rc == 0 ? value.get(ValueLayout.JAVA_INT, 0) : -1;
        } catch (Throwable t) {
            return -1;
        }
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GETSOCKOPT = LINKER.downcallHandle(LINKER.defaultLookup().find("getsockopt").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final int AF_XDP = 44;
    private static final int SOL_SOCKET = 1;
    private static final int SO_DOMAIN = 39;
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final long SIOCETHTOOL = 0x8946;
    private static final int ETHTOOL_GCHANNELS = 0x3c;
}
