package dev.hft.wire.net;

/** A destination {@code a.b.c.d:port}, the group as a big-endian int as it appears in the IPv4 header. */
public record GroupPort(int group, int port) {

    /** Parses {@code a.b.c.d:port}; throws IllegalArgumentException naming the text when it is not one. */
    public static GroupPort parse(String text) {
        int colon = text.lastIndexOf(':');
        try {
            int port = Integer.parseInt(text.substring(colon + 1).trim());
            if (colon < 0 || port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException();
            }
            return new GroupPort(Ipv4.parse(text.substring(0, colon)), port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected group:port, found '" + text + "'");
        }
    }
}
