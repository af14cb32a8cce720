package dev.hft.pipeline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.runtime.Counters;

class HealthCheckTest {

    @Test
    void movingConsumerWithEventsWaitingIsHealthy() {
        Counters c = MetricsTestSupport.chain(10, 5);
        Snapshot before = Snapshot.read(c.reader(), 0);
        Counters after = MetricsTestSupport.chain(12, 7);
        assertEquals(List.of(), HealthCheck.problems(before, Snapshot.read(after.reader(), 1_000_000_000)));
    }

    @Test
    void emptyRingWithIdleConsumerIsNotAStall() {
        Counters c = MetricsTestSupport.chain(10, 10);
        assertEquals(List.of(), HealthCheck.problems(Snapshot.read(c.reader(), 0), Snapshot.read(c.reader(), 1_000_000)));
    }

    @Test
    void consumerNotMovingWhileItsRingHoldsEventsIsAStall() {
        Counters c = MetricsTestSupport.chain(10, 5);
        List<String> problems = HealthCheck.problems(Snapshot.read(c.reader(), 0), Snapshot.read(c.reader(), 2_000_000));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("stage sink stalled: ring a holds 5 events"), problems.get(0));
    }

    @Test
    void fullRingIsReported() {
        Counters c = MetricsTestSupport.chain(108, 100);
        Snapshot before = Snapshot.read(c.reader(), 0);
        Counters moved = MetricsTestSupport.chain(110, 102);
        List<String> problems = HealthCheck.problems(before, Snapshot.read(moved.reader(), 1));
        assertEquals(List.of("ring a full: 8 of 8 slots"), problems);
    }

    @Test
    void onlyWhatWasLostIsAProblemNotRecoveredGapsOrDuplicates() {
        Counters c = MetricsTestSupport.chain(10, 10);
        c.newCounter("ingress.mold.gaps").set(3);
        c.newCounter("ingress.mold.missing").set(40);
        c.newCounter("ingress.mold.recovered").set(40);
        c.newCounter("ingress.mold.duplicates").set(500);
        c.newCounter("ingress.drop.filtered_out").set(9);
        c.newCounter("ingress.loss");
        Snapshot s = Snapshot.read(c.reader(), 0);
        assertEquals(List.of(), HealthCheck.problems(s, s), "three gaps, all recovered; duplicates and filtered traffic are expected");
        Counters lost = MetricsTestSupport.chain(10, 10);
        lost.newCounter("ingress.mold.lost").set(4);
        lost.newCounter("ingress.mold.recovered").set(36);
        lost.newCounter("ingress.drop.bad_ipv4_checksum").set(2);
        lost.newCounter("ingress.loss").set(6);
        Snapshot l = Snapshot.read(lost.reader(), 0);
        assertEquals(List.of("feed ingress lost 6 (0 in the last 0 ms; mold.lost 4, mold.recovered 36)"), HealthCheck.problems(l, l));
        assertEquals(2, l.stages().get("ingress").drops().get("bad_ipv4_checksum"));
    }
}
