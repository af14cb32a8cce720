package dev.hft.wire.net;

/** An IPv4 address or network, {@code 10.1.2.3} or {@code 10.1.2.0/24}: the address as a big-endian int and its mask. */
public record Ipv4Prefix(int address, int mask) {

    /** Parses {@code a.b.c.d} or {@code a.b.c.d/n}; throws IllegalArgumentException naming the text when it is not one. */
    public static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        try {
            int bits = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1).trim());
            if (bits < 0 || bits > 32) {
                throw new IllegalArgumentException();
            }
            int mask = bits == 0 ? 0 : -1 << (32 - bits);
            return new Ipv4Prefix(Ipv4.parse(slash < 0 ? text : text.substring(0, slash)) & mask, mask);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected an IPv4 address or a.b.c.d/n, found '" + text + "'");
        }
    }

    public boolean contains(int ip) {
        return (ip & mask) == address;
    }
}
