package io.perfplane.cost.estimates;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.cost.sizing.CostEstimator;
import io.perfplane.cost.sizing.MeasuredCapacity;
import io.perfplane.cost.sizing.Scenario;
import io.perfplane.cost.system.CostProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Prices every capacity event for each configured scenario and publishes one {@link CostEstimate} per scenario,
 * keyed {@code <runId>|<scenario>}. Returns only after Kafka acknowledged all of them, so the event's offset is
 * committed after its estimates are durable (at-least-once).
 *
 * <p>An event whose capacity cannot be sized from (no load level held the SLOs, so {@code rpsPerReplica <= 0}, or
 * a replica larger than a node) is skipped with a warning and counted in {@code perfplane.cost.events.skipped}:
 * a cost computed from an invented floor would look like a real figure downstream.
 */
@Component
class CapacityEventListener {

  private static final Logger log = LoggerFactory.getLogger(CapacityEventListener.class);

  private final CostEstimator estimator;
  private final List<Scenario> scenarios;
  private final Duration publishTimeout;
  private final KafkaTemplate<String, CostEstimate> template;
  private final EstimateStore store;
  private final Clock clock;
  private final Counter skipped;
  private final Counter published;

  CapacityEventListener(CostEstimator estimator, CostProperties properties,
      KafkaTemplate<String, CostEstimate> template, EstimateStore store, Clock clock, MeterRegistry meters) {
    this.estimator = estimator;
    this.scenarios = properties.scenarios();
    this.publishTimeout = properties.publishTimeout();
    this.template = template;
    this.store = store;
    this.clock = clock;
    this.skipped = Counter.builder("perfplane.cost.events.skipped")
        .description("Capacity events no fleet could be sized from").register(meters);
    this.published = Counter.builder("perfplane.cost.estimates.published")
        .description("Cost estimates acknowledged by Kafka").register(meters);
  }

  @KafkaListener(id = "cost-capacity-events",
      topics = "#{T(io.perfplane.contracts.kafka.Topics).CAPACITY_EVENTS.name()}",
      groupId = "${perfplane.cost.consumer-group}", containerFactory = "capacityEventContainerFactory")
  void onCapacityEvent(ConsumerRecord<String, CapacityEvent> record) {
    CapacityEvent event = record.value();
    if (event == null) {
      return; // tombstone on the compacted topic: nothing to price
    }
    MeasuredCapacity capacity = CostEstimateMessages.capacityOf(event);
    String unsizeable = estimator.unsizeableReason(capacity);
    if (unsizeable != null) {
      skipped.increment();
      log.warn("Not pricing run {}: {}", event.getRunId(), unsizeable);
      return;
    }
    long atUs = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    List<RunEstimate> estimates = scenarios.stream()
        .map(scenario -> new RunEstimate(event.getRunId(), atUs, estimator.estimate(scenario, capacity)))
        .toList();
    List<CompletableFuture<SendResult<String, CostEstimate>>> sends = new ArrayList<>();
    for (RunEstimate estimate : estimates) {
      sends.add(template.send(Topics.COST_ESTIMATES.name(),
          Topics.costKey(estimate.runId(), estimate.estimate().scenario().name()),
          CostEstimateMessages.toAvro(estimate)));
    }
    awaitAcknowledged(event.getRunId(), sends);
    estimates.forEach(store::put);
    published.increment(estimates.size());
    log.info("Priced run {} for {} scenarios", event.getRunId(), estimates.size());
  }

  private void awaitAcknowledged(String runId, List<CompletableFuture<SendResult<String, CostEstimate>>> sends) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted publishing cost estimates of run " + runId, e);
    } catch (ExecutionException | TimeoutException e) {
      // Thrown to the container: the offset is not committed and the error handler retries the event.
      throw new KafkaException("cost estimates of run " + runId + " not acknowledged", e);
    }
  }
}
