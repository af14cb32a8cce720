package dev.hft.venue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import dev.hft.wire.ouch.CancelOrder;
import dev.hft.wire.ouch.EnterOrder;
import dev.hft.wire.ouch.ModifyOrder;
import dev.hft.wire.ouch.OuchTypes;
import dev.hft.wire.ouch.ReplaceOrder;

/** Builds client → venue OUCH messages in one reusable buffer (each call overwrites the previous message). */
final class Ouch {

    static final int DAY = OuchTypes.TIF_SYSTEM_HOURS;
    static final int IOC = OuchTypes.TIF_IMMEDIATE_OR_CANCEL;

    final MemorySegment buffer = MemorySegment.ofArray(new byte[256]);
    private final EnterOrder enter = new EnterOrder();
    private final ReplaceOrder replace = new ReplaceOrder();
    private final CancelOrder cancel = new CancelOrder();
    private final ModifyOrder modify = new ModifyOrder();

    static byte[] token(String text) {
        return String.format("%-14s", text).getBytes(StandardCharsets.US_ASCII);
    }

    EnterOrder enter(String token, char side, int shares, String stock, int price, int tif, char display) {
        return enter.wrapForEncode(buffer, 0).orderToken(token(token)).buySellIndicator((byte) side).shares(shares)
                .stock(OuchTypes.stock(stock)).price(price).timeInForce(tif).firm(OuchTypes.firm("FIRM"))
                .display((byte) display).capacity((byte) 'P').intermarketSweepEligibility((byte) 'N').minimumQuantity(0)
                .crossType((byte) 'N').customerType((byte) ' ');
    }

    EnterOrder enter(String token, char side, int shares, String stock, int price) {
        return enter(token, side, shares, stock, price, DAY, 'Y');
    }

    ReplaceOrder replace(String existing, String replacement, int shares, int price, int tif, char display) {
        return replace.wrapForEncode(buffer, 0).existingOrderToken(token(existing)).replacementOrderToken(token(replacement))
                .shares(shares).price(price).timeInForce(tif).display((byte) display)
                .intermarketSweepEligibility((byte) 'N').minimumQuantity(0);
    }

    CancelOrder cancel(String token, int shares) {
        return cancel.wrapForEncode(buffer, 0).orderToken(token(token)).shares(shares);
    }

    ModifyOrder modify(String token, char side, int shares) {
        return modify.wrapForEncode(buffer, 0).orderToken(token(token)).buySellIndicator((byte) side).shares(shares);
    }
}
