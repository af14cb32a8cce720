package dev.hft.ingress.stage;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import dev.hft.ingress.source.UdpMulticastSource;
import dev.hft.pipeline.Params;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;

/**
 * {@code kind: itch-udp}: MoldUDP64 from kernel multicast sockets into the book rings. Params: {@code group}
 * (one {@code group:port} or a list: A/B lines), {@code interface} (name, e.g. eth0), {@code gap_policy},
 * {@code request_server}, plus the common ones in {@link IngressChain}.
 */
public final class ItchUdpStageFactory implements StageFactory {

    @Override
    public String kind() {
        return "itch-udp";
    }

    @Override
    public String inputEvent() {
        return null;
    }

    @Override
    public void validate(Params params, BiConsumer<String, String> problems) {
        List<String> groups = params.strings("group");
        if (groups.isEmpty()) {
            problems.accept("group", "required: group:port (or a list of them, one per line)");
        }
        for (String group : groups) {
            try {
                if (!IngressStages.address(group).getAddress().isMulticastAddress()) {
                    problems.accept("group", "'" + group + "' is not a multicast address");
                }
            } catch (IllegalArgumentException e) {
                problems.accept("group", e.getMessage());
            }
        }
        if (params.has("interface")) {
            String name = params.string("interface", "");
            try {
                if (NetworkInterface.getByName(name) == null) {
                    problems.accept("interface", "no network interface named '" + name + "'");
                }
            } catch (java.net.SocketException e) {
                problems.accept("interface", "cannot list network interfaces: " + e.getMessage());
            }
        }
        IngressStages.unknownKeys(params, java.util.Set.of("group", "interface"), problems);
        IngressStages.validateCommon(params, problems, true);
        if (params.has("tap")) {
            problems.accept("tap", "itch-udp receives UDP payloads from the kernel, not Ethernet frames: tap an itch-file"
                    + " pcap replay or a dpdk-rx stage (or capture this socket's traffic with tcpdump)");
        }
    }

    @Override
    public Object create(StageContext context) throws Exception {
        Params params = context.params();
        NetworkInterface nif = params.has("interface") ? NetworkInterface.getByName(params.string("interface", "")) : null;
        List<UdpMulticastSource.Line> lines = new ArrayList<>();
        for (String group : params.strings("group")) {
            var address = IngressStages.address(group);
            lines.add(new UdpMulticastSource.Line(InetAddress.getByName(address.getHostString()), address.getPort(), nif));
        }
        IngressChain chain = IngressChain.build(context);
        return new UdpMulticastSource(context.role(), lines, chain, params.intValue("batch", UdpMulticastSource.DEFAULT_BATCH));
    }
}
