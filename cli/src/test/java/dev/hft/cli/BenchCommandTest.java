package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hft bench book-vs-c} end to end with tiny parameters: generates, builds the C reference, agrees, reports. */
class BenchCommandTest {

    @Test
    void bookVsCReportsARatioWhenTheBooksAgree() throws Exception {
        dev.hft.bench.harness.Gcc.require();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "book-vs-c",
                "--messages", "20000", "--symbols", "10", "--rounds", "2", "--c-source", "../bench/src/main/c/itch_book_ref.c");
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("ratio java/C"), out.toString());
        assertTrue(!out.toString().contains("MISMATCH"), out.toString());
    }

    /** Books sized far below the day's resting orders grow inside the round and still agree with C. */
    @Test
    void bookVsCAgreesWithBooksThatMustGrowAndRefusesANonPositiveCapacity() throws Exception {
        dev.hft.bench.harness.Gcc.require();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "book-vs-c",
                "--messages", "20000", "--symbols", "10", "--rounds", "1", "--order-capacity", "16", "--c-source",
                "../bench/src/main/c/itch_book_ref.c");
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("ratio java/C") && !out.toString().contains("MISMATCH"), out.toString());
        StringWriter bad = new StringWriter();
        assertEquals(Main.USAGE, Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(bad, true))
                .execute("bench", "book-vs-c", "--order-capacity", "0"));
        assertTrue(bad.toString().contains("--order-capacity must be at least 1"), bad.toString());
    }

    @Test
    void bookVsCRunsOnAGivenFileAndWritesTheFiguresAsJson(@TempDir Path dir) throws Exception {
        dev.hft.bench.harness.Gcc.require();
        dev.hft.venue.gen.FeedGenerator.write(new dev.hft.venue.gen.FeedGenerator.Options(20_000, 10, 3L), dir, "day");
        Path json = dir.resolve("out.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "book-vs-c",
                "--input", dir.resolve("day.itch").toString(), "--rounds", "2", "--repeat", "2", "--json", json.toString(),
                "--c-source", "../bench/src/main/c/itch_book_ref.c");
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("file: " + dir.resolve("day.itch")), out.toString());
        com.fasterxml.jackson.databind.JsonNode figures = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        for (String key : new String[] {"java_best_ns_per_msg", "java_median_ns_per_msg", "c_best_ns_per_msg", "c_median_ns_per_msg",
            "java_cpu_best_ns_per_msg", "c_cpu_best_ns_per_msg"}) {
            assertTrue(figures.get(key).asDouble() > 0, key + " in " + figures);
        }
        assertEquals(20_000, figures.get("messages").asLong());
        assertTrue(figures.get("live_orders").asLong() > 0);
        assertTrue(figures.get("executed_shares").asLong() > 0);
        assertEquals(4, figures.get("java_round_ns").size(), "2 rounds x 2 repeats");
        assertEquals(4, figures.get("c_round_ns").size());
        assertEquals(4, figures.get("c_round_cpu_ns").size());
    }

    @Test
    void bookVsCRejectsAMissingInput(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "book-vs-c",
                "--input", dir.resolve("none.itch").toString());
        assertEquals(Main.USAGE, code);
        assertTrue(err.toString().contains("is not a file"), err.toString());
    }

    @Test
    void aMissingCSourceFailsTheCommand() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "book-vs-c",
                "--messages", "20000", "--c-source", "no/such/file.c");
        assertEquals(Main.USAGE, code);
        assertTrue(err.toString().contains("C reference source not found"), err.toString());
    }

    @Test
    void e2eSmokeWritesTheSummaryAndTheChart(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("e2e.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "e2e", "--smoke",
                "--out", chart.toString());
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("rate/s"), out.toString());
        assertTrue(out.toString().contains("highest rate held"), out.toString());
        String html = Files.readString(chart);
        assertTrue(html.contains("<svg") && html.contains("<polyline"), "a chart with at least one curve");
        assertTrue(html.contains("<td>2000</td>"), "the first step's row");
    }

    @Test
    void e2eSmokeOverAVethPairRemovesItsNamespace(@TempDir Path dir) throws Exception {
        requireRoot();
        Path chart = dir.resolve("veth.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "e2e", "--smoke",
                "--link", "veth", "--out", chart.toString());
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("link: veth"), out.toString());
        assertTrue(Files.readString(chart).contains("veth pair"));
        String namespaces = new String(new ProcessBuilder("ip", "netns", "list").start().getInputStream().readAllBytes());
        assertTrue(!namespaces.contains("hftb" + ProcessHandle.current().pid()), "namespace left behind: " + namespaces);
    }

    /**
     * {@code bench e2e-pipeline --smoke}: the feed crosses a veth pair into the real pipeline (kernel UDP, then DPDK
     * net_af_packet and net_af_xdp on the same pair) and every trigger packet gives exactly one order at the venue simulator.
     */
    @Test
    void e2ePipelineSmokeDeliversOneOrderPerTriggerThroughBothIngresses(@TempDir Path dir) throws Exception {
        requireRoot();
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean dpdk = dev.hft.dpdk.Dpdk.isAvailable();
        if (!dpdk && ci) {
            org.junit.jupiter.api.Assertions.fail("DPDK is not usable under CI=true: " + dev.hft.dpdk.Dpdk.unavailableReason());
        }
        Path chart = dir.resolve("pipeline.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "e2e-pipeline", "--smoke",
                "--ingress", dpdk ? "udp,af_packet,af_xdp,pcap" : "udp", "--out", chart.toString());
        String text = out.toString();
        assertEquals(0, code, text + "\n" + err);
        for (String ingress : dpdk ? new String[] {"udp", "af_packet", "af_xdp", "pcap"} : new String[] {"udp"}) {
            String row = text.lines().filter(l -> l.startsWith(ingress + " ")).findFirst().orElseThrow(() -> new AssertionError(text));
            String[] f = row.trim().split("\\s+");
            long triggers = Long.parseLong(f[2]);
            long sent = Long.parseLong(f[3]);
            long rejects = Long.parseLong(f[5]);
            long feedDrops = Long.parseLong(f[6]);
            assertEquals(1000, triggers, row); // 2000/s for 0.5 s (pcap: 1000 packets), every packet a trigger
            assertEquals(sent, Long.parseLong(f[4]), "orders received by the venue == orders sent by the strategy: " + text);
            assertTrue(sent + rejects <= triggers, "at most one order per trigger: " + text);
            if (feedDrops == 0) {
                assertEquals(triggers, sent, "a feed without drops gives one order per trigger: " + text);
                assertEquals(0, rejects, text);
            } else {
                assertTrue(text.contains("loss: " + ingress), "a loss is named with its drop counters: " + text);
            }
            double ingressCpu = Double.parseDouble(f[f.length - 3]);
            double senderCpu = Double.parseDouble(f[f.length - 2]);
            double processCpu = Double.parseDouble(f[f.length - 1]);
            assertTrue(ingressCpu > 0 && processCpu >= ingressCpu, "CPU per packet: the ingress thread's, within the process's: " + row);
            assertEquals(ingress.equals("pcap"), senderCpu == 0, "a sender thread except for the replay: " + row);
            assertTrue(Files.readString(chart).contains("<tr><td>" + ingress + "</td>"), "the step's row in the chart's table");
        }
        String html = Files.readString(chart);
        assertTrue(html.contains("<polyline") && html.contains("stroke-dasharray"), "tick-to-trade and wire-to-wire curves");
        String namespaces = new String(new ProcessBuilder("ip", "netns", "list").start().getInputStream().readAllBytes());
        assertTrue(!namespaces.contains("hftb" + ProcessHandle.current().pid()), "namespace left behind: " + namespaces);
        assertTrue(text.contains("highest rate held by udp"), text);
        if (dpdk) {
            for (String ingress : new String[] {"af_packet", "af_xdp"}) {
                assertTrue(text.contains("highest rate held by " + ingress), text);
                assertEquals(!text.contains("loss: udp") && !text.contains("loss: " + ingress),
                        text.contains("udp/" + ingress + " at 2000/s: tick-to-trade p50"), "the ratio line when both ran without loss: " + text);
            }
            assertTrue(text.contains("net_pcap replay (unpaced, 1000 packets)"), text);
            assertTrue(text.lines().filter(l -> l.startsWith("pcap ")).findFirst().orElseThrow().contains("|       -       -"),
                    "a replay has no planned send times, so no wire-to-wire: " + text);
        } else {
            org.junit.jupiter.api.Assumptions.abort("DPDK not usable, only the kernel UDP ingress ran: " + dev.hft.dpdk.Dpdk.unavailableReason());
        }
    }

    /**
     * {@code bench e2e-pipeline --topology FILE}: the stages run where the file places them. The file is
     * examples/latency-2core.yaml with every stage on its thread {@code md} and backoff waits (this test never
     * busy-spins); the smoke step still gives one order per trigger.
     */
    @Test
    void e2ePipelineRunsTheStagesWhereATopologyFilePlacesThem(@TempDir Path dir) throws Exception {
        requireRoot();
        Path root0 = Path.of(System.getProperty("hft.root", ".."));
        String example = Files.readString(root0.resolve("examples/latency-2core.yaml"));
        Path file = dir.resolve("one-thread.yaml");
        Files.writeString(file, example.replace("thread: oe", "thread: md").replace("wait: busy-spin", "wait: backoff")
                .replaceAll("\\n    core: \\d+", ""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "e2e-pipeline", "--smoke",
                "--ingress", "udp", "--topology", file.toString(), "--out", dir.resolve("p.html").toString());
        String text = out.toString();
        assertEquals(0, code, text + "\n" + err);
        for (String role : new String[] {"ingress", "book", "taker", "egress"}) {
            assertTrue(text.contains("  " + role + ": thread md, wait backoff"), text);
        }
        String row = text.lines().filter(l -> l.startsWith("udp ")).findFirst().orElseThrow(() -> new AssertionError(text));
        String[] f = row.trim().split("\\s+");
        assertEquals(1000, Long.parseLong(f[2]), row);
        assertEquals(Long.parseLong(f[3]), Long.parseLong(f[4]), "every order sent reached the venue: " + text);
        if (Long.parseLong(f[6]) == 0) {
            assertEquals(Long.parseLong(f[2]), Long.parseLong(f[3]), "a feed without drops gives one order per trigger: " + text);
        }
    }

    /** The veth pair and its namespace need root: under CI=true its absence fails the test, elsewhere it skips. */
    private static void requireRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && "true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("CI=true but not root: the veth pair cannot be built");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(root, "needs root to create a network namespace");
    }
}
