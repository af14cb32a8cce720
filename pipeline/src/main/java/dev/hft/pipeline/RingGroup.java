package dev.hft.pipeline;

/** The replicas of one ring, one per shard of its consumer; size 1 for an unsharded consumer. */
public interface RingGroup<E> {

    int size();

    Ring<E> get(int index);

    String name();
}
