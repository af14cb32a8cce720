package dev.hft.dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Linux network namespaces made by {@code ip netns add}: {@link #enter} moves the calling thread into one, so the
 * sockets it opens afterwards live there (a sender on the far side of a veth pair). setns(2) is per thread: the
 * rest of the process stays where it is. Used by the veth helpers of the DPDK tests and of the benchmarks.
 */
public final class NetNamespace {

    private static final int CLONE_NEWNET = 0x40000000;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETNS = LINKER.downcallHandle(LINKER.defaultLookup().find("setns").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private NetNamespace() {
    }

    /** Moves the calling thread into the namespace {@code /var/run/netns/<name>}; IllegalStateException if it cannot. */
    public static void enter(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom("/var/run/netns/" + name);
            int fd = (int) OPEN.invokeExact(path, 0);
            if (fd < 0) {
                throw new IllegalStateException("cannot open /var/run/netns/" + name);
            }
            int rc = (int) SETNS.invokeExact(fd, CLONE_NEWNET);
            int closed = (int) CLOSE.invokeExact(fd);
            if (rc != 0 || closed != 0) {
                throw new IllegalStateException("setns into " + name + " failed");
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
