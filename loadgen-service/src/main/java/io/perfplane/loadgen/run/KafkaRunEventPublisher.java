package io.perfplane.loadgen.run;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.context.SmartLifecycle;

/** Publishes run events to {@code run-events}, key runId. */
final class KafkaRunEventPublisher implements RunEventPublisher, SmartLifecycle {

  private final Producer<String, RunEvent> producer;
  private volatile boolean running;

  KafkaRunEventPublisher(Producer<String, RunEvent> producer) {
    this.producer = producer;
  }

  @Override
  public CompletableFuture<RecordMetadata> publish(RunEvent event) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), event.getRunId(), event), (metadata, exception) -> {
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
