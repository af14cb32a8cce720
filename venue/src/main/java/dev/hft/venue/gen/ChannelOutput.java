package dev.hft.venue.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.net.Ipv4;

/**
 * A multi-channel feed, as real ones are split: stock locate {@code l} goes to channel {@code l % channels}, and
 * messages without a stock (locate 0: system events, MWCB levels) go to every channel. Channel {@code k} is its own
 * MoldUDP64 session ({@code HFTGEN0001}, {@code HFTGEN0002}, ...), sequenced from 1, to group
 * {@link FeedGenerator#GROUP} + k on port {@link FeedGenerator#PORT} + k, written to {@code <name>-<k>.pcap}.
 */
public final class ChannelOutput implements MessageOutput {

    private static final ValueLayout.OfShort LOCATE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private final MoldPcapWriter[] channels;
    private final long[][] typeCounts;

    private ChannelOutput(MoldPcapWriter[] channels) {
        this.channels = channels;
        this.typeCounts = new long[channels.length][256];
    }

    /** Opens {@code <dir>/<name>-0.pcap} .. {@code <name>-<channels-1>.pcap}. */
    public static ChannelOutput open(int channels, Path dir, String name) throws IOException {
        if (channels < 1 || channels > 99) {
            throw new IllegalArgumentException("channels must be in 1..99, found " + channels);
        }
        Files.createDirectories(dir);
        MoldPcapWriter[] writers = new MoldPcapWriter[channels];
        for (int k = 0; k < channels; k++) {
            OutputStream out = Files.newOutputStream(dir.resolve(name + "-" + k + ".pcap"));
            writers[k] = new MoldPcapWriter(out, MoldPacket.session(session(k)), Ipv4.parse(FeedGenerator.SOURCE_IP),
                    Ipv4.parse(FeedGenerator.GROUP) + k, FeedGenerator.PORT + k, FeedGenerator.DAY_EPOCH_NANOS,
                    FeedGenerator.MESSAGES_PER_PACKET, FeedGenerator.MAX_PAYLOAD);
        }
        return new ChannelOutput(writers);
    }

    /** Channel {@code k}'s Mold session name. */
    public static String session(int k) {
        return String.format("HFTGEN%04d", k + 1);
    }

    /** Channel {@code k}'s group:port. */
    public static String groupPort(int k) {
        int group = Ipv4.parse(FeedGenerator.GROUP) + k;
        return (group >>> 24) + "." + ((group >>> 16) & 0xFF) + "." + ((group >>> 8) & 0xFF) + "." + (group & 0xFF)
                + ":" + (FeedGenerator.PORT + k);
    }

    @Override
    public void message(MemorySegment message, int length, long timestampNanos) throws IOException {
        int locate = Short.toUnsignedInt(message.get(LOCATE, 1));
        int type = message.get(ValueLayout.JAVA_BYTE, 0) & 0xFF;
        if (locate == 0) {
            for (int k = 0; k < channels.length; k++) {
                channels[k].message(message, length, timestampNanos);
                typeCounts[k][type]++;
            }
        } else {
            int k = locate % channels.length;
            channels[k].message(message, length, timestampNanos);
            typeCounts[k][type]++;
        }
    }

    /** Messages written to channel {@code k}, by type byte. */
    public long[] typeCounts(int k) {
        return typeCounts[k].clone();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (MoldPcapWriter channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
