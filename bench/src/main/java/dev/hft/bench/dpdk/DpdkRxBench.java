package dev.hft.bench.dpdk;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.FastPath;
import dev.hft.dpdk.Mbuf;
import dev.hft.dpdk.MbufBurst;
import dev.hft.dpdk.Native;
import dev.hft.dpdk.Port;
import dev.hft.dpdk.PortConfig;
import dev.hft.dpdk.RxQueue;

/**
 * Packets per second on one RX core through net_null (a PMD that hands out fresh 64-byte mbufs: the cost measured
 * is the burst call, the mbuf allocation inside the PMD, the per-packet touch and the bulk free). Per burst of 32:
 * rx burst, for each packet read nb_segs and data_len and the first 8 bytes of the frame, then one bulk free.
 * Three loops do exactly that: Java through rte_eth_fp_ops function pointers, Java through the C shim, and C
 * (dpdk/src/test/c/rx_loop_bench.c, gcc -O2, compiled at start and called once per round in this same process).
 * One thread, registered with the EAL (mempool cache on), busy the whole time; rounds alternate the loops.
 *
 * <p>Run: {@code java <jvm flags> -cp 'bench/target/classes:bench/target/lib/*' dev.hft.bench.dpdk.DpdkRxBench
 * [packetsPerRound] [rounds]} from the repository root.
 */
public final class DpdkRxBench {

    private static final int BURST = 32;

    private DpdkRxBench() {
    }

    public static void main(String[] args) throws Throwable {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Dpdk.isAvailable()) {
            System.err.println("DPDK unavailable: " + Dpdk.unavailableReason());
            System.exit(2);
        }
        Dpdk.init(List.of("-l", "0", "--no-huge", "--no-pci", "-m", "256", "--no-shconf", "--log-level=lib.eal:warning",
                "--vdev=net_null0", "--vdev=net_null1", "--vdev=net_null2"));
        Dpdk.registerThread();
        MethodHandle cLoop = compileCLoop();

        Port fpOps = Port.open(PortConfig.of("fpops", "net_null0", 1, 1).withFastPath(FastPath.FP_OPS).withMbufs(8191, 256));
        Port shim = Port.open(PortConfig.of("shim", "net_null1", 1, 1).withFastPath(FastPath.SHIM).withMbufs(8191, 256));
        Port c = Port.open(PortConfig.of("c", "net_null2", 1, 1).withMbufs(8191, 256));
        MbufBurst burst = new MbufBurst(BURST);

        javaLoop(fpOps.rxQueue(0), burst, packets);
        javaLoop(shim.rxQueue(0), burst, packets);
        long checksum = (long) cLoop.invokeExact((short) c.portId(), (short) 0, packets);

        List<double[]> perRound = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double fp = nsPerPacket(() -> javaLoop(fpOps.rxQueue(0), burst, packets), packets);
            double sh = nsPerPacket(() -> javaLoop(shim.rxQueue(0), burst, packets), packets);
            double cc = nsPerPacket(() -> {
                try {
                    return (long) cLoop.invokeExact((short) c.portId(), (short) 0, packets);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            }, packets);
            perRound.add(new double[] {fp, sh, cc});
            System.out.printf("round %d: java fp_ops %.2f ns/pkt, java shim %.2f ns/pkt, C %.2f ns/pkt%n", round, fp, sh, cc);
        }
        for (String statistic : List.of("median", "best")) {
            boolean best = statistic.equals("best");
            double fp = pick(perRound, 0, best);
            double sh = pick(perRound, 1, best);
            double cc = pick(perRound, 2, best);
            System.out.printf("%s of %d rounds x %,d packets (burst %d, net_null 64-byte frames, one core):%n",
                    statistic, rounds, packets, BURST);
            System.out.printf("  java fp_ops: %6.2f ns/pkt  %6.2f Mpps  %.2fx C%n", fp, 1e3 / fp, fp / cc);
            System.out.printf("  java shim  : %6.2f ns/pkt  %6.2f Mpps  %.2fx C%n", sh, 1e3 / sh, sh / cc);
            System.out.printf("  C          : %6.2f ns/pkt  %6.2f Mpps%n", cc, 1e3 / cc);
        }
        for (Port port : List.of(fpOps, shim, c)) {
            if (port.pool().availableCount() != port.pool().size()) {
                throw new IllegalStateException("mbuf leak on " + port + ": " + port.pool().availableCount() + " of "
                        + port.pool().size() + " available");
            }
            port.close();
        }
        System.out.println("pools full after the run (no leak); checksum " + checksum);
    }

    /** The Java loop: same work per packet as rx_loop_bench.c. Returns a checksum so nothing is optimised away. */
    static long javaLoop(RxQueue rx, MbufBurst burst, long packets) {
        MemorySegment memory = Native.EVERYTHING;
        Mbuf mbuf = new Mbuf();
        long seen = 0;
        long checksum = 0;
        while (seen < packets) {
            int n = rx.poll(burst);
            for (int i = 0; i < n; i++) {
                mbuf.wrap(burst.mbuf(i));
                checksum ^= memory.get(ValueLayout.JAVA_LONG_UNALIGNED, mbuf.dataAddress());
            }
            rx.free(burst);
            seen += n;
        }
        return checksum;
    }

    private interface Loop {
        long run();
    }

    private static long sink;

    private static double nsPerPacket(Loop loop, long packets) {
        long start = System.nanoTime();
        sink += loop.run();
        return (double) (System.nanoTime() - start) / packets;
    }

    /** The median (or the best, lowest) ns/packet of one loop over the rounds. */
    private static double pick(List<double[]> rounds, int column, boolean best) {
        double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return best ? values[0] : values[values.length / 2];
    }

    private static MethodHandle compileCLoop() throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("hft.root", "."), "dpdk/src/test/c/rx_loop_bench.c").toAbsolutePath();
        Path dir = Files.createTempDirectory("hft-bench");
        Path library = dir.resolve("librxloop.so");
        try {
            String command = "gcc -O2 -fPIC -shared -o " + library + " " + source + " $(pkg-config --cflags --libs libdpdk)";
            Process gcc = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (gcc.waitFor() != 0) {
                throw new IllegalStateException("cannot build the C loop (" + command + "): " + output);
            }
            SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
            return Linker.nativeLinker().downcallHandle(lookup.find("hft_bench_rx_loop").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_SHORT, ValueLayout.JAVA_SHORT,
                            ValueLayout.JAVA_LONG));
        } finally {
            Files.deleteIfExists(library); // once loaded the mapping outlives the file
            Files.delete(dir);
        }
    }
}
