package io.perfplane.cost.system;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import io.perfplane.cost.sizing.Scenario;
import io.perfplane.cost.sizing.SizingPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code perfplane.cost}.
 *
 * @param catalog Spring resource location of the pricing catalog JSON
 * @param consumerGroup Kafka consumer group of the capacity-event listener
 * @param maxRuns runs whose latest estimates {@code GET /estimates} keeps in memory
 * @param publishTimeout how long to wait for Kafka to acknowledge the estimates of one capacity event
 * @param scenarios user scenarios priced for every capacity event (names unique)
 * @param sizing sizing policy
 */
@ConfigurationProperties("perfplane.cost")
public record CostProperties(String catalog, String consumerGroup, int maxRuns, Duration publishTimeout,
    List<Scenario> scenarios, SizingPolicy sizing) {

  public CostProperties {
    Objects.requireNonNull(catalog, "perfplane.cost.catalog");
    Objects.requireNonNull(sizing, "perfplane.cost.sizing");
    scenarios = List.copyOf(Objects.requireNonNull(scenarios, "perfplane.cost.scenarios"));
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("perfplane.cost.scenarios must name at least one scenario");
    }
    if (!scenarios.stream().map(Scenario::name).allMatch(new HashSet<>()::add)) {
      throw new IllegalArgumentException("perfplane.cost.scenarios has duplicate names: " + scenarios);
    }
    if (maxRuns < 1) {
      throw new IllegalArgumentException("perfplane.cost.max-runs must be >= 1: " + maxRuns);
    }
    if (publishTimeout.isNegative() || publishTimeout.isZero()) {
      throw new IllegalArgumentException("perfplane.cost.publish-timeout must be > 0: " + publishTimeout);
    }
  }
}
