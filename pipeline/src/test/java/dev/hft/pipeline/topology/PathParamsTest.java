package dev.hft.pipeline.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.Params;

class PathParamsTest {

    @Test
    void pathLikeParamsResolveAgainstTheTopologyDirectory() {
        Topology t = TopologyLoader.parse("""
                rings:
                  - {name: a, event: synthetic}
                stages:
                  - name: src
                    kind: placeholder-source
                    params: {path: data/day.itch, pcap_file: /abs/x.pcap, out-dir: ../out, label: data/not-a-path, events: 3}
                    outputs: [a]
                  - {name: sink, kind: counting-sink, input: a}
                """, "test", Path.of("/srv/topologies"));
        assertFalse(t.report().hasErrors(), t.report().format());
        Map<String, Object> p = t.stage("src").params();
        assertEquals("/srv/topologies/data/day.itch", p.get("path"));
        assertEquals("/abs/x.pcap", p.get("pcap_file"));
        assertEquals("/srv/out", p.get("out-dir"));
        assertEquals("data/not-a-path", p.get("label"));
        assertEquals(3L, p.get("events"));
        assertEquals(Path.of("/srv/topologies/data/not-a-path"),
                new Params("params", p, Path.of("/srv/topologies")).path("label", null));
    }

    @Test
    void pathKeyConvention() {
        assertTrue(Params.isPathKey("path"));
        assertTrue(Params.isPathKey("rx_pcap_file"));
        assertTrue(Params.isPathKey("out-dir"));
        assertFalse(Params.isPathKey("filepath_count"));
        assertFalse(Params.isPathKey("profile"));
    }
}
