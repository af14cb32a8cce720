package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** rte_eal.h, rte_lcore.h, rte_errno.h, rte_dev.h: the functions the project calls, shaped as jextract would. */
public final class rte_eal_h {

    private static final MethodHandle rte_eal_init = Native.downcall("rte_eal_init",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle rte_eal_cleanup = Native.downcall("rte_eal_cleanup",
            FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle rte_socket_id = Native.downcall("rte_socket_id",
            FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle rte_get_main_lcore = Native.downcall("rte_get_main_lcore",
            FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle rte_lcore_count = Native.downcall("rte_lcore_count",
            FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle rte_lcore_to_socket_id = Native.downcall("rte_lcore_to_socket_id",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle rte_thread_register = Native.downcall("rte_thread_register",
            FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle rte_strerror = Native.downcall("rte_strerror",
            FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle rte_dev_probe = Native.downcall("rte_dev_probe",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle rte_dev_remove = Native.downcall("rte_dev_remove",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));

    private rte_eal_h() {
    }

    public static int rte_eal_init(int argc, MemorySegment argv) {
        try {
            return (int) rte_eal_init.invokeExact(argc, argv);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_eal_cleanup() {
        try {
            return (int) rte_eal_cleanup.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_socket_id() {
        try {
            return (int) rte_socket_id.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_get_main_lcore() {
        try {
            return (int) rte_get_main_lcore.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_lcore_count() {
        try {
            return (int) rte_lcore_count.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_lcore_to_socket_id(int lcoreId) {
        try {
            return (int) rte_lcore_to_socket_id.invokeExact(lcoreId);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_thread_register() {
        try {
            return (int) rte_thread_register.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static MemorySegment rte_strerror(int errnum) {
        try {
            return (MemorySegment) rte_strerror.invokeExact(errnum);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_dev_probe(MemorySegment devargs) {
        try {
            return (int) rte_dev_probe.invokeExact(devargs);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int rte_dev_remove(MemorySegment device) {
        try {
            return (int) rte_dev_remove.invokeExact(device);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
