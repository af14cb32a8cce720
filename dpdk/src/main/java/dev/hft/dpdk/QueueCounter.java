package dev.hft.dpdk;

/** What a queue counts. RX queues use the {@code RX_} slots, TX queues the {@code TX_} slots. */
public enum QueueCounter {
    RX_PACKETS,
    RX_BYTES,
    /** A frame that spans several mbufs (larger than the data room, scatter enabled): freed, not delivered. */
    RX_DROP_MULTI_SEGMENT,
    TX_PACKETS,
    TX_BYTES,
    /** tx_burst calls repeated because the previous one took only part of the burst. */
    TX_RETRIES,
    /** Frames still unsent after the retries: freed. */
    TX_DROP_FULL,
    /** No mbuf in the pool to build a frame in. */
    TX_DROP_NO_MBUF,
    /** A frame longer than the mbuf data room. */
    TX_DROP_TOO_LONG
}
