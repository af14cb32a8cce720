package dev.hft.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.List;

import org.junit.jupiter.api.Test;

/** ITCH to a multicast group on a named interface (with multicast loop on), received by a group member. */
class VenueMulticastTest {

    /** Loopback: Linux delivers multicast on lo, and a test's traffic never leaves the host. */
    static NetworkInterface multicastInterface() throws Exception {
        return NetworkInterface.getByName("lo");
    }

    @Test
    void theStartOfDayReachesAGroupMember() throws Exception {
        NetworkInterface nic = multicastInterface();
        InetAddress group = InetAddress.getByName("239.192.7.61");
        try (DatagramChannel member = DatagramChannel.open(StandardProtocolFamily.INET)) {
            member.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            member.bind(new InetSocketAddress(0));
            MembershipKey key = member.join(group, nic);
            member.configureBlocking(false);
            int port = ((InetSocketAddress) member.getLocalAddress()).getPort();
            VenueConfig config = VenueConfig.loopback(List.of(new VenueConfig.Symbol("AAPL", 1_000_000, 100)),
                    new InetSocketAddress(group, port)).withBackground(new VenueConfig.Background(0, 5, 10, 0, 1));
            config = config.withItch(new VenueConfig.Itch(new InetSocketAddress(group, port), nic.getName(), "MCAST", null, 10));
            Venue venue = Venue.start(config, new TestClock());
            ByteBuffer rx = ByteBuffer.allocate(2048);
            for (int i = 0; i < 500 && member.receive(rx) == null; i++) {
                Thread.sleep(1);
            }
            venue.stop();
            key.drop();
            // S O, S S, S Q, R, H: 3 x (2 + 12) + (2 + 39) + (2 + 25) bytes after the 20-byte header
            assertEquals(20 + 3 * 14 + 41 + 27, rx.position());
            assertEquals(5, rx.getShort(18));
        }
    }
}
