package dev.hft.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.topology.Problem;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;
import dev.hft.pipeline.topology.ValidationReport;

/** The {@code dpdk:} section as the topology loader finds it through ServiceLoader: replicas, params, placement, errors. */
class DpdkSectionTest {

    private static final String PORTS = """
            machine: {nodes: {0: 0-1, 1: 2-3}}
            dpdk:
              eal: [--no-huge, --no-pci]
              ports:
                - {name: md, device: net_null0, rx_queues: 2, socket: 0}
            rings:
              - {name: a, event: synthetic}
            stages:
              - {name: rx, kind: placeholder-source, per_rx_queue: md, cores: [2, 3], outputs: [a]}
              - {name: sink, kind: counting-sink, input: a}
            """;

    private static Topology load(String yaml) {
        return TopologyLoader.parse(yaml, "test.yaml", Path.of("."));
    }

    @Test
    void perRxQueueMakesOneInstancePerQueueAndHandsThemThePort() {
        Topology t = load(PORTS);
        assertFalse(t.report().hasErrors(), t.report().format());
        assertEquals(2, t.stage("rx").instances());
        Map<?, ?> port = (Map<?, ?>) t.stage("rx").params().get("dpdk_port");
        assertEquals("net_null0", port.get("device"));
        assertEquals(List.of("--no-huge", "--no-pci"), t.stage("rx").params().get("dpdk_eal"));
    }

    @Test
    void aStagePinnedOffTheNumaNodeOfItsPortIsAWarning() {
        ValidationReport r = load(PORTS).report();
        assertEquals(List.of("rx-0 on core 2 (NUMA node 1) polls port 'md' on socket 0",
                "rx-1 on core 3 (NUMA node 1) polls port 'md' on socket 0"),
                r.warnings().stream().map(Problem::message).toList(), r.format());
        assertEquals(9, r.warnings().get(0).line());
    }

    @Test
    void badPortsAreReportedWithTheirLines() {
        ValidationReport r = load(PORTS.replace("device: net_null0, rx_queues: 2", "device: eth0, rx_queues: -1, colour: red")
                .replace("per_rx_queue: md", "per_rx_queue: nosuch")).report();
        assertTrue(r.hasErrors());
        List<String> errors = r.errors().stream().map(p -> p.path() + "@" + p.line() + ": " + p.message()).toList();
        assertTrue(errors.contains("dpdk.ports[0].colour@5: unknown key 'colour'"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("dpdk.ports[0].device@5: expected a PCI address")), errors.toString());
        assertTrue(errors.contains("dpdk.ports[0].rx_queues@5: rx_queues must be 0 or more, found -1"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("stages[0].per_rx_queue@9: no port named 'nosuch'")), errors.toString());
    }

    @Test
    void aStageNamingAnUnknownPortIsAnError() {
        ValidationReport r = load(PORTS.replace("per_rx_queue: md, cores: [2, 3]", "core: 2, params: {dpdk_port: other}")).report();
        assertEquals(List.of("stages[0].params.dpdk_port: no DPDK port named 'other' under dpdk.ports"),
                r.errors().stream().map(p -> p.path() + ": " + p.message()).toList(), r.format());
    }

    @Test
    void anAfXdpPortWithoutOneTxQueuePerRxQueueIsAnError() {
        ValidationReport r = load(PORTS.replace("device: net_null0, rx_queues: 2", "device: \"net_af_xdp0,iface=veth0\", rx_queues: 1")).report();
        assertTrue(r.errors().stream().anyMatch(p -> p.path().equals("dpdk.ports[0].tx_queues")
                && p.message().equals("net_af_xdp pairs every RX queue with a TX queue: give tx_queues: 1 (as rx_queues)")), r.format());
        assertFalse(load(PORTS.replace("device: net_null0, rx_queues: 2", "device: \"net_af_xdp0,iface=veth0\", rx_queues: 1, tx_queues: 1"))
                .report().errors().stream().anyMatch(p -> p.path().startsWith("dpdk.ports")));
    }
}
