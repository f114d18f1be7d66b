package io.perfplane.loadgen.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.context.SmartLifecycle;

/**
 * A control-plane producer (run events, run shards): each send completes a future once Kafka acknowledged it, so
 * callers answer only after Kafka has the record; closed after the runs stopped (the samples publisher's phase).
 */
abstract class AckedProducer<V> implements SmartLifecycle {

  private final Producer<String, V> producer;
  private volatile boolean running;

  AckedProducer(Producer<String, V> producer) {
    this.producer = producer;
  }

  final Producer<String, V> producer() {
    return producer;
  }

  /** Sends; the future fails instead of throwing when the producer refuses the record. */
  final CompletableFuture<RecordMetadata> send(ProducerRecord<String, V> record) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      producer.send(record, (metadata, exception) -> {
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
