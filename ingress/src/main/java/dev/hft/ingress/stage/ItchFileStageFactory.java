package dev.hft.ingress.stage;

import java.nio.file.Path;
import java.util.function.BiConsumer;

import dev.hft.ingress.net.DropCounters;
import dev.hft.ingress.source.BinaryFileSource;
import dev.hft.ingress.source.PcapSource;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;
import dev.hft.pipeline.TopologyException;

/**
 * {@code kind: itch-file}: replays a NASDAQ BinaryFILE (plain or gzip) or a pcap of MoldUDP64 into the book
 * rings. Params: {@code path}, {@code format: binaryfile | pcap | auto} (auto: pcap magic, else BinaryFILE),
 * {@code pace: false | true} (pcap timestamps), {@code filter: group:port} (one or a list: A/B lines), plus the
 * common ones in {@link IngressChain}.
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
        IngressStages.validateCommon(params, problems, false);
    }

    @Override
    public Object create(StageContext context) throws Exception {
        Params params = context.params();
        Path path = Path.of(params.string("path", ""));
        String format = params.string("format", "auto");
        boolean pcap = format.equals("pcap") || (format.equals("auto") && PcapSource.isPcap(path));
        if (!pcap) {
            DropCounters drops = IngressStages.drops(context);
            return BinaryFileSource.open(context.role(), path, IngressStages.router(context, drops), drops,
                    params.intValue("batch", BinaryFileSource.DEFAULT_BATCH));
        }
        IngressChain chain = IngressChain.build(context);
        return PcapSource.open(context.role(), path, chain.frames(), chain.drops(), params.intValue("batch", PcapSource.DEFAULT_BATCH),
                params.bool("pace", false)).withTimers(chain);
    }
}
