package io.perfplane.loadgen.run;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.perfplane.contracts.RunShard;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.context.SmartLifecycle;

/** {@link ShardPublisher} on an idempotent producer; closed after the runs stopped. */
final class KafkaShardPublisher implements ShardPublisher, SmartLifecycle {

  private final Producer<String, RunShard> producer;
  private volatile boolean running;

  KafkaShardPublisher(Producer<String, RunShard> producer) {
    this.producer = producer;
  }

  @Override
  public int partitions() {
    // Fetches metadata the first time (bounded by max.block.ms): the topic as created, not the catalog's intent.
    return producer.partitionsFor(Topics.RUN_SHARDS.name()).size();
  }

  @Override
  public CompletableFuture<RecordMetadata> publish(int partition, RunShard shard) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(Topics.RUN_SHARDS.name(), partition,
          Topics.shardKey(shard.getRunId(), shard.getShardIndex()), shard), (metadata, exception) -> {
            if (exception == null) {
              acked.complete(metadata);
            } else {
              acked.completeExceptionally(exception);
            }
          });
    } catch (RuntimeException e) {
      acked.completeExceptionally(e);
    }
    return acked;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    producer.close(Duration.ofSeconds(10));
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return KafkaSamplePublisher.PHASE;
  }
}
