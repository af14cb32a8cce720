package dev.hft.ingress.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.ingress.IngressTestContext;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.source.PcapSource;
import dev.hft.ingress.stage.IngressChain;
import dev.hft.pipeline.Stage;
import dev.hft.venue.gen.ChannelOutput;
import dev.hft.venue.gen.FeedGenerator;

/** One decode chain seeing several Mold sessions interleaved (channels sharing a queue): {@code mold_sessions}. */
class MoldSessionsChainTest {

    @Test
    void interleavedChannelsDecodeLikeTheSingleChannelFeedWhenEachSessionHasItsOwnState(@TempDir Path dir) throws Exception {
        FeedGenerator.Options options = new FeedGenerator.Options(5000, 21, 5);
        FeedGenerator.write(options, dir, "single");
        ChannelOutput channels = FeedGenerator.writeChannels(options, 3, dir, "split");
        IngressTestContext single = new IngressTestContext(Map.of("path", dir.resolve("single.pcap").toString(), "via", "java"));
        Stage reference = (Stage) DpdkPcapReplayTest.factory("itch-file").create(single);
        while (!reference.isExhausted()) {
            reference.doWork();
        }

        IngressTestContext three = interleave(dir, 3, 3);
        assertEquals(0, DpdkPcapReplayTest.sum(three, "drop."), DpdkPcapReplayTest.counters(three, "drop.").toString());
        long expected = 0;
        for (int k = 0; k < 3; k++) {
            expected += java.util.Arrays.stream(channels.typeCounts(k)).sum();
        }
        assertEquals(expected, DpdkPcapReplayTest.sum(three, "messages."));
        for (int shard = 0; shard < 2; shard++) {
            assertEquals(DpdkRxStageFactoryTest.byStock(List.of(single.rings.messages(shard))),
                    DpdkRxStageFactoryTest.byStock(List.of(three.rings.messages(shard))), "shard " + shard);
        }

        IngressTestContext bounded = interleave(dir, 3, 2);
        assertTrue(bounded.byName.get("drop.mold_session_limit").get() > 0, "third session beyond the bound is counted");
        assertTrue(DpdkPcapReplayTest.sum(bounded, "messages.") < expected);

        IngressTestContext one = interleave(dir, 3, 1);
        assertTrue(one.byName.get("drop.mold_wrong_session").get() > 0, "one session per chain: the others are counted drops");
    }

    /** The channel captures, frame by frame in turn, into one chain with {@code sessions} Mold sessions. */
    private static IngressTestContext interleave(Path dir, int channels, int sessions) throws Exception {
        IngressTestContext context = new IngressTestContext(Map.of("mold_sessions", sessions));
        IngressChain chain = IngressChain.build(context);
        List<PcapSource> sources = new ArrayList<>();
        for (int k = 0; k < channels; k++) {
            sources.add(PcapSource.open("ch" + k, dir.resolve("split-" + k + ".pcap"), chain.frames(), new DropCounters(), 1, false));
        }
        boolean more = true;
        while (more) {
            more = false;
            for (PcapSource source : sources) {
                if (!source.isExhausted()) {
                    source.doWork();
                    more = true;
                }
            }
        }
        sources.forEach(PcapSource::close);
        chain.close();
        return context;
    }
}
