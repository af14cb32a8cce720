package dev.hft.cli.replay;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.hft.ingress.mold.MoldReceiver;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.net.UdpFrameHandler;
import dev.hft.ingress.route.MessageSink;
import dev.hft.ingress.source.BinaryFileSource;
import dev.hft.ingress.source.PcapSource;
import dev.hft.wire.pcap.PcapReader;

/**
 * The progress bar's total: messages in the file, estimated before the run by decoding its first
 * {@link #SAMPLE_BYTES} with the same sources the pipeline uses and scaling by the file size (exact when the
 * file is no larger than the sample). Unknown (-1) for gzip, whose uncompressed size is not known up front.
 */
public final class ProgressEstimate {

    static final long SAMPLE_BYTES = 1 << 20;

    private ProgressEstimate() {
    }

    public static long messages(Path file, String format) throws IOException {
        long size = Files.size(file);
        if (size == 0 || isGzip(file)) {
            return -1;
        }
        boolean pcap = format.equals("pcap") || (format.equals("auto") && PcapReader.isPcap(file));
        long sample = Math.min(size, SAMPLE_BYTES);
        long[] counted = new long[1];
        MessageSink counter = new MessageSink() {
            @Override
            public void onMessage(MemorySegment segment, long offset, int length, long sequence, long receiveNanos) {
                counted[0]++;
            }

            @Override
            public void onPacketEnd() {
            }
        };
        try (Arena arena = Arena.ofConfined(); FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment head = channel.map(FileChannel.MapMode.READ_ONLY, 0, sample, arena);
            DropCounters drops = new DropCounters();
            if (pcap) {
                UdpFrameHandler frames = new UdpFrameHandler(new MoldReceiver(MoldReceiver.Config.DEFAULTS, counter, drops, null, null), drops);
                PcapSource source = PcapSource.over("estimate", head, frames, drops, PcapSource.DEFAULT_BATCH, false);
                while (!source.isExhausted()) {
                    source.doWork();
                }
            } else {
                BinaryFileSource source = BinaryFileSource.over("estimate", head, counter, drops, BinaryFileSource.DEFAULT_BATCH);
                while (!source.isExhausted()) {
                    source.doWork();
                }
            }
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return sample == size ? counted[0] : (long) (counted[0] * ((double) size / sample));
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        }
    }
}
