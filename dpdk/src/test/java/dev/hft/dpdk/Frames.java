package dev.hft.dpdk;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Ethernet/IPv4/UDP test frames and a minimal pcap (microsecond, little-endian, LINKTYPE_ETHERNET) writer/reader. */
final class Frames {

    private Frames() {
    }

    /** A frame whose UDP payload is {@code tag} padded with its own index bytes to {@code payloadLength}. */
    static byte[] udp(int srcPort, int dstPort, String tag, int payloadLength) {
        byte[] text = tag.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame = ByteBuffer.allocate(14 + 20 + 8 + payloadLength).order(ByteOrder.BIG_ENDIAN);
        frame.put(new byte[] {1, 0, 0x5e, 0x36, 0x0c, 0x6f}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        int ipStart = frame.position();
        frame.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + payloadLength)).putShort((short) 0)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {10, 77, 0, 2}).put(new byte[] {(byte) 233, 54, 12, 111});
        frame.putShort(ipStart + 10, ipChecksum(frame.array(), ipStart));
        frame.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payloadLength)).putShort((short) 0);
        for (int i = 0; i < payloadLength; i++) {
            frame.put(i < text.length ? text[i] : (byte) i);
        }
        return frame.array();
    }

    private static short ipChecksum(byte[] bytes, int start) {
        int sum = 0;
        for (int i = start; i < start + 20; i += 2) {
            sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }

    static void writePcap(Path file, List<byte[]> frames) throws IOException {
        int size = 24 + frames.stream().mapToInt(f -> 16 + f.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        int second = 1_700_000_000;
        for (byte[] frame : frames) {
            out.putInt(second++).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        }
        Files.write(file, out.array());
    }

    static List<byte[]> readPcap(Path file) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            byte[] header = data.readNBytes(24);
            ByteBuffer global = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int magic = global.getInt(0);
            if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
                throw new IOException("not a little-endian pcap: magic " + Integer.toHexString(magic));
            }
            while (true) {
                byte[] record = new byte[16];
                try {
                    data.readFully(record);
                } catch (EOFException end) {
                    return frames;
                }
                int captured = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
                frames.add(data.readNBytes(captured));
            }
        }
    }
}
