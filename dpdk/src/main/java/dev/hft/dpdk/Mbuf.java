package dev.hft.dpdk;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;

/**
 * Flyweight over one {@code struct rte_mbuf}: {@code wrap(address)} and read or write its fields in place.
 * Frame bytes live at {@link #dataAddress()} in {@link Native#EVERYTHING}, for {@link #dataLen()} bytes.
 */
public final class Mbuf {

    private static final MemorySegment MEMORY = Native.EVERYTHING;

    private long address;

    public Mbuf wrap(long mbufAddress) {
        this.address = mbufAddress;
        return this;
    }

    public long address() {
        return address;
    }

    public long bufAddr() {
        return MEMORY.get(JAVA_LONG, address + rte_mbuf.BUF_ADDR_OFFSET);
    }

    public int dataOff() {
        return Short.toUnsignedInt(MEMORY.get(JAVA_SHORT, address + rte_mbuf.DATA_OFF_OFFSET));
    }

    public int nbSegs() {
        return Short.toUnsignedInt(MEMORY.get(JAVA_SHORT, address + rte_mbuf.NB_SEGS_OFFSET));
    }

    public int port() {
        return Short.toUnsignedInt(MEMORY.get(JAVA_SHORT, address + rte_mbuf.PORT_OFFSET));
    }

    /** Bytes in the whole chain. */
    public int pktLen() {
        return MEMORY.get(JAVA_INT, address + rte_mbuf.PKT_LEN_OFFSET);
    }

    /** Bytes in this segment. */
    public int dataLen() {
        return Short.toUnsignedInt(MEMORY.get(JAVA_SHORT, address + rte_mbuf.DATA_LEN_OFFSET));
    }

    public int bufLen() {
        return Short.toUnsignedInt(MEMORY.get(JAVA_SHORT, address + rte_mbuf.BUF_LEN_OFFSET));
    }

    /** Room for frame bytes from {@link #dataAddress()} to the end of the buffer. */
    public int tailroom() {
        return bufLen() - dataOff() - dataLen();
    }

    public Mbuf pktLen(int length) {
        MEMORY.set(JAVA_INT, address + rte_mbuf.PKT_LEN_OFFSET, length);
        return this;
    }

    public Mbuf dataLen(int length) {
        MEMORY.set(JAVA_SHORT, address + rte_mbuf.DATA_LEN_OFFSET, (short) length);
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
