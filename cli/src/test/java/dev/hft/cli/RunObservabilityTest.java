package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hft run` leaves its counters and descriptor where `hft stats` looks, and serves Prometheus text when asked. */
class RunObservabilityTest {

    /** One thread that sleeps when idle: no more spinning threads than cores. */
    private static final String CHAIN = """
            threading: single
            rings:
              - {name: a, event: synthetic, size: 256}
            stages:
              - {name: src, kind: placeholder-source, params: {events: 9223372036854775807}, outputs: [a]}
              - {name: sink, kind: counting-sink, input: a, wait: blocking}
            """;

    @Test
    void statsFindsALiveRunByPidAndItsMetricsAreServed(@TempDir Path dir) throws Exception {
        Path topology = dir.resolve("chain.yaml");
        Files.writeString(topology, CHAIN);
        StringWriter runOut = new StringWriter();
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> Main.commandLine(
                new PrintWriter(runOut, true), new PrintWriter(new StringWriter(), true)).execute("run", "--topology",
                topology.toString(), "--run-dir", dir.toString(), "--duration", "5s", "--metrics-port", "0",
                "--status-interval", "1s"));
        String pid = Long.toString(ProcessHandle.current().pid());
        Path descriptor = dir.resolve(pid + ".run");
        for (int i = 0; i < 500 && !(Files.exists(descriptor) && runOut.toString().contains("metrics: ")); i++) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(descriptor), runOut.toString());
        assertTrue(Files.exists(dir.resolve(pid + ".counters")));
        CliRun table = CliRun.of("stats", "--dir", dir.toString(), "--pid", pid, "--interval", "100ms", "--once");
        assertEquals(0, table.code(), table.err());
        String src = table.out().lines().filter(l -> l.startsWith("src ")).findFirst()
                .orElseThrow(() -> new AssertionError(table.out()));
        assertTrue(Long.parseLong(src.trim().split(" +")[2]) > 0, "the live source has published: " + src);

        Matcher port = Pattern.compile("metrics: http://127.0.0.1:(\\d+)/metrics").matcher(runOut.toString());
        assertTrue(port.find(), runOut.toString());
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port.group(1) + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().contains("hft_stage_events_out_total{stage=\"src\"}"), scrape.body());
        assertEquals(0, running.get(), runOut.toString());
        assertFalse(Files.exists(descriptor), "descriptor removed when the run ends");
        assertFalse(Files.exists(dir.resolve(pid + ".counters")), "default counters file removed when the run ends");
        CliRun gone = CliRun.of("stats", "--dir", dir.toString(), "--interval", "10ms", "--once");
        assertEquals(Main.USAGE, gone.code());
    }
}
