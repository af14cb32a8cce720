package dev.hft.ingress.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hft.pipeline.topology.Problems;
import dev.hft.pipeline.topology.TopologySection;

/**
 * The {@code feeds:} section: the market-data feeds the ingress stages read.
 *
 * <pre>
 * feeds:
 *   - name: totalview
 *     port: md                                  # the DPDK port it arrives on (optional)
 *     groups: [233.54.12.111:26477]             # multicast group:port per line (A/B: two entries)
 *     session: "000000001"                      # MoldUDP64 session
 *     gap: request
 * </pre>
 */
public final class FeedsSection implements TopologySection {

    static final Set<String> KEYS = Set.of("name", "port", "groups", "session", "gap");

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
        List<Map<?, ?>> feeds = new ArrayList<>();
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
            if (f.get("name") == null) {
                problems.error(path, "missing required key 'name'");
            }
            Object groups = f.get("groups");
            for (Object g : groups instanceof List<?> l ? l : groups == null ? List.of() : List.of(groups)) {
                if (!String.valueOf(g).matches("[0-9.]+:\\d{1,5}")) {
                    problems.error(path + ".groups", "a group is ip:port, found '" + g + "'");
                }
            }
            feeds.add(f);
        }
        return List.copyOf(feeds);
    }
}
