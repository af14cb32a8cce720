package dev.hft.dpdk;

import dev.hft.dpdk.ffi.dpdk_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The EAL, once per JVM. {@link #init} runs {@code rte_eal_init} on a dedicated short-lived thread: the EAL pins
 * the thread that calls it to the main lcore, and that pinning must not leak onto the caller (or onto threads
 * the caller starts later).
 */
public final class Dpdk {

    private static final Object LOCK = new Object();
    private static final ThreadLocal<Boolean> REGISTERED = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static boolean initialized;
    private static String initFailure;

    private Dpdk() {
    }

    /**
     * True when DPDK's libraries and the shim loaded and every symbol of the binding resolved (says nothing about
     * whether {@link #init} was called).
     */
    public static boolean isAvailable() {
        return Native.UNAVAILABLE_REASON == null;
    }

    /** Why DPDK cannot be used, or null: libraries, shim or symbols missing, or the EAL refused its arguments. */
    public static String unavailableReason() {
        synchronized (LOCK) {
            return Native.UNAVAILABLE_REASON != null ? Native.UNAVAILABLE_REASON : initFailure;
        }
    }

    public static boolean isInitialized() {
        synchronized (LOCK) {
            return initialized;
        }
    }

    /**
     * EAL arguments for a machine without hugepages or a DPDK-bound NIC (virtual devices only): core 0 as the
     * main lcore (the EAL pins only its short-lived init thread), 256 MB of ordinary memory, no shared config
     * so several processes may run, no telemetry socket, quiet EAL logs. Production layouts name their own.
     */
    public static final List<String> SMALL_MACHINE_EAL = List.of("-l", "0", "--no-huge", "--no-pci", "-m", "256",
            "--no-shconf", "--no-telemetry", "--log-level=lib.eal:warning");

    /**
     * Initialises the EAL with {@code ealArgs} (without the program name), e.g.
     * {@code [-l, 0, --no-huge, --no-pci, -m, 256, --no-shconf, --vdev=net_null0]}.
     *
     * @throws DpdkException when DPDK is unavailable, when the EAL refuses (with {@code rte_strerror} text), or
     *                       when called a second time: the EAL cannot be re-initialised in the same process
     */
    public static void init(List<String> ealArgs) {
        synchronized (LOCK) {
            if (Native.UNAVAILABLE_REASON != null) {
                throw new DpdkException("DPDK unavailable: " + Native.UNAVAILABLE_REASON);
            }
            if (initialized || initFailure != null) {
                throw new DpdkException("the EAL can be initialised once per JVM and already was"
                        + (initFailure != null ? " (it failed: " + initFailure + ")" : ""));
            }
            List<String> argv = new ArrayList<>();
            argv.add("hft");
            argv.addAll(ealArgs);
            String[] failure = new String[1];
            Thread thread = Thread.ofPlatform().name("dpdk-eal-init").unstarted(() -> failure[0] = callInit(argv));
            thread.start();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DpdkException("interrupted while waiting for rte_eal_init");
            }
            if (failure[0] != null) {
                initFailure = failure[0];
                throw new DpdkException(failure[0]);
            }
            initialized = true;
        }
    }

    /**
     * {@link #init} unless the EAL is already initialised, in which case {@code ealArgs} are ignored: for the stages
     * that each may be the first to need DPDK. One step under the lock, where isInitialized-then-init is two.
     */
    public static void initIfNeeded(List<String> ealArgs) {
        synchronized (LOCK) {
            if (!initialized) {
                init(ealArgs);
            }
        }
    }

    private static String callInit(List<String> argv) {
        // The EAL keeps pointers into argv: the strings live as long as the process.
        Arena arena = Arena.global();
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, argv.size() + 1L);
        for (int i = 0; i < argv.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(argv.get(i)));
        }
        int rc = dpdk_h.rte_eal_init(argv.size(), array);
        if (rc < 0) {
            return "rte_eal_init " + String.join(" ", argv.subList(1, argv.size())) + " failed: " + lastError();
        }
        return null;
    }

    /** Calls {@code rte_eal_cleanup}; the EAL still cannot be initialised again afterwards. */
    public static void cleanup() {
        synchronized (LOCK) {
            if (initialized) {
                dpdk_h.rte_eal_cleanup();
            }
        }
    }

    /**
     * Registers the calling (non-EAL) thread with the EAL so it gets an lcore id and with it the mempools'
     * per-lcore caches; without it every alloc/free goes to the shared ring. Does not change the thread's affinity.
     * A second call on the same thread does nothing.
     */
    public static void registerThread() {
        requireInitialized();
        if (REGISTERED.get()) {
            return;
        }
        if (dpdk_h.rte_thread_register() < 0) {
            throw new DpdkException("rte_thread_register failed: " + lastError());
        }
        REGISTERED.set(Boolean.TRUE);
    }

    public static int mainLcore() {
        requireInitialized();
        return dpdk_h.rte_get_main_lcore();
    }

    public static int lcoreCount() {
        requireInitialized();
        return dpdk_h.rte_lcore_count();
    }

    /** NUMA socket of the calling thread as the EAL sees it ({@code SOCKET_ID_ANY}, -1, for an unregistered thread). */
    public static int socketId() {
        requireInitialized();
        return dpdk_h.rte_socket_id();
    }

    public static int lcoreToSocketId(int lcoreId) {
        requireInitialized();
        return dpdk_h.rte_lcore_to_socket_id(lcoreId);
    }

    static void requireInitialized() {
        if (!isInitialized()) {
            throw new DpdkException("DPDK is not initialised: call Dpdk.init(ealArgs) first"
                    + (unavailableReason() != null ? " (" + unavailableReason() + ")" : ""));
        }
    }

    /** {@code rte_strerror(rte_errno)} of the calling thread, with the number. */
    static String lastError() {
        return strerror(dpdk_h.hft_rte_errno());
    }

    /** {@code rte_strerror(errnum)} with the number, for a negative or positive error code. */
    static String strerror(int errnum) {
        int positive = Math.abs(errnum);
        return dpdk_h.rte_strerror(positive).getString(0) + " (errno " + positive + ")";
    }
}
