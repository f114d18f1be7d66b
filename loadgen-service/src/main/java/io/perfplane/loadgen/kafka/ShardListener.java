package io.perfplane.loadgen.kafka;

import io.perfplane.contracts.RunShard;
import io.perfplane.loadgen.engine.DistributedRuns;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Takes the {@code run-shards} records Kafka assigned to this instance. The offset is committed <em>before</em> the
 * shard starts (at most once): a crash after the commit loses the shard rather than running it twice, and a
 * rebalance after it never restarts a running shard elsewhere.
 */
public final class ShardListener implements AcknowledgingMessageListener<String, RunShard> {

  private static final Logger log = LoggerFactory.getLogger(ShardListener.class);

  private final DistributedRuns runs;

  public ShardListener(DistributedRuns runs) {
    this.runs = runs;
  }

  @Override
  public void onMessage(ConsumerRecord<String, @Nullable RunShard> record, @Nullable Acknowledgment ack) {
    if (ack != null) {
      ack.acknowledge(); // MANUAL_IMMEDIATE: a synchronous commit; throws (and so skips the start) if it fails
    }
    RunShard shard = record.value();
    if (shard == null) {
      log.warn("Undecodable run-shards record at {}-{}@{} skipped", record.topic(), record.partition(),
          record.offset());
      return;
    }
    runs.onShard(shard);
  }
}
