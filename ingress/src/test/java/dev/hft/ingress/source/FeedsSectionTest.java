package dev.hft.ingress.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.Stage;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologyLoader;

/** The {@code feeds:} section: its checks, the allow-lists it gives a stage naming it, and those lists at work. */
class FeedsSectionTest {

    private static final String SAMPLE = ItchStageFactoryTest.SAMPLES.resolve("sample.pcap").toAbsolutePath().toString();

    private static Topology load(String feeds, String ingressParams) {
        String yaml = feeds + """
                rings:
                  - {name: market, event: itch, size: 1024}
                stages:
                  - {name: ingress, kind: itch-file, params: %s, outputs: [market]}
                  - {name: book, kind: book, input: market, params: {publish: false}}
                """.formatted(ingressParams);
        return TopologyLoader.parse(yaml, "feeds test", Path.of("."));
    }

    /** Errors other than the book stage's: its kind is not on this module's class path. */
    private static List<String> errors(Topology t) {
        return t.report().errors().stream().filter(p -> !p.path().startsWith("stages[1]")).map(Object::toString).toList();
    }

    @Test
    void aStageNamingAFeedTakesItsGroupsSourcesAndSessionsUnlessItNamesItsOwn() {
        String feeds = """
                feeds:
                  - {name: sample, groups: [233.54.12.111:26477], sources: [10.0.0.0/24], sessions: [HFTGEN0001]}
                """;
        Topology t = load(feeds, "{path: '" + SAMPLE + "', feed: sample}");
        assertEquals(List.of(), errors(t));
        Map<String, Object> params = t.stages().get(0).params();
        assertEquals(List.of("233.54.12.111:26477"), params.get("filter"));
        assertEquals(List.of("10.0.0.0/24"), params.get("sources"));
        assertEquals(List.of("HFTGEN0001"), params.get("sessions"));

        Topology own = load(feeds, "{path: '" + SAMPLE + "', feed: sample, sessions: [OTHER]}");
        assertEquals(List.of(), errors(own));
        assertEquals(List.of("OTHER"), own.stages().get(0).params().get("sessions"), "the stage's own list wins");
    }

    @Test
    void everyMistakeInTheSectionIsReportedWithItsPath() {
        Topology t = load("""
                feeds:
                  - {name: a, groups: [233.54.12.111], sources: [10.0.0.300], sessions: [ELEVENCHARS], group: [x]}
                  - {name: a}
                  - {groups: [233.54.12.111:1]}
                """, "{path: '" + SAMPLE + "', feed: b}");
        String report = t.report().format();
        for (String expected : new String[] {"feeds[0].groups", "feeds[0].sources", "feeds[0].sessions",
                "a MoldUDP64 session is 1 to 10 characters, found 'ELEVENCHARS'", "feeds[0].group", "did you mean",
                "feeds[1].name", "another feed is already named 'a'", "feeds[2]", "missing required key 'name'",
                "no feed named 'b' under feeds (declared: a)"}) {
            assertTrue(report.contains(expected), expected + " in:\n" + report);
        }
    }

    @Test
    void packetsOfASessionOffTheListAreCountedAndNeverDecoded() throws Exception {
        for (String session : new String[] {"HFTGEN0001", "OTHER"}) {
            ItchStageFactoryTest.TestContext context = new ItchStageFactoryTest.TestContext(
                    Map.of("path", SAMPLE, "format", "pcap", "sessions", List.of(session)));
            Stage stage = (Stage) ItchStageFactoryTest.factory("itch-file").create(context);
            BinaryFileSourceTest.drain(stage);
            stage.onStop();
            long messages = context.byName.entrySet().stream().filter(e -> e.getKey().startsWith("messages."))
                    .mapToLong(e -> e.getValue().get()).sum();
            long wrongSession = context.byName.get("drop.mold_wrong_session").get();
            if (session.equals("OTHER")) {
                assertEquals(0, messages);
                assertTrue(wrongSession > 1000, "every packet of the sample counted: " + wrongSession);
            } else {
                assertEquals(20_000, messages);
                assertEquals(0, wrongSession);
            }
        }
    }
}
