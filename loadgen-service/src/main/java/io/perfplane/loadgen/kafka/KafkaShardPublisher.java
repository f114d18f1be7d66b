package io.perfplane.loadgen.kafka;

import java.util.concurrent.CompletableFuture;

import io.perfplane.contracts.RunShard;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.loadgen.engine.ShardPublisher;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** {@link ShardPublisher} on an idempotent producer; closed after the runs stopped. */
public final class KafkaShardPublisher extends AckedProducer<RunShard> implements ShardPublisher {

  public KafkaShardPublisher(Producer<String, RunShard> producer) {
    super(producer);
  }

  @Override
  public int partitions() {
    // Fetches metadata the first time (bounded by max.block.ms): the topic as created, not the catalog's intent.
    return producer().partitionsFor(Topics.RUN_SHARDS.name()).size();
  }

  @Override
  public CompletableFuture<RecordMetadata> publish(int partition, RunShard shard) {
    return send(new ProducerRecord<>(Topics.RUN_SHARDS.name(), partition,
        Topics.shardKey(shard.getRunId(), shard.getShardIndex()), shard));
  }
}
