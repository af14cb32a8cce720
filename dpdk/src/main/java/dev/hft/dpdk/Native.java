package dev.hft.dpdk;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import dev.hft.dpdk.ffi.dpdk_h;

/**
 * Makes the generated binding ({@code dev.hft.dpdk.ffi}, jextract's output) safe to touch: it opens the DPDK
 * libraries in {@code dpdk_h}'s static initialiser and looks each symbol up when first used, throwing
 * {@link ExceptionInInitializerError} either way when something is missing. Here all of that happens once, up
 * front, and never throws: when something is missing, {@link #UNAVAILABLE_REASON} says what, and nothing may
 * touch {@code dpdk_h} afterwards ({@link Dpdk#init} refuses first).
 */
public final class Native {

    /** Overrides where the shim is loaded from (default: the copy packed in this jar). */
    public static final String SHIM_PROPERTY = "hft.dpdk.shim";

    /**
     * The whole address space as one segment: mbuf memory is read at absolute addresses through it without
     * allocating a segment per packet. Bounds come from the mbuf's own lengths.
     */
    public static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    /** Null when the DPDK libraries, the shim and every symbol of the binding are there. */
    public static final String UNAVAILABLE_REASON = load();

    private Native() {
    }

    private static String load() {
        try {
            MethodHandles.lookup().ensureInitialized(dpdk_h.class);
        } catch (ExceptionInInitializerError e) {
            return "DPDK libraries not loadable: " + e.getCause().getMessage();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        try {
            // Loaded for this class loader: dpdk_h finds the hft_* functions through SymbolLookup.loaderLookup().
            Path shim = shimPath();
            try {
                System.load(shim.toString());
            } finally {
                if (System.getProperty(SHIM_PROPERTY) == null) {
                    // the mapping stays after the unlink; nothing is left in /tmp, even when the JVM is killed
                    Files.deleteIfExists(shim);
                }
            }
        } catch (IOException | IllegalStateException | UnsatisfiedLinkError e) {
            return e.getMessage();
        }
        List<String> missing = unresolvedSymbols();
        return missing.isEmpty() ? null : "symbols not found in the DPDK libraries or the shim: " + String.join(", ", missing)
                + " (bindings generated for another DPDK version? docs/dpdk.md, Bindings, says how to regenerate)";
    }

    /**
     * Resolves every function ({@code f$address()}) and variable ({@code v$layout()}) of the generated header
     * now: each initialises the holder class that looks the symbol up, which would otherwise fail at first call.
     */
    private static List<String> unresolvedSymbols() {
        List<String> missing = new ArrayList<>();
        for (Method method : dpdk_h.class.getMethods()) {
            String name = method.getName();
            if (method.getParameterCount() != 0 || !(name.endsWith("$address") || name.endsWith("$layout"))) {
                continue;
            }
            try {
                method.invoke(null);
            } catch (InvocationTargetException e) {
                missing.add(name.substring(0, name.indexOf('$')));
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        missing.sort(null);
        return missing;
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
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
