package dev.hft.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hft.events.OrderCommand;
import dev.hft.events.OrderResponse;

class JournalTest {

    private static byte[] token(String text) {
        return String.format("%-14s", text).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void recordsComeBackInOrderWithEveryFieldAfterReopening(@TempDir Path dir) {
        Path day = Journal.dayDir(dir, "2026-12-07");
        try (Journal j = Journal.acquire(day, false)) {
            JournalWriter w = j.writer();
            OrderCommand c = new OrderCommand();
            c.kind = OrderCommand.Kind.REPLACE;
            System.arraycopy(token("AA000000000001"), 0, c.token, 0, 14);
            System.arraycopy(token("AA000000000002"), 0, c.replacementToken, 0, 14);
            c.intentId = 2;
            c.stockLocate = 7;
            c.side = 'S';
            c.shares = 300;
            c.stock = 0x4143_4D45_2020_2020L;
            c.price = 1_234_500;
            c.timeInForce = 99_998;
            w.command(c);
            w.riskReject(token("AA"), OrderCommand.Kind.ENTER, -1, 7, 12, (byte) 'B', 100, 1_000_000);
            OrderResponse r = new OrderResponse();
            r.kind = OrderResponse.Kind.EXECUTED;
            r.sequence = 42;
            System.arraycopy(token("AA000000000002"), 0, r.token, 0, 14);
            r.shares = 100;
            r.price = 1_234_400;
            r.matchNumber = 77;
            r.liquidityFlag = 'A';
            w.response(r);
            w.session(JournalRecord.LOGIN_ACCEPTED, "OUCH", 43, 43);
            assertEquals(4, w.appended());
            w.close();
        }
        try (Journal j = Journal.acquire(day, false)) {
            List<JournalRecord> records = j.records();
            assertEquals(4, records.size());
            JournalRecord c = records.get(0);
            assertEquals(JournalRecord.COMMAND, c.type);
            assertEquals(OrderCommand.Kind.REPLACE, c.command.kind);
            assertEquals("AA000000000002", new String(c.command.replacementToken, StandardCharsets.US_ASCII));
            assertEquals(7, c.command.stockLocate);
            assertEquals('S', c.command.side);
            assertEquals(300, c.command.shares);
            assertEquals(0x4143_4D45_2020_2020L, c.command.stock);
            assertEquals(1_234_500, c.command.price);
            assertEquals(99_998, c.command.timeInForce);
            assertTrue(Math.abs(c.epochNanos / 1_000_000 - System.currentTimeMillis()) < 60_000, "wall-clock time");
            JournalRecord reject = records.get(1);
            assertEquals(JournalRecord.RISK_REJECT, reject.type);
            assertEquals(-1, reject.intentToken);
            assertEquals(12, reject.reason);
            assertEquals(100, reject.shares);
            JournalRecord e = records.get(2);
            assertEquals(OrderResponse.Kind.EXECUTED, e.response.kind);
            assertEquals(42, e.response.sequence);
            assertEquals(77, e.response.matchNumber);
            assertEquals('A', e.response.liquidityFlag);
            assertEquals("OUCH", records.get(3).session);
            assertEquals(new Journal.SessionState("OUCH", 42, 4), j.sessionState());
        }
    }

    @Test
    void stagesOfOneProcessShareTheJournalAndTheLastCloseReleasesIt(@TempDir Path dir) throws Exception {
        Journal a = Journal.acquire(dir, false);
        Journal b = Journal.acquire(dir.resolve(".").resolve("x").resolve(".."), false);
        assertSame(a, b, "one instance per folder");
        assertThrows(IllegalStateException.class, () -> Journal.wipe(dir), "cannot clear an open journal");
        a.close();
        b.writer().session(JournalRecord.DISCONNECTED, "", 0, 0);
        b.close();
        assertTrue(Files.list(dir).anyMatch(f -> f.toString().endsWith(".cq4")));
        Journal.wipe(dir);
        assertTrue(Files.list(dir).noneMatch(f -> f.toString().endsWith(".cq4")), "journal files removed");
        try (Journal again = Journal.acquire(dir, false)) {
            assertEquals(0, again.records().size());
        }
    }

    @Test
    void syncedAppendsAreReadBackLikeTheOthers(@TempDir Path dir) {
        try (Journal j = Journal.acquire(dir, true)) {
            JournalWriter w = j.writer();
            OrderResponse r = new OrderResponse();
            for (int i = 1; i <= 3; i++) {
                r.kind = OrderResponse.Kind.ACCEPTED;
                r.sequence = i;
                w.response(r);
            }
            w.close();
            assertEquals(new Journal.SessionState("", 3, 3), j.sessionState());
        }
    }

    @Test
    void aTradingDayIsAFolderNameAndNothingElse(@TempDir Path dir) {
        assertEquals(dir.resolve("2026-12-07"), Journal.dayDir(dir, "2026-12-07"));
        assertTrue(Journal.today().matches("\\d{4}-\\d{2}-\\d{2}"));
        for (String bad : new String[] {"", "..", "../x", "a/b", ".hidden", "x".repeat(65)}) {
            assertThrows(IllegalArgumentException.class, () -> Journal.dayDir(dir, bad), bad);
        }
    }
}
