package dev.hft.egress;

import java.lang.foreign.MemorySegment;

import dev.hft.wire.soup.SoupClient;

/**
 * OUCH over SoupBinTCP: each message is one Unsequenced Data packet in the client's TX buffer, and a flush
 * writes the whole batch with one socket write. Venue messages arrive as Sequenced Data with their numbers.
 * Orders appended while the client is not logged in are refused ({@link #beginFrame()} is false).
 */
public final class SoupOrderTransport implements OrderTransport, SoupClient.Listener {

    private final SoupClient client;
    private VenueListener listener;
    private SessionListener session;
    private String closedBecause;

    /** Builds the client from its settings, with this transport as its listener. */
    public SoupOrderTransport(java.util.function.Function<SoupClient.Listener, SoupClient> clientFactory) {
        this.client = clientFactory.apply(this);
    }

    public SoupClient client() {
        return client;
    }

    @Override
    public boolean beginFrame() {
        return client.state() == SoupClient.State.LOGGED_IN;
    }

    @Override
    public long append(int length) {
        return client.claimUnsequenced(length);
    }

    @Override
    public MemorySegment segment() {
        return client.txSegment();
    }

    @Override
    public int flush() {
        return client.flush();
    }

    @Override
    public int poll(VenueListener listener, int maxMessages) {
        this.listener = listener;
        return client.poll(maxMessages);
    }

    @Override
    public void onSequencedData(long sequence, MemorySegment segment, long offset, int length) {
        listener.onVenueMessage(sequence, segment, offset, length);
    }

    @Override
    public boolean hasSession() {
        return true;
    }

    @Override
    public void sessionListener(SessionListener listener) {
        this.session = listener;
    }

    @Override
    public void onLoginAccepted(String name, long nextSequence) {
        if (session != null) {
            session.onLoggedIn(name, nextSequence);
        }
    }

    @Override
    public void onDisconnected() {
        if (session != null) {
            session.onDisconnected();
        }
    }

    @Override
    public void onLoginRejected(byte reasonCode) {
        closed("login rejected (reason " + (char) reasonCode + (reasonCode == 'S' ? ": session not available, or in use"
                : reasonCode == 'A' ? ": not authorized" : "") + ")");
    }

    @Override
    public void onEndOfSession() {
        closed("end of session");
    }

    @Override
    public void onSequenceMismatch(long requested, long offered) {
        closed("login asked for sequence " + requested + " and the venue offered " + offered
                + ": its session is not the one the journal knows (a venue restart or another day)");
    }

    private void closed(String why) {
        closedBecause = why;
        if (session != null) {
            session.onClosed(why);
        }
    }

    /** Why the session ended for good, or null while it has not. */
    public String closedBecause() {
        return closedBecause;
    }

    @Override
    public void close() {
        client.logout();
    }
}
