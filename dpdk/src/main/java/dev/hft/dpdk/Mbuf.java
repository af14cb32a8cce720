package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.hft.dpdk.ffi.rte_mbuf;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Flyweight over one {@code struct rte_mbuf}: {@code wrap(address)} and read or write its fields in place.
 * Frame bytes live at {@link #dataAddress()} in {@link Native#EVERYTHING}, for {@link #dataLen()} bytes.
 * Offsets and field types are the generated {@link rte_mbuf}'s; {@code buf_addr} is read as a 64-bit value, not as
 * an address, which would allocate a segment.
 */
public final class Mbuf {

    private static final MemorySegment MEMORY = Native.EVERYTHING;

    private static final long BUF_ADDR = rte_mbuf.buf_addr$offset();
    private static final long DATA_OFF = rte_mbuf.data_off$offset();
    private static final long NB_SEGS = rte_mbuf.nb_segs$offset();
    private static final long PORT = rte_mbuf.port$offset();
    private static final long PKT_LEN = rte_mbuf.pkt_len$offset();
    private static final long DATA_LEN = rte_mbuf.data_len$offset();
    private static final long BUF_LEN = rte_mbuf.buf_len$offset();
    private static final ValueLayout.OfShort DATA_OFF_LAYOUT = rte_mbuf.data_off$layout();
    private static final ValueLayout.OfShort NB_SEGS_LAYOUT = rte_mbuf.nb_segs$layout();
    private static final ValueLayout.OfShort PORT_LAYOUT = rte_mbuf.port$layout();
    private static final ValueLayout.OfInt PKT_LEN_LAYOUT = rte_mbuf.pkt_len$layout();
    private static final ValueLayout.OfShort DATA_LEN_LAYOUT = rte_mbuf.data_len$layout();
    private static final ValueLayout.OfShort BUF_LEN_LAYOUT = rte_mbuf.buf_len$layout();

    private long address;

    public Mbuf wrap(long mbufAddress) {
        this.address = mbufAddress;
        return this;
    }

    public long address() {
        return address;
    }

    public long bufAddr() {
        return MEMORY.get(JAVA_LONG, address + BUF_ADDR);
    }

    public int dataOff() {
        return Short.toUnsignedInt(MEMORY.get(DATA_OFF_LAYOUT, address + DATA_OFF));
    }

    public int nbSegs() {
        return Short.toUnsignedInt(MEMORY.get(NB_SEGS_LAYOUT, address + NB_SEGS));
    }

    public int port() {
        return Short.toUnsignedInt(MEMORY.get(PORT_LAYOUT, address + PORT));
    }

    /** Bytes in the whole chain. */
    public int pktLen() {
        return MEMORY.get(PKT_LEN_LAYOUT, address + PKT_LEN);
    }

    /** Bytes in this segment. */
    public int dataLen() {
        return Short.toUnsignedInt(MEMORY.get(DATA_LEN_LAYOUT, address + DATA_LEN));
    }

    public int bufLen() {
        return Short.toUnsignedInt(MEMORY.get(BUF_LEN_LAYOUT, address + BUF_LEN));
    }

    /** Room for frame bytes from {@link #dataAddress()} to the end of the buffer. */
    public int tailroom() {
        return bufLen() - dataOff() - dataLen();
    }

    public Mbuf pktLen(int length) {
        MEMORY.set(PKT_LEN_LAYOUT, address + PKT_LEN, length);
        return this;
    }

    public Mbuf dataLen(int length) {
        MEMORY.set(DATA_LEN_LAYOUT, address + DATA_LEN, (short) length);
        return this;
    }

    /** Absolute address of the first frame byte: {@code buf_addr + data_off}. */
    public long dataAddress() {
        return bufAddr() + dataOff();
    }

    /** A bounded segment over this segment's frame bytes; allocates a segment object (use off the hot path). */
    public MemorySegment data() {
        return MemorySegment.ofAddress(dataAddress()).reinterpret(dataLen());
    }
}
