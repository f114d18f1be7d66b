package io.perfplane.loadgen.engine;

import java.util.concurrent.CompletableFuture;

import io.perfplane.contracts.RunShard;

/** Writes the shards of distributed runs to {@code run-shards}. */
public interface ShardPublisher {

  /** Partitions of {@code run-shards} as the broker reports them: the most shards a run can have. */
  int partitions();

  /** Sends asynchronously to {@code partition}; the future completes when the broker acknowledged the record. */
  CompletableFuture<?> publish(int partition, RunShard shard);
}
