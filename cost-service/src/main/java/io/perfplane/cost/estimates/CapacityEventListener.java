package io.perfplane.cost.estimates;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.cloudevents.CloudEvents;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.cost.catalog.PricingCatalog;
import io.perfplane.cost.scenario.Scenario;
import io.perfplane.cost.scenario.Scenarios;
import io.perfplane.cost.sizing.CostEstimator;
import io.perfplane.cost.sizing.Estimate;
import io.perfplane.cost.sizing.MeasuredCapacity;
import io.perfplane.cost.sizing.SizingPolicy;
import io.perfplane.cost.sizing.Strategy;
import io.perfplane.cost.system.CostProperties;
import io.perfplane.cost.terraform.Tfvars;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Recomputes every scenario × strategy for each capacity event: stores the estimates (idempotently, see
 * {@link EstimateRepository}), publishes them on {@code cost-estimates} keyed {@code <runId>|<scenario>} (on-demand)
 * or {@code <runId>|<scenario>/<strategy>}, and exports each scenario's on-demand tfvars. Returns only after Kafka
 * acknowledged all of them, so the event's offset is committed after its estimates are durable (at-least-once; a
 * redelivery stores nothing new and republishes byte-identical records under the same keys).
 *
 * <p>A scenario that cannot be sized from the capacity (no load level held the SLOs, so {@code rpsPerReplica <= 0},
 * or a replica larger than any node) is skipped with a warning and counted in {@code perfplane.cost.events.skipped}:
 * a cost computed from an invented floor would look like a real figure downstream.
 */
@Component
class CapacityEventListener {

  private static final Logger log = LoggerFactory.getLogger(CapacityEventListener.class);

  private final CostEstimator estimator;
  private final List<Scenario> scenarios;
  private final SizingPolicy policy;
  private final PricingCatalog catalog;
  private final CostProperties properties;
  private final KafkaTemplate<String, CostEstimate> template;
  /** The CloudEvents JSON sibling ({@code cost-estimates.json}): the same estimates for consumers without Avro. */
  private final KafkaTemplate<String, String> jsonTemplate;
  private final EstimateRepository repository;
  private final TfvarsWriter tfvars;
  private final Clock clock;
  private final Counter skipped;
  private final Counter published;
  private final Counter stored;
  private final RunCostMeters runCosts;

  CapacityEventListener(CostEstimator estimator, Scenarios scenarios, SizingPolicy policy, PricingCatalog catalog,
      CostProperties properties, KafkaTemplate<String, CostEstimate> template,
      KafkaTemplate<String, String> jsonTemplate, EstimateRepository repository, TfvarsWriter tfvars, Clock clock,
      MeterRegistry meters) {
    this.estimator = estimator;
    this.scenarios = scenarios.all();
    this.policy = policy;
    this.catalog = catalog;
    this.properties = properties;
    this.template = template;
    this.jsonTemplate = jsonTemplate;
    this.repository = repository;
    this.tfvars = tfvars;
    this.clock = clock;
    this.skipped = Counter.builder("perfplane.cost.events.skipped")
        .description("Scenarios of capacity events no fleet could be sized from").register(meters);
    this.published = Counter.builder("perfplane.cost.estimates.published")
        .description("Cost estimates acknowledged by Kafka").register(meters);
    this.stored = Counter.builder("perfplane.cost.estimates.stored")
        .description("Cost estimates newly stored (replays store none)").register(meters);
    this.runCosts = new RunCostMeters(meters);
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
    List<EstimateRepository.Fingerprinted> estimates = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      String unsizeable = estimator.unsizeableReason(scenario, capacity);
      if (unsizeable != null) {
        skipped.increment();
        log.warn("Not pricing run {} for scenario {}: {}", event.getRunId(), scenario.name(), unsizeable);
        continue;
      }
      for (Estimate estimate : estimator.estimateAll(scenario, capacity)) {
        estimates.add(new EstimateRepository.Fingerprinted(
            new RunEstimate(event.getRunId(), event.getAtUs(), estimate),
            EstimateInputs.sha256(event, scenario, policy, catalog.version(), estimate.strategy()),
            Tfvars.of(event.getRunId(), estimate)));
      }
    }
    if (estimates.isEmpty()) {
      return;
    }
    int inserted = repository.saveAll(estimates, clock.instant());
    stored.increment(inserted);
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (EstimateRepository.Fingerprinted f : estimates) {
      RunEstimate estimate = f.estimate();
      String key = Topics.costKey(estimate.runId(), estimate.estimate().qualifiedName());
      CostEstimate avro = CostEstimateMessages.toAvro(estimate);
      sends.add(template.send(Topics.COST_ESTIMATES.name(), key, avro));
      sends.add(jsonTemplate.send(Topics.COST_ESTIMATES_JSON.name(), key, CloudEvents.cost(key, avro)));
    }
    awaitAcknowledged(event.getRunId(), sends);
    published.increment(estimates.size());
    runCosts.priced(event.getRunId(), estimates.stream().map(EstimateRepository.Fingerprinted::estimate).toList());
    estimates.stream().filter(f -> f.estimate().estimate().strategy() == Strategy.ON_DEMAND)
        .forEach(f -> tfvars.write(f.estimate().estimate().scenario().name(), f.tfvars()));
    log.info("Priced run {}: {} estimates ({} new){}", event.getRunId(), estimates.size(), inserted,
        tfvars.enabled() ? ", tfvars written under " + properties.tfvarsDir() : "");
  }

  private void awaitAcknowledged(String runId, List<CompletableFuture<?>> sends) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted publishing cost estimates of run " + runId, e);
    } catch (ExecutionException | TimeoutException e) {
      // Thrown to the container: the offset is not committed and the error handler retries the event.
      throw new KafkaException("cost estimates of run " + runId + " not acknowledged", e);
    }
  }
}
