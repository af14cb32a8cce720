package dev.hft.ingress.stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkException;
import dev.hft.dpdk.Mempool;
import dev.hft.ingress.dpdk.DpdkPcapReplay;
import dev.hft.ingress.dpdk.DpdkRxStage;
import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.source.BinaryFileSource;
import dev.hft.ingress.source.PcapSource;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;
import dev.hft.pipeline.TopologyException;
import dev.hft.wire.pcap.PcapReader;

/**
 * {@code kind: itch-file}: replays a NASDAQ BinaryFILE (plain or gzip) or a pcap of MoldUDP64 into the book
 * rings. Params: {@code path}, {@code format: binaryfile | pcap | auto} (auto: pcap magic, else BinaryFILE),
 * {@code pace: false | true} (pcap timestamps), {@code filter: group:port} (one or a list: A/B lines), plus the
 * common ones in {@link IngressChain}.
 *
 * <p>{@code via: java | dpdk | auto} (default java) says who reads a pcap: {@link PcapSource}, or DPDK's
 * {@code net_pcap} driver into an RX queue ({@link DpdkPcapReplay}, EAL from {@code eal:} when not yet initialised,
 * {@code idle_timeout_ms} as the end-of-file safety net); auto takes dpdk when DPDK is installed and usable. The
 * choice is printed at start.
 */
public final class ItchFileStageFactory implements StageFactory {

    @Override
    public String kind() {
        return "itch-file";
    }

    @Override
    public String inputEvent() {
        return null;
    }

    @Override
    public void validate(Params params, BiConsumer<String, String> problems) {
        IngressStages.unknownKeys(params, java.util.Set.of("path", "format", "pace", "via", "eal", "idle_timeout_ms"), problems);
        IngressStages.requireFile(params, problems);
        String format = params.string("format", "auto");
        if (!format.equals("auto") && !format.equals("binaryfile") && !format.equals("pcap")) {
            problems.accept("format", "expected binaryfile, pcap or auto, found '" + format + "'");
        }
        try {
            params.bool("pace", false);
        } catch (TopologyException e) {
            problems.accept("pace", "expected true or false, found '" + params.string("pace", "") + "'");
        }
        String via = params.string("via", "java");
        if (!via.equals("java") && !via.equals("dpdk") && !via.equals("auto")) {
            problems.accept("via", "expected java, dpdk or auto, found '" + via + "'");
        } else if (!via.equals("java") && format.equals("binaryfile")) {
            problems.accept("via", "DPDK replays pcap files only; a BinaryFILE is read by the Java source (via: java)");
        } else if (via.equals("dpdk") && params.string("path", "").indexOf(',') >= 0) {
            problems.accept("path", "net_pcap cannot open a path containing ',' (via: dpdk)");
        }
        if (params.intValue("idle_timeout_ms", 1) <= 0) {
            problems.accept("idle_timeout_ms", "must be positive");
        }
        IngressStages.validateCommon(params, problems, false);
        if (params.has("tap") && (format.equals("binaryfile") || (format.equals("auto") && params.has("path")
                && Files.isReadable(Path.of(params.string("path", ""))) && !isPcap(Path.of(params.string("path", "")))))) {
            problems.accept("tap", "a BinaryFILE has no frames to capture: tap a pcap replay");
        }
    }

    /** Whether {@code path} starts with a pcap or pcapng magic; false when it cannot be read. */
    public static boolean isPcap(Path path) {
        try {
            return PcapReader.isPcap(path);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public Object create(StageContext context) throws Exception {
        Params params = context.params();
        Path path = Path.of(params.string("path", ""));
        String format = params.string("format", "auto");
        boolean pcap = format.equals("pcap") || (format.equals("auto") && PcapReader.isPcap(path));
        String via = params.string("via", "java");
        if (via.equals("dpdk") && !pcap) {
            throw new TopologyException(context.name() + ".params.via", "DPDK replays pcap files only; '" + path + "' is not a pcap");
        }
        if (!pcap) {
            DropCounters drops = IngressStages.drops(context);
            return BinaryFileSource.open(context.role(), path, IngressStages.router(context, drops), drops,
                    params.intValue("batch", BinaryFileSource.DEFAULT_BATCH)).publishTo(context::counter);
        }
        DpdkPcapReplay.Scan scan = via.equals("java") ? null : DpdkPcapReplay.scan(path);
        String unusable = via.equals("auto") ? dpdkUnusable(params, path, scan) : null;
        boolean dpdk = via.equals("dpdk") || (via.equals("auto") && unusable == null);
        IngressChain chain = IngressChain.build(context);
        if (dpdk) {
            DpdkPcapReplay replay = DpdkPcapReplay.open(context.role(), path, scan, chain.frames(), chain,
                    params.intValue("batch", DpdkRxStage.DEFAULT_BURST),
                    params.longValue("idle_timeout_ms", DpdkPcapReplay.DEFAULT_IDLE_TIMEOUT_MS),
                    params.has("eal") ? params.strings("eal") : Dpdk.SMALL_MACHINE_EAL);
            System.out.println(context.role() + ": itch-file via " + replay);
            return replay;
        }
        if (via.equals("auto")) {
            System.out.println(context.role() + ": itch-file via the pure-Java pcap source (DPDK not usable: "
                    + unusable + ")");
        }
        return PcapSource.open(context.role(), path, chain.frames(), chain.drops(), params.intValue("batch", PcapSource.DEFAULT_BATCH),
                params.bool("pace", false)).withTimers(chain);
    }

    /**
     * Why DPDK cannot replay {@code path} here, or null when it is installed, its EAL is (or now gets) initialised, and
     * net_pcap can deliver the capture whole.
     */
    private static String dpdkUnusable(Params params, Path path, DpdkPcapReplay.Scan scan) {
        if (path.toString().indexOf(',') >= 0) {
            return "net_pcap cannot open a path containing ','";
        }
        if (!Dpdk.isAvailable()) {
            return "DPDK not installed: " + Dpdk.unavailableReason();
        }
        String whole = DpdkPcapReplay.cannotReplay(scan, Mempool.defaultFrameRoom());
        if (whole != null) {
            return whole;
        }
        try {
            Dpdk.initIfNeeded(params.has("eal") ? params.strings("eal") : Dpdk.SMALL_MACHINE_EAL);
        } catch (DpdkException e) {
            return e.getMessage();
        }
        return null;
    }
}
