package dev.hft.wire.itch;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;

/**
 * Decodes one ITCH 5.0 message at a time and dispatches it to an {@link ItchListener} as a flyweight wrapped in
 * place (no copy, no allocation). The framing (MoldUDP64, BinaryFILE) supplies each message's length; the decoder
 * checks it against the type's length before reading any field, and reports a bad message as a result code and a
 * counter, never an exception. One decoder per thread: the counters are plain fields.
 */
public final class ItchDecoder {

    /** The message was delivered to the listener. */
    public static final int OK = 0;
    /** The type byte is not an ITCH 5.0 message type; nothing was delivered. */
    public static final int UNKNOWN_TYPE = 1;
    /**
     * The length does not match the type's length (shorter, longer, zero, negative, or past the end of the
     * segment); nothing was delivered.
     */
    public static final int BAD_LENGTH = 2;

    /**
     * Length policy: a message longer than its type's length is rejected as {@link #BAD_LENGTH}. NASDAQ may append
     * fields in a future version; setting this to true would then deliver such messages, reading only the known
     * fields.
     */
    public static final boolean ACCEPT_LONGER_MESSAGES = false;

    private final ItchListener listener;
    private final long[] counts = new long[256];
    private long messages;
    private long unknownTypes;
    private long badLengths;

    private final SystemEvent systemEvent = new SystemEvent();
    private final StockDirectory stockDirectory = new StockDirectory();
    private final StockTradingAction stockTradingAction = new StockTradingAction();
    private final RegShoRestriction regShoRestriction = new RegShoRestriction();
    private final MarketParticipantPosition marketParticipantPosition = new MarketParticipantPosition();
    private final MwcbDeclineLevel mwcbDeclineLevel = new MwcbDeclineLevel();
    private final MwcbStatus mwcbStatus = new MwcbStatus();
    private final IpoQuotingPeriodUpdate ipoQuotingPeriodUpdate = new IpoQuotingPeriodUpdate();
    private final LuldAuctionCollar luldAuctionCollar = new LuldAuctionCollar();
    private final OperationalHalt operationalHalt = new OperationalHalt();
    private final AddOrder addOrder = new AddOrder();
    private final AddOrderMpid addOrderMpid = new AddOrderMpid();
    private final OrderExecuted orderExecuted = new OrderExecuted();
    private final OrderExecutedWithPrice orderExecutedWithPrice = new OrderExecutedWithPrice();
    private final OrderCancel orderCancel = new OrderCancel();
    private final OrderDelete orderDelete = new OrderDelete();
    private final OrderReplace orderReplace = new OrderReplace();
    private final Trade trade = new Trade();
    private final CrossTrade crossTrade = new CrossTrade();
    private final BrokenTrade brokenTrade = new BrokenTrade();
    private final NetOrderImbalanceIndicator netOrderImbalanceIndicator = new NetOrderImbalanceIndicator();
    private final RetailPriceImprovementIndicator retailPriceImprovementIndicator =
            new RetailPriceImprovementIndicator();
    private final DirectListingWithCapitalRaisePriceDiscovery directListing =
            new DirectListingWithCapitalRaisePriceDiscovery();

    public ItchDecoder(ItchListener listener) {
        this.listener = listener;
    }

    /**
     * Decodes the message of {@code length} bytes at {@code offset} in {@code segment}.
     *
     * @return {@link #OK}, {@link #UNKNOWN_TYPE} or {@link #BAD_LENGTH}
     */
    public int decode(MemorySegment segment, long offset, int length) {
        if (length <= 0 || offset < 0 || offset > segment.byteSize() - length) {
            badLengths++;
            return BAD_LENGTH;
        }
        byte type = segment.get(JAVA_BYTE, offset);
        int expected = ItchMessages.length(type);
        if (expected == 0) {
            unknownTypes++;
            return UNKNOWN_TYPE;
        }
        if (length != expected && !(ACCEPT_LONGER_MESSAGES && length > expected)) {
            badLengths++;
            return BAD_LENGTH;
        }
        switch (type) {
            case SystemEvent.MESSAGE_TYPE -> {
                systemEvent.wrap(segment, offset);
                listener.systemEvent(systemEvent);
            }
            case StockDirectory.MESSAGE_TYPE -> {
                stockDirectory.wrap(segment, offset);
                listener.stockDirectory(stockDirectory);
            }
            case StockTradingAction.MESSAGE_TYPE -> {
                stockTradingAction.wrap(segment, offset);
                listener.stockTradingAction(stockTradingAction);
            }
            case RegShoRestriction.MESSAGE_TYPE -> {
                regShoRestriction.wrap(segment, offset);
                listener.regShoRestriction(regShoRestriction);
            }
            case MarketParticipantPosition.MESSAGE_TYPE -> {
                marketParticipantPosition.wrap(segment, offset);
                listener.marketParticipantPosition(marketParticipantPosition);
            }
            case MwcbDeclineLevel.MESSAGE_TYPE -> {
                mwcbDeclineLevel.wrap(segment, offset);
                listener.mwcbDeclineLevel(mwcbDeclineLevel);
            }
            case MwcbStatus.MESSAGE_TYPE -> {
                mwcbStatus.wrap(segment, offset);
                listener.mwcbStatus(mwcbStatus);
            }
            case IpoQuotingPeriodUpdate.MESSAGE_TYPE -> {
                ipoQuotingPeriodUpdate.wrap(segment, offset);
                listener.ipoQuotingPeriodUpdate(ipoQuotingPeriodUpdate);
            }
            case LuldAuctionCollar.MESSAGE_TYPE -> {
                luldAuctionCollar.wrap(segment, offset);
                listener.luldAuctionCollar(luldAuctionCollar);
            }
            case OperationalHalt.MESSAGE_TYPE -> {
                operationalHalt.wrap(segment, offset);
                listener.operationalHalt(operationalHalt);
            }
            case AddOrder.MESSAGE_TYPE -> {
                addOrder.wrap(segment, offset);
                listener.addOrder(addOrder);
            }
            case AddOrderMpid.MESSAGE_TYPE -> {
                addOrderMpid.wrap(segment, offset);
                listener.addOrderMpid(addOrderMpid);
            }
            case OrderExecuted.MESSAGE_TYPE -> {
                orderExecuted.wrap(segment, offset);
                listener.orderExecuted(orderExecuted);
            }
            case OrderExecutedWithPrice.MESSAGE_TYPE -> {
                orderExecutedWithPrice.wrap(segment, offset);
                listener.orderExecutedWithPrice(orderExecutedWithPrice);
            }
            case OrderCancel.MESSAGE_TYPE -> {
                orderCancel.wrap(segment, offset);
                listener.orderCancel(orderCancel);
            }
            case OrderDelete.MESSAGE_TYPE -> {
                orderDelete.wrap(segment, offset);
                listener.orderDelete(orderDelete);
            }
            case OrderReplace.MESSAGE_TYPE -> {
                orderReplace.wrap(segment, offset);
                listener.orderReplace(orderReplace);
            }
            case Trade.MESSAGE_TYPE -> {
                trade.wrap(segment, offset);
                listener.trade(trade);
            }
            case CrossTrade.MESSAGE_TYPE -> {
                crossTrade.wrap(segment, offset);
                listener.crossTrade(crossTrade);
            }
            case BrokenTrade.MESSAGE_TYPE -> {
                brokenTrade.wrap(segment, offset);
                listener.brokenTrade(brokenTrade);
            }
            case NetOrderImbalanceIndicator.MESSAGE_TYPE -> {
                netOrderImbalanceIndicator.wrap(segment, offset);
                listener.netOrderImbalanceIndicator(netOrderImbalanceIndicator);
            }
            case RetailPriceImprovementIndicator.MESSAGE_TYPE -> {
                retailPriceImprovementIndicator.wrap(segment, offset);
                listener.retailPriceImprovementIndicator(retailPriceImprovementIndicator);
            }
            case DirectListingWithCapitalRaisePriceDiscovery.MESSAGE_TYPE -> {
                directListing.wrap(segment, offset);
                listener.directListingWithCapitalRaisePriceDiscovery(directListing);
            }
            default -> {
                unknownTypes++;
                return UNKNOWN_TYPE;
            }
        }
        messages++;
        counts[type & 0xFF]++;
        return OK;
    }

    /** Messages of {@code type} delivered to the listener. */
    public long count(byte type) {
        return counts[type & 0xFF];
    }

    /** Messages delivered to the listener, all types. */
    public long messages() {
        return messages;
    }

    /** Messages dropped as {@link #UNKNOWN_TYPE}. */
    public long unknownTypes() {
        return unknownTypes;
    }

    /** Messages dropped as {@link #BAD_LENGTH}. */
    public long badLengths() {
        return badLengths;
    }

    /** The name of a result code, for logs and reports. */
    public static String resultName(int result) {
        return switch (result) {
            case OK -> "OK";
            case UNKNOWN_TYPE -> "UNKNOWN_TYPE";
            case BAD_LENGTH -> "BAD_LENGTH";
            default -> "UNKNOWN_RESULT(" + result + ")";
        };
    }
}
