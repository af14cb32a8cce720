package dev.hft.strategy;

import java.util.ArrayList;
import java.util.List;

import dev.hft.events.BookEvent;

/** Records the order callbacks it gets, as text; the tests drive {@link Orders} themselves. */
public final class RecordingStrategy implements Strategy {

    final List<String> calls = new ArrayList<>();
    final StrategyContext context;

    public RecordingStrategy(StrategyContext context) {
        this.context = context;
    }

    List<String> take() {
        List<String> out = List.copyOf(calls);
        calls.clear();
        return out;
    }

    @Override
    public void onEndOfPacket(BookEvent end) {
        calls.add("endOfPacket " + end.locate);
    }

    @Override
    public void onAccepted(long token, int locate, byte side, int shares, int price) {
        calls.add("accepted " + token + " " + locate + " " + (char) side + " " + shares + " " + price);
    }

    @Override
    public void onReplaced(long previousToken, long token, int locate, byte side, int shares, int price) {
        calls.add("replaced " + previousToken + "->" + token + " " + shares + " " + price);
    }

    @Override
    public void onCanceled(long token, int locate, int canceledShares, int remainingShares, byte reason) {
        calls.add("canceled " + token + " " + canceledShares + " left " + remainingShares);
    }

    @Override
    public void onExecuted(long token, int locate, byte side, int shares, int price, byte liquidityFlag, long matchNumber) {
        calls.add("executed " + token + " " + (char) side + " " + shares + " " + price);
    }

    @Override
    public void onRejected(long token, int locate, RejectReason reason, byte venueReason) {
        calls.add("rejected " + token + " " + locate + " " + reason + (venueReason == 0 ? "" : " " + (char) venueReason));
    }

    @Override
    public void onBroken(long token, int locate, long matchNumber, byte reason) {
        calls.add("broken " + token + " " + locate + " " + matchNumber + " " + (char) reason);
    }

    @Override
    public void onTimer(long nowNanos) {
        calls.add("timer " + nowNanos);
    }
}
