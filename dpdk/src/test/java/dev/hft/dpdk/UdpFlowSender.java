package dev.hft.dpdk;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Sends {@code packets} UDP datagrams on each of {@code flows} flows (destination ports {@value #FIRST_PORT}..) to
 * {@code host} from one socket, each payload {@code hftflow:<flow>:<seq>}; run on a {@link VethNamespace} sender.
 */
public final class UdpFlowSender {

    static final int FIRST_PORT = 30000;
    static final String TAG = "hftflow:";

    private UdpFlowSender() {
    }

    public static void send(String host, int flows, int packets) throws IOException, InterruptedException {
        InetAddress target = InetAddress.getByName(host);
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int seq = 0; seq < packets; seq++) {
                for (int flow = 0; flow < flows; flow++) {
                    byte[] payload = (TAG + flow + ":" + seq).getBytes(StandardCharsets.US_ASCII);
                    socket.send(new DatagramPacket(payload, payload.length, target, FIRST_PORT + flow));
                }
                if (seq % 2 == 1) {
                    // Paced so the receiving rings (af_packet framecnt, AF_XDP RX ring) hold what one poll gap lets in.
                    Thread.sleep(1);
                }
            }
        }
    }
}
