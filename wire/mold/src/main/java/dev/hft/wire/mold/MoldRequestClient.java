package dev.hft.wire.mold;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.IntPredicate;

import dev.hft.wire.net.PayloadHandler;

/**
 * Sends MoldUDP64 re-requests from its own unicast socket and receives the replies on it (the server answers
 * to the request's source address). Replies go to a {@link PayloadHandler} as line {@code replyLine}.
 */
public final class MoldRequestClient implements MoldRequester, AutoCloseable {

    private final DatagramChannel channel;
    private final InetSocketAddress server;
    private final ByteBuffer requestBuffer = ByteBuffer.allocateDirect(MoldPacket.HEADER_LENGTH);
    private final MemorySegment request = MemorySegment.ofBuffer(requestBuffer);
    private final ByteBuffer replyBuffer = ByteBuffer.allocateDirect(65536);
    private final MemorySegment reply = MemorySegment.ofBuffer(replyBuffer);
    private long sendFailures;
    /** Length of a reply received but not yet handed over, -1 for none. */
    private int pendingLength = -1;

    public MoldRequestClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0));
        channel.configureBlocking(false);
    }

    @Override
    public void request(MemorySegment session, long sequence, int count) {
        MoldPacket.writeHeader(request, 0, session, sequence, count);
        requestBuffer.clear();
        try {
            if (channel.send(requestBuffer, server) == 0) {
                sendFailures++;
            }
        } catch (IOException e) {
            // the retry timer re-sends; a failed send is counted like a lost request
            sendFailures++;
        }
    }

    /**
     * Hands the replies waiting now to {@code handler}, at most {@code maxReplies}, each only once {@code accept}
     * says its length can be taken; a reply that cannot be taken yet is kept for the next call. Returns how many.
     */
    public int poll(PayloadHandler handler, int replyLine, long receiveNanos, int maxReplies, IntPredicate accept) {
        int n = 0;
        try {
            while (n < maxReplies) {
                if (pendingLength < 0) {
                    replyBuffer.clear();
                    if (channel.receive(replyBuffer) == null) {
                        break;
                    }
                    pendingLength = replyBuffer.position();
                }
                if (!accept.test(pendingLength)) {
                    break;
                }
                int length = pendingLength;
                pendingLength = -1;
                handler.onPayload(reply, 0, length, receiveNanos, replyLine);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /** Hands every reply waiting now to {@code handler}, at most {@code maxReplies}; returns how many. */
    public int poll(PayloadHandler handler, int replyLine, long receiveNanos, int maxReplies) {
        return poll(handler, replyLine, receiveNanos, maxReplies, length -> true);
    }

    public long sendFailures() {
        return sendFailures;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
