package dev.hft.dpdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.hft.pipeline.topology.Problems;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.Topology.StageSpec;
import dev.hft.pipeline.topology.TopologySection;

/**
 * The {@code dpdk:} section of a topology: the EAL arguments and the ports. A stage with {@code per_rx_queue: <port>}
 * gets one instance per RX queue of the port; it and any stage naming a port with {@code params.dpdk_port: <port>}
 * receive the port's entry as param {@code dpdk_port} and the EAL arguments as {@code dpdk_eal}.
 *
 * <pre>
 * dpdk:
 *   eal: [--no-huge, --no-pci, -m, "256"]
 *   ports:
 *     - {name: md, device: "0000:3b:00.0", rx_queues: 4, tx_queues: 1, rx_desc: 1024, tx_desc: 1024, mbufs: 8191, socket: 0}
 * </pre>
 */
public final class DpdkSection implements TopologySection {

    static final Set<String> KEYS = Set.of("eal", "ports");
    static final Set<String> PORT_KEYS = Set.of("name", "device", "rx_queues", "tx_queues", "rx_desc", "tx_desc", "mbufs",
            "socket");
    /** A PCI address ({@code 0000:3b:00.0} or {@code 3b:00.0}) or a vdev ({@code net_<driver><id>[,key=value]...}). */
    private static final Pattern DEVICE = Pattern.compile(
            "([0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]|net_[a-z_]+[0-9]+(,[a-z_0-9]+=[^,=]+)*");

    @Override
    public String key() {
        return "dpdk";
    }

    @Override
    public Object read(Object value, Problems problems) {
        if (!(value instanceof Map<?, ?> m)) {
            problems.error("dpdk", "expected a map of keys (eal, ports)");
            return null;
        }
        unknownKeys(m, KEYS, "dpdk", problems);
        Map<String, Object> out = new LinkedHashMap<>();
        if (m.containsKey("eal")) {
            Object eal = m.get("eal");
            if (eal instanceof List<?> args && args.stream().allMatch(a -> a != null && !(a instanceof Map) && !(a instanceof List))) {
                out.put("eal", args.stream().map(String::valueOf).toList());
            } else {
                problems.error("dpdk.eal", "expected a list of EAL arguments, e.g. [--no-huge, --no-pci]");
            }
        }
        if (m.containsKey("ports")) {
            List<Object> ports = new ArrayList<>();
            if (m.get("ports") instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    Map<String, Object> port = port(items.get(i), "dpdk.ports[" + i + "]", problems);
                    if (port != null) {
                        ports.add(port);
                    }
                }
            } else {
                problems.error("dpdk.ports", "expected a list of ports");
            }
            out.put("ports", ports);
        }
        return out;
    }

    private static Map<String, Object> port(Object item, String path, Problems problems) {
        if (!(item instanceof Map<?, ?> p)) {
            problems.error(path, "expected a map of keys (" + String.join(", ", PORT_KEYS) + ")");
            return null;
        }
        unknownKeys(p, PORT_KEYS, path, problems);
        Map<String, Object> port = new LinkedHashMap<>();
        for (String required : List.of("name", "device")) {
            if (p.get(required) == null) {
                problems.error(path, "missing required key '" + required + "'");
            }
        }
        port.put("name", p.get("name") == null ? null : String.valueOf(p.get("name")));
        Object device = p.get("device");
        port.put("device", device == null ? null : String.valueOf(device));
        if (device != null && !DEVICE.matcher(String.valueOf(device)).matches()) {
            problems.error(path + ".device", "expected a PCI address (0000:3b:00.0) or a vdev string"
                    + " (net_pcap0,rx_pcap=in.pcap), found '" + device + "'");
        }
        for (String k : List.of("rx_queues", "tx_queues", "rx_desc", "tx_desc", "mbufs")) {
            if (p.containsKey(k)) {
                Integer v = wholeNumber(p.get(k));
                if (v == null) {
                    problems.error(path + "." + k, "expected a whole number, found '" + p.get(k) + "'");
                    continue;
                }
                port.put(k, v);
                boolean descriptors = k.endsWith("_desc");
                if (v < (descriptors ? 1 : 0)) {
                    problems.error(path + "." + k, k + " must be " + (descriptors ? "at least 1" : "0 or more") + ", found " + v);
                }
            }
        }
        if (device != null && AfXdp.isAfXdp(String.valueOf(device))
                && !port.getOrDefault("rx_queues", 1).equals(port.getOrDefault("tx_queues", 0))) {
            problems.error(path + ".tx_queues", "net_af_xdp pairs every RX queue with a TX queue: give tx_queues: "
                    + port.getOrDefault("rx_queues", 1) + " (as rx_queues)");
        }
        if (Integer.valueOf(0).equals(port.getOrDefault("rx_queues", 1)) && Integer.valueOf(0).equals(port.getOrDefault("tx_queues", 1))) {
            problems.error(path, "port '" + port.get("name") + "' has zero RX and zero TX queues: give rx_queues or tx_queues at least 1");
        }
        if (p.containsKey("socket")) {
            Object socket = p.get("socket");
            if ("auto".equals(socket)) {
                port.put("socket", "auto");
            } else if (wholeNumber(socket) != null) {
                port.put("socket", wholeNumber(socket));
            } else {
                problems.error(path + ".socket", "expected auto or a NUMA node number, found '" + socket + "'");
            }
        }
        return port;
    }

    @Override
    public Integer rxQueues(Object section, String port) {
        Map<?, ?> p = port(section, port);
        if (p == null) {
            return null;
        }
        return p.get("rx_queues") instanceof Integer n && n >= 1 ? n : 1;
    }

    @Override
    public void stageParams(Object section, String perRxQueue, Map<String, Object> params, String path, Problems problems) {
        if (perRxQueue != null) {
            Map<?, ?> p = port(section, perRxQueue);
            if (p != null && !(p.get("rx_queues") instanceof Integer n && n >= 1)) {
                problems.error(path + ".per_rx_queue", "port '" + perRxQueue + "' declares no 'rx_queues' count under dpdk.ports");
            }
            give(section, p, params);
        }
        if (params.get("dpdk_port") instanceof String named) {
            Map<?, ?> p = port(section, named);
            if (p == null) {
                problems.error(path + ".params.dpdk_port", "no DPDK port named '" + named + "' under dpdk.ports");
            }
            give(section, p, params);
        }
    }

    private static void give(Object section, Map<?, ?> port, Map<String, Object> params) {
        if (port == null) {
            return;
        }
        if (!(params.get("dpdk_port") instanceof Map<?, ?>)) {
            params.put("dpdk_port", port);
        }
        if (section instanceof Map<?, ?> s && s.containsKey("eal")) {
            params.putIfAbsent("dpdk_eal", s.get("eal"));
        }
    }

    /** Warns when a stage polling a port is pinned to a core off the port's NUMA node. */
    @Override
    public void validate(Object section, Topology t, Problems problems) {
        if (t.singleThread()) {
            return;
        }
        for (StageSpec s : t.stages()) {
            Map<?, ?> port = s.perRxQueue() == null ? null : port(section, s.perRxQueue());
            if (port == null || !(port.get("socket") instanceof Integer socket)) {
                continue;
            }
            for (int i = 0; i < s.instances(); i++) {
                Integer core = s.core(i);
                if (core != null && t.machine().hasCore(core) && t.machine().nodeOf(core) != socket) {
                    problems.warn(s.path() + ".core", s.role(i) + " on core " + core + " (NUMA node "
                            + t.machine().nodeOf(core) + ") polls port '" + s.perRxQueue() + "' on socket " + socket);
                }
            }
        }
    }

    private static Map<?, ?> port(Object section, String name) {
        if (section instanceof Map<?, ?> s && s.get("ports") instanceof List<?> ports) {
            for (Object p : ports) {
                if (p instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                    return m;
                }
            }
        }
        return null;
    }

    private static void unknownKeys(Map<?, ?> m, Set<String> allowed, String path, Problems problems) {
        for (Object key : m.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                problems.error(path + "." + key, "unknown key '" + key + "'" + Problems.didYouMean(String.valueOf(key), allowed));
            }
        }
    }

    private static Integer wholeNumber(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            long v = ((Number) value).longValue();
            return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
        }
        return null;
    }
}
