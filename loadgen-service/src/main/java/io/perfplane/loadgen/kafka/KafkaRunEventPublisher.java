package io.perfplane.loadgen.kafka;

import java.util.concurrent.CompletableFuture;

import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.loadgen.engine.RunEventPublisher;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes run events to {@code run-events}, key runId. */
public final class KafkaRunEventPublisher extends AckedProducer<RunEvent> implements RunEventPublisher {

  public KafkaRunEventPublisher(Producer<String, RunEvent> producer) {
    super(producer);
  }

  @Override
  public CompletableFuture<RecordMetadata> publish(RunEvent event) {
    return send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), event.getRunId(), event));
  }
}
