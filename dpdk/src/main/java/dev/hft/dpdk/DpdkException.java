package dev.hft.dpdk;

/** A DPDK control-path call failed (EAL refused, device not found, configuration rejected); the message says which. */
public final class DpdkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DpdkException(String message) {
        super(message);
    }

    public DpdkException(String message, Throwable cause) {
        super(message, cause);
    }
}
