package dev.hft.dpdk;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Loads DPDK's four core libraries and the project's shim, and finds their symbols. Loading never throws:
 * when something is missing, {@link #UNAVAILABLE_REASON} says what, and the binding classes must not be touched.
 */
public final class Native {

    /** The DPDK 22.11 ABI (.so.23) libraries the binding calls into; EAL loads the PMD plugins itself. */
    public static final List<String> LIBRARIES =
            List.of("librte_eal.so.23", "librte_mempool.so.23", "librte_mbuf.so.23", "librte_ethdev.so.23");

    /** Overrides where the shim is loaded from (default: the copy packed in this jar). */
    public static final String SHIM_PROPERTY = "hft.dpdk.shim";

    /**
     * The whole address space as one segment: mbuf memory is read at absolute addresses through it without
     * allocating a segment per packet. Bounds come from the mbuf's own lengths.
     */
    public static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    static final Linker LINKER = Linker.nativeLinker();

    /** Null when everything loaded. */
    public static final String UNAVAILABLE_REASON;

    private static final SymbolLookup LOOKUP;

    static {
        SymbolLookup lookup = null;
        String reason = null;
        try {
            for (String library : LIBRARIES) {
                SymbolLookup next = SymbolLookup.libraryLookup(library, Arena.global());
                lookup = lookup == null ? next : lookup.or(next);
            }
            lookup = lookup.or(SymbolLookup.libraryLookup(shimPath(), Arena.global()));
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            reason = e.getMessage();
        }
        LOOKUP = lookup;
        UNAVAILABLE_REASON = reason;
    }

    private Native() {
    }

    static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    static MemorySegment symbol(String name) {
        return LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("DPDK symbol not found: " + name));
    }

    private static Path shimPath() throws IOException {
        String configured = System.getProperty(SHIM_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        try (InputStream in = Native.class.getResourceAsStream("native/libhftdpdk.so")) {
            if (in == null) {
                throw new IllegalStateException("libhftdpdk.so is not in the hft-dpdk jar: it was built without gcc or "
                        + "libdpdk-dev (see dpdk/src/main/c/build-shim.sh)");
            }
            Path file = Files.createTempFile("libhftdpdk", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
