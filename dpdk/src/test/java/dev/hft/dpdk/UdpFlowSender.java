package dev.hft.dpdk;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Run inside the test's network namespace: sends {@code packets} UDP datagrams on each of {@code flows} flows
 * (destination ports {@value #FIRST_PORT}..) to {@code host}, each payload {@code hftflow:<flow>:<seq>}.
 */
public final class UdpFlowSender {

    static final int FIRST_PORT = 30000;
    static final String TAG = "hftflow:";

    private UdpFlowSender() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress host = InetAddress.getByName(args[0]);
        int flows = Integer.parseInt(args[1]);
        int packets = Integer.parseInt(args[2]);
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int seq = 0; seq < packets; seq++) {
                for (int flow = 0; flow < flows; flow++) {
                    byte[] payload = (TAG + flow + ":" + seq).getBytes(StandardCharsets.US_ASCII);
                    socket.send(new DatagramPacket(payload, payload.length, host, FIRST_PORT + flow));
                }
                if (seq % 2 == 1) {
                    // Paced: with framecnt=4096 per queue the receiver's af_packet rings hold the whole run anyway.
                    Thread.sleep(1);
                }
            }
        }
    }
}
