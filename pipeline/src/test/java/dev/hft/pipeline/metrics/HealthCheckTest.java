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
    void gapLossIsAnUnrecoveredGapAndRecoveredGapsAreNot() {
        Counters c = MetricsTestSupport.chain(10, 10);
        c.newCounter("ingress.mold-gaps").set(3);
        c.newCounter("ingress.drop-gap");
        c.newCounter("ingress.drop-gap-abandoned");
        Snapshot s = Snapshot.read(c.reader(), 0);
        assertEquals(List.of(), HealthCheck.problems(s, s), "three gaps, all recovered");
        Counters lost = MetricsTestSupport.chain(10, 10);
        lost.newCounter("ingress.mold-gaps").set(3);
        lost.newCounter("ingress.drop-gap").set(4);
        lost.newCounter("ingress.drop-gap-abandoned").set(2);
        Snapshot l = Snapshot.read(lost.reader(), 0);
        assertEquals(List.of("feed ingress has an unrecovered gap: 6 messages lost (drop-gap 4, drop-gap-abandoned 2, mold-gaps 3)"),
                HealthCheck.problems(l, l));
    }
}
