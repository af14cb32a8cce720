package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkTestSupport;
import dev.hft.venue.gen.FeedGenerator;

/**
 * Feeds shaped like real ones through every shipped layout: MoldUDP64 packets filled to 1,400 bytes (35 to 65 messages
 * each, as NASDAQ sends them), and the worst case, 1,500-byte frames of the shortest message every shard receives.
 * Each layout must run to the end of the file with every message accounted for; a deadlock fails the test by its
 * timeout instead of hanging the suite.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FullSizePacketsTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));
    private static final long MESSAGES = 60_000;

    @TempDir
    static Path dir;
    static Path itch;
    static Path full;
    static Path smallest;
    static long smallestMessages;

    @BeforeAll
    static void feeds() throws IOException {
        FeedGenerator.write(new FeedGenerator.Options(MESSAGES, 100, 11), dir, "day");
        itch = dir.resolve("day.itch");
        full = dir.resolve("full.pcap");
        long packets = FullPackets.write(itch, full, 1400);
        assertTrue(MESSAGES / packets >= 30, "packets carry " + MESSAGES / packets + " messages on average");
        smallest = dir.resolve("smallest.pcap");
        smallestMessages = FullPackets.smallestMessages(smallest, 500, 1500);
        assertTrue(smallestMessages / 500 > 100, "a 1,500-byte frame carries over 100 System Events");
    }

    @Test
    void theDefaultClosedLoopRunsAFullPacketFeedToItsEnd() throws IOException {
        Path json = dir.resolve("default.json");
        CliRun r = CliRun.of("run", "--topology", ROOT.resolve("topology.yaml").toString(), "--set", "ingress.path=" + full,
                "--summary-json=" + json, "--run-dir=" + dir, "--state-dir=" + dir.resolve("state"));
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertEquals(MESSAGES, s.get("messages").asLong(), r.out());
        assertFalse(s.get("data_lost").asBoolean(), r.out());
        assertTrue(r.out().contains("accounting: every ring drained"), r.out());
    }

    @Test
    void replayGivesTheBinaryFileSnapshotOnOneThreadAndOnSeveralThroughJavaAndDpdk() throws IOException {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        Path reference = dir.resolve("reference.json");
        CliRun binary = CliRun.of("replay", "--input", itch.toString(), "--order-capacity", "100000", "--snapshot", reference.toString());
        assertEquals(0, binary.code(), binary.out() + binary.err());
        for (String threads : new String[] {"single", "2", "multi"}) {
            for (String via : new String[] {"java", "dpdk"}) {
                Path snapshot = dir.resolve("full-" + threads + "-" + via + ".json");
                CliRun r = CliRun.of("replay", "--input", full.toString(), "--threads", threads, "--via", via, "--shards", "3",
                        "--order-capacity", "100000", "--snapshot", snapshot.toString());
                assertEquals(0, r.code(), threads + "/" + via + "\n" + r.out() + r.err());
                assertTrue(r.out().contains("nothing lost"), r.out());
                assertEquals(Files.readString(reference), Files.readString(snapshot), threads + "/" + via);
            }
        }
    }

    @Test
    void theShippedExamplesRunAFullPacketFeed() throws IOException {
        DpdkTestSupport.requireEal(Dpdk.SMALL_MACHINE_EAL);
        Path dpdkExample = dir.resolve("dpdk-pcap.yaml");
        Files.writeString(dpdkExample, Files.readString(ROOT.resolve("examples/dpdk-pcap.yaml"))
                .replace("rx_pcap=samples/sample.pcap", "rx_pcap=" + full.toAbsolutePath()));
        CliRun dpdk = CliRun.of("run", "--topology", dpdkExample.toString(), "--run-dir=" + dir);
        assertEquals(0, dpdk.code(), dpdk.out() + dpdk.err());
        assertTrue(dpdk.out().contains(String.format("%,d messages routed", MESSAGES)), dpdk.out());
        CliRun single = CliRun.of("run", "--topology", ROOT.resolve("examples/replay-single-thread.yaml").toString(),
                "--set", "ingress.path=" + full, "--run-dir=" + dir);
        assertEquals(0, single.code(), single.out() + single.err());
        assertTrue(single.out().contains(String.format("%,d messages routed", MESSAGES)), single.out());
    }

    @Test
    void framesFullOfTheShortestMessageEveryShardReceivesDoNotStallAnyLayout() {
        for (String threads : new String[] {"single", "2", "multi"}) {
            CliRun r = CliRun.of("replay", "--input", smallest.toString(), "--threads", threads, "--shards", "3", "--via", "java",
                    "--order-capacity", "1000");
            assertEquals(0, r.code(), threads + "\n" + r.out() + r.err());
            assertTrue(r.out().contains(String.format("%,d messages routed", smallestMessages)), r.out());
        }
    }
}
