package dev.hft.ingress.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hft.pipeline.topology.Problems;
import dev.hft.pipeline.topology.TopologySection;
import dev.hft.wire.mold.MoldPacket;
import dev.hft.wire.net.GroupPort;
import dev.hft.wire.net.Ipv4Prefix;

/**
 * The {@code feeds:} section: the market-data feeds the ingress stages read, and what each may accept. An ingress stage
 * with {@code params.feed: <name>} takes the feed's groups as its {@code filter} lines, its sources and sessions as its
 * allow-lists, unless the stage names its own.
 *
 * <pre>
 * feeds:
 *   - name: totalview
 *     port: md                                        # the DPDK port it arrives on (documentation; optional)
 *     groups: [233.54.12.111:26477, 233.49.196.111:26477]   # destination group:port per line (A/B)
 *     sources: [198.51.100.0/24]                      # the publisher's addresses or networks
 *     sessions: ["000000001"]                         # MoldUDP64 sessions
 * </pre>
 */
public final class FeedsSection implements TopologySection {

    static final Set<String> KEYS = Set.of("name", "port", "groups", "sources", "sessions");

    @Override
    public String key() {
        return "feeds";
    }

    @Override
    public Object read(Object value, Problems problems) {
        if (!(value instanceof List<?> items)) {
            problems.error("feeds", "expected a list of feeds");
            return null;
        }
        Map<String, Map<?, ?>> feeds = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "feeds[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> f)) {
                problems.error(path, "expected a map of keys (" + String.join(", ", KEYS) + ")");
                continue;
            }
            for (Object key : f.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    problems.error(path + "." + key, "unknown key '" + key + "'" + Problems.didYouMean(String.valueOf(key), KEYS));
                }
            }
            Object name = f.get("name");
            if (name == null) {
                problems.error(path, "missing required key 'name'");
            } else if (feeds.put(String.valueOf(name), f) != null) {
                problems.error(path + ".name", "another feed is already named '" + name + "'");
            }
            for (String g : strings(f.get("groups"))) {
                try {
                    GroupPort.parse(g);
                } catch (IllegalArgumentException e) {
                    problems.error(path + ".groups", e.getMessage());
                }
            }
            for (String s : strings(f.get("sources"))) {
                try {
                    Ipv4Prefix.parse(s);
                } catch (IllegalArgumentException e) {
                    problems.error(path + ".sources", e.getMessage());
                }
            }
            for (String s : strings(f.get("sessions"))) {
                if (s.isEmpty() || s.length() > MoldPacket.SESSION_LENGTH) {
                    problems.error(path + ".sessions", "a MoldUDP64 session is 1 to 10 characters, found '" + s + "'");
                }
            }
        }
        return Map.copyOf(feeds);
    }

    /** An ingress stage naming a feed gets its groups, sources and sessions as defaults. */
    @Override
    public void stageParams(Object section, String perRxQueue, Map<String, Object> params, String path, Problems problems) {
        if (!(params.get("feed") instanceof String name)) {
            return;
        }
        Map<?, ?> feed = ((Map<?, ?>) section).get(name) instanceof Map<?, ?> m ? m : null;
        if (feed == null) {
            problems.error(path + ".params.feed", "no feed named '" + name + "' under feeds (declared: "
                    + String.join(", ", ((Map<?, ?>) section).keySet().stream().map(String::valueOf).toList()) + ")");
            return;
        }
        give(feed, "groups", "filter", params);
        give(feed, "sources", "sources", params);
        give(feed, "sessions", "sessions", params);
    }

    private static void give(Map<?, ?> feed, String from, String to, Map<String, Object> params) {
        if (feed.get(from) != null && !params.containsKey(to)) {
            params.put(to, strings(feed.get(from)));
        }
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }
}
