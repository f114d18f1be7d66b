package io.perfplane.loadgen.kafka;

import java.util.concurrent.CompletableFuture;

import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.loadgen.engine.RunEventPublisher;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes run events to {@code run-events} and abort requests to {@code abort-requests}, key runId. */
public final class KafkaRunEventPublisher extends AckedProducer<RunEvent> implements RunEventPublisher {

  private final AbortRequests aborts;

  public KafkaRunEventPublisher(Producer<String, RunEvent> producer, Producer<String, AbortRequest> aborts) {
    super(producer);
    this.aborts = new AbortRequests(aborts);
  }

  @Override
  public CompletableFuture<RecordMetadata> publish(RunEvent event) {
    return send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), event.getRunId(), event));
  }

  @Override
  public CompletableFuture<RecordMetadata> requestAbort(AbortRequest request) {
    return aborts.send(new ProducerRecord<>(Topics.ABORT_REQUESTS.name(), request.getRunId(), request));
  }

  /** The producer of {@code abort-requests}: a value type of its own, so a producer of its own. */
  private static final class AbortRequests extends AckedProducer<AbortRequest> {
    AbortRequests(Producer<String, AbortRequest> producer) {
      super(producer);
    }
  }
}
