package io.perfplane.loadgen.kafka;

import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.loadgen.engine.RunRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * Obeys requests on {@code abort-requests} (from the analyzer when an abort-on-fail SLO fails, and from the loadgen
 * instance asked to stop a distributed run or whose shard's abort-on-fail threshold failed) for runs this generator
 * executes, every shard of them. Every generator instance consumes every request (its own consumer group), because
 * any of them may be executing part of the run.
 */
public final class AbortRequestListener implements MessageListener<String, AbortRequest> {

  private static final Logger log = LoggerFactory.getLogger(AbortRequestListener.class);

  private final RunRegistry registry;

  public AbortRequestListener(RunRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onMessage(ConsumerRecord<String, @Nullable AbortRequest> record) {
    AbortRequest request = record.value();
    if (request != null) {
      obey(request.getRunId(), request.getRequestedBy(), request.getReason(), "abort-requests");
    }
  }

  private void obey(String runId, String requestedBy, @Nullable String reason, String via) {
    String why = reason == null || reason.isBlank() ? "abort requested by " + requestedBy : reason;
    if (registry.abortIfRunning(runId, why)) {
      log.info("Run {} aborting on a request on {} from {}: {}", runId, via, requestedBy, why);
    }
  }

  /**
   * A listener of {@code run-events} obeying {@code ABORT_REQUESTED}, the command's place before it got a topic of its
   * own: analyzers and loadgen instances of the earlier layout still write it during a rolling upgrade.
   *
   * @deprecated nothing writes {@code ABORT_REQUESTED} since 0.1.0; removed in 0.2.0 with its consumer (ADR 6)
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public MessageListener<String, RunEvent> legacyRunEvents() {
    return record -> {
      RunEvent event = record.value();
      if (event != null && event.getType() == RunEventType.ABORT_REQUESTED) {
        obey(event.getRunId(), event.getGeneratorId(), event.getReason(), "run-events (legacy)");
      }
    };
  }
}
