package io.perfplane.loadgen.kafka;

import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.loadgen.engine.RunRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * Obeys {@code ABORT_REQUESTED} run events (emitted by the analyzer when an abort-on-fail threshold fails, and by
 * the loadgen instance asked to stop a distributed run) for runs this generator executes, every shard of them.
 * Every generator instance consumes every event (its own consumer group), because any of them may be executing part
 * of the run.
 */
public final class AbortRequestListener implements MessageListener<String, RunEvent> {

  private static final Logger log = LoggerFactory.getLogger(AbortRequestListener.class);

  private final RunRegistry registry;

  public AbortRequestListener(RunRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onMessage(ConsumerRecord<String, @Nullable RunEvent> record) {
    RunEvent event = record.value();
    if (event == null || event.getType() != RunEventType.ABORT_REQUESTED) {
      return;
    }
    String reason = event.getReason() == null || event.getReason().isBlank()
        ? "abort requested by " + event.getGeneratorId() : event.getReason();
    if (registry.abortIfRunning(event.getRunId(), reason)) {
      log.info("Run {} aborting on ABORT_REQUESTED from {}: {}", event.getRunId(), event.getGeneratorId(), reason);
    }
  }
}
