package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hft.dpdk.Dpdk;
import dev.hft.dpdk.DpdkTestSupport;

/**
 * {@code hft bench t2t} end to end with a few thousand packets per layout: exit 0, the JSON has exactly its keys,
 * every trigger gave one order and one tick-to-trade value, and the percentiles are ordered. No time is asserted.
 * {@code single} busy-spins one pipeline thread, {@code pair} two: never more than the machine's two cores.
 */
class TickToTradeCommandTest {

    private static final List<String> KEYS = List.of("layout", "triggers", "t2t_p50_ns", "t2t_p99_ns", "t2t_p999_ns", "t2t_max_ns", "gc_count");

    @ParameterizedTest
    @ValueSource(strings = {"single", "pair"})
    void aSmallRunWritesTheKeysAndOneOrderPerTrigger(String layout, @TempDir Path dir) throws Exception {
        requireDpdk();
        Path json = dir.resolve("t2t.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "t2t",
                "--layout", layout, "--packets", "4000", "--warmup", "2000", "--rate", "20000", "--trigger-every", "2",
                "--json", json.toString());
        String text = out + "\n" + err;
        assertEquals(0, code, text);
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        List<String> keys = new ArrayList<>();
        r.fieldNames().forEachRemaining(keys::add);
        assertEquals(KEYS, keys, text);
        assertEquals(layout, r.get("layout").asText());
        long triggers = r.get("triggers").asLong();
        assertEquals(2000, triggers, "every 2nd of 4000 measured packets is a trigger: " + text);
        assertTrue(r.get("gc_count").asLong() >= 0, text);
        long p50 = r.get("t2t_p50_ns").asLong();
        long p99 = r.get("t2t_p99_ns").asLong();
        long p999 = r.get("t2t_p999_ns").asLong();
        long max = r.get("t2t_max_ns").asLong();
        assertTrue(p50 > 0 && p50 <= p99 && p99 <= p999 && p999 <= max, "percentiles in order: " + text);
        String line = out.toString().lines().filter(l -> l.startsWith("round 1 " + layout)).findFirst()
                .orElseThrow(() -> new AssertionError(text));
        assertTrue(line.contains("triggers 2000, orders 2000, recorded 2000"), "one order and one value per trigger: " + line);
        assertTrue(!line.contains("INCOMPLETE"), line);
    }

    /** {@code --step-times}: each of the four stages reports its busy steps of the measured phase. */
    @Test
    void stepTimesNameEveryStageOnThePath() throws Exception {
        requireDpdk();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "t2t",
                "--layout", "single", "--packets", "2000", "--warmup", "1000", "--rate", "20000", "--step-times");
        String text = out + "\n" + err;
        assertEquals(0, code, text);
        String line = out.toString().lines().filter(l -> l.startsWith("round 1 single")).findFirst()
                .orElseThrow(() -> new AssertionError(text));
        Matcher steps = Pattern.compile("busy step ns p50/p99 \\(steps\\): (.*?)( \\| load .*)?$").matcher(line);
        assertTrue(steps.find(), line);
        Map<String, long[]> byRole = new TreeMap<>();
        for (String part : steps.group(1).split(", ")) {
            Matcher m = Pattern.compile("(\\S+) (\\d+)/(\\d+) \\((\\d+)\\)").matcher(part);
            assertTrue(m.matches(), part);
            byRole.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))});
        }
        for (String role : List.of("book", "taker", "egress")) {
            assertTrue(byRole.containsKey(role), role + " in " + line);
        }
        assertTrue(byRole.keySet().stream().anyMatch(r -> r.startsWith("ingress")), line);
        byRole.forEach((role, v) -> assertTrue(v[0] > 0 && v[0] <= v[1] && v[2] > 0, role + ": " + line));
        assertTrue(byRole.get("egress")[2] >= 1000, "at least one busy egress step per order (1000): " + line);
    }

    /** DPDK must be usable under CI=true; elsewhere a machine without it skips. */
    private static void requireDpdk() {
        DpdkTestSupport.unavailable(Dpdk.isAvailable() ? null : "DPDK is not usable: " + Dpdk.unavailableReason());
    }
}
